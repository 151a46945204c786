import type { OperationContext } from '../context.js';

/**
 * Who is acting. The operations record it (revisions, notes, preview links)
 * but do not check the role: what each role may do is the API layer's rule.
 */
export interface Actor {
  id: number;
  role: string;
}

export interface EditorialContext extends OperationContext {
  actor: Actor;
}
