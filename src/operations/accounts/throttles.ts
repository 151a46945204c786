import { AppError } from '../../lib/errors.js';
import type { Clock } from '../../lib/clock.js';
import type { Store } from '../../content/store.js';
import type { RateDecision, RateLimiter, RateRule } from '../../rate-limit/rate-limiter.js';
import { storeRateLimiter } from '../../rate-limit/store-rate-limiter.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The account limits, counted in the store (so they hold across processes
 * and machines). Sign-in counts attempts before the password is checked and
 * gives a successful one back, so concurrent guesses cannot all be checked.
 */
export const THROTTLES = {
  /** Sign-ins for one account from devices it has not signed in from. */
  signInAccount: { name: 'sign-in-account', limit: 5, windowMs: 15 * MINUTE },
  /** Sign-ins from one address (an IPv6 /64), whatever the account. */
  signInAddress: { name: 'sign-in-address', limit: 30, windowMs: 15 * MINUTE },
  /** Sign-ins from one device the account signed in from before: its own count, so a lock on the account does not shut its owner out. */
  signInDevice: { name: 'sign-in-device', limit: 5, windowMs: 15 * MINUTE },
  /** Reset emails to one address; past it the request still answers 202 but sends nothing. */
  resetAccount: { name: 'reset-account', limit: 3, windowMs: HOUR },
  /** Reset requests from one client address, whatever the email: past it, 429. */
  resetAddress: { name: 'reset-address', limit: 10, windowMs: HOUR },
  /** Invitations to one email. */
  inviteAccount: { name: 'invite-account', limit: 3, windowMs: HOUR },
  /** Invitations sent from one client address. */
  inviteAddress: { name: 'invite-address', limit: 30, windowMs: HOUR },
} as const satisfies Record<string, RateRule>;

/** The store-backed limiter, built from the operation's context (it holds nothing but a sweep time). */
export function accountLimiter(context: { store: Store; clock: Clock }): RateLimiter {
  return storeRateLimiter(context);
}

function waitText(seconds: number): string {
  return seconds >= 90 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
}

export function tooManyRequests(what: string, decision: RateDecision, advice = ''): AppError {
  return new AppError('TOO_MANY_REQUESTS', `${what}; try again in ${waitText(decision.retryAfterSeconds)}${advice}`, {
    details: { retryAfterSeconds: decision.retryAfterSeconds },
  });
}
