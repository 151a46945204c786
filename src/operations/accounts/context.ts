import type { Mailer } from '../../mail/mailer.js';
import type { OperationContext } from '../context.js';

/** Account operations also send mail and make links back to the site. */
export interface AccountsContext extends OperationContext {
  mailer: Mailer;
  /** The public address links in emails point to, without a trailing slash. */
  siteUrl: string;
}
