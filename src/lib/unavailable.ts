import { AppError } from './errors.js';

/** How long clients are told to wait before asking again while the store is down (Retry-After). */
export const RETRY_AFTER_SECONDS = 5;

/** The one error an unreachable store becomes, whatever the engine said: readers see a 503, never the driver's words. */
export function storeUnavailable(cause: unknown): AppError {
  return new AppError('STORE_UNAVAILABLE', 'The database cannot be reached at the moment; try again in a few seconds.', { cause });
}

export function isStoreUnavailable(error: unknown): boolean {
  return error instanceof AppError && error.code === 'STORE_UNAVAILABLE';
}
