import BetterSqlite3 from 'better-sqlite3';

/** How often a start that finds the lock taken looks again. */
const RETRY_MS = 100;

/**
 * Runs fn while holding an exclusive transaction on a small lock database
 * beside the store's file (`masthead.sqlite.start-lock`): processes starting
 * together on one file migrate and seed one after the other. The lock is not
 * on the store's own file, whose writers fn needs; the operating system
 * releases it when a process dies, so no stale lock is ever left to clear.
 * It waits without blocking the event loop (busy timeout 0, retried).
 */
export async function withSqliteStartLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
  if (file === ':memory:') return fn();
  const lock = new BetterSqlite3(`${file}.start-lock`);
  try {
    lock.pragma('busy_timeout = 0');
    for (;;) {
      try {
        lock.exec('BEGIN EXCLUSIVE');
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
    return await fn();
  } finally {
    if (lock.inTransaction) lock.exec('ROLLBACK');
    lock.close();
  }
}
