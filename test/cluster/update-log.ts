import type { Cluster } from './harness.js';

/**
 * Counts committed updates of each post, for "every page is re-rendered
 * exactly once". pg_stat_user_tables' n_tup_upd would count the updates of a
 * transaction that a killed instance left unfinished too (statistics count
 * attempts, committed or not), so it cannot tell a correct resume from a
 * batch done twice; a row written by a trigger is rolled back with the update
 * that wrote it, so this log holds exactly the updates that took effect. It is
 * the test's own instrument, on the test's own database.
 */
export async function startUpdateLog(cluster: Cluster): Promise<{ perPost(): Promise<Map<number, number>>; stop(): Promise<void> }> {
  await cluster.sql(`CREATE TABLE cluster_test_post_updates (post_id INTEGER NOT NULL)`);
  await cluster.sql(`CREATE FUNCTION cluster_test_log_post_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN INSERT INTO cluster_test_post_updates (post_id) VALUES (NEW.id); RETURN NULL; END $$`);
  await cluster.sql(`CREATE TRIGGER cluster_test_post_updates AFTER UPDATE ON posts FOR EACH ROW EXECUTE FUNCTION cluster_test_log_post_update()`);
  return {
    async perPost() {
      const rows = await cluster.sql<{ id: number; updates: number }>(
        `SELECT p.id, count(u.post_id)::int AS updates FROM posts p LEFT JOIN cluster_test_post_updates u ON u.post_id = p.id GROUP BY p.id`,
      );
      return new Map(rows.map((row) => [row.id, row.updates]));
    },
    async stop() {
      await cluster.sql(`DROP TRIGGER IF EXISTS cluster_test_post_updates ON posts`);
    },
  };
}
