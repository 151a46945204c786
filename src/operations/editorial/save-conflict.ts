import { AppError } from '../../lib/errors.js';
import type { RevisionAction } from '../../content/store-editorial.js';
import type { PersonRef } from '../../content/types.js';

/** The save that got there first. */
export interface StoredSave {
  revision: number;
  action: RevisionAction | null;
  savedAt: string;
  /** Null for the scheduler and for saves made without an account. */
  savedBy: PersonRef | null;
}

/**
 * A save refused because the post moved on since its editor opened it.
 * Nothing of it was written; it carries the refused changes back whole so the
 * newsroom can offer them as a copy beside the stored version, not lose them.
 */
export class SaveConflict extends AppError {
  readonly stored: StoredSave;
  readonly refused: { revision: number; changes: Record<string, unknown> };

  constructor(input: { stored: StoredSave; refused: { revision: number; changes: Record<string, unknown> } }) {
    const { stored, refused } = input;
    const who = stored.savedBy ? stored.savedBy.name : stored.action === 'scheduled-publish' ? 'the scheduler' : 'someone without an account';
    const message = `${who} saved this post at ${stored.savedAt} (revision ${stored.revision}) after you opened revision ${refused.revision}; your changes were not saved`;
    super('CONFLICT', message.charAt(0).toUpperCase() + message.slice(1), {
      issues: [{ path: '/revision', message: `is ${refused.revision}, but ${who} saved revision ${stored.revision} at ${stored.savedAt}` }],
      details: { current: stored, refused },
    });
    this.name = 'SaveConflict';
    this.stored = stored;
    this.refused = refused;
  }
}
