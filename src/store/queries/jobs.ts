import { sql, type Selectable, type UpdateObject } from 'kysely';
import type { ClaimedJob, Job, JobProgress, JobStatus, JobStore } from '../../content/store-jobs.js';
import { JOB_STATUSES } from '../../content/store-jobs.js';
import type { SqlDialect } from '../dialect.js';
import { fromJson } from '../rows.js';
import type { Database, JobsTable } from '../schema.js';

const PENDING = ['queued', 'running'] as const;
const START: JobProgress = { done: 0, total: null, checkpoint: null };

function toJob(row: Selectable<JobsTable>): Job {
  return {
    id: Number(row.id),
    kind: row.kind,
    payload: fromJson<unknown>(row.payload),
    status: row.status as JobStatus,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    runAfter: row.run_after,
    claimedBy: row.claimed_by,
    leaseUntil: row.lease_until,
    progress: fromJson<JobProgress>(row.progress),
    lastError: row.last_error,
    dedupeKey: row.dedupe_key,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

export function jobQueries(dialect: SqlDialect): JobStore {
  const { db } = dialect;
  /**
   * Writes to a running job only while the claim is still this holder's: a
   * holder whose lease was taken over changes nothing. True when it wrote.
   */
  const updateHeld = async (id: number, claimToken: string, values: UpdateObject<Database, 'jobs'>): Promise<boolean> => {
    const result = await db
      .updateTable('jobs')
      .set(values)
      .where('id', '=', id)
      .where('claim_token', '=', claimToken)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  };
  return {
    async enqueue(job) {
      const values = {
        kind: job.kind,
        payload: JSON.stringify(job.payload ?? null),
        status: 'queued',
        max_attempts: job.maxAttempts,
        run_after: job.now,
        progress: JSON.stringify(START),
        dedupe_key: job.dedupeKey ?? null,
        created_at: job.now,
        updated_at: job.now,
      };
      // Two attempts: a pending job the first found may finish before it is read back.
      for (let attempt = 0; attempt < 2; attempt++) {
        // One statement: two enqueues at once leave one pending job (the partial unique index decides).
        const inserted = await db
          .insertInto('jobs')
          .values(values)
          .onConflict((conflict) => {
            // The index's own predicate, as literals: SQLite matches an upsert to a partial index only when it can see that it implies the index's.
            const target = conflict.column('dedupe_key').where(sql<boolean>`status IN ('queued', 'running')`);
            if (job.onPending !== 'restart') return target.doNothing();
            // Restarted: its holder's token is cleared, so the holder's next fenced write fails and it stops.
            return target.doUpdateSet({
              payload: values.payload,
              status: 'queued',
              attempts: 0,
              run_after: job.now,
              claimed_by: null,
              claim_token: null,
              lease_until: null,
              progress: values.progress,
              last_error: null,
              updated_at: job.now,
            });
          })
          .returningAll()
          .executeTakeFirst();
        if (inserted) return toJob(inserted);
        const pending = await db.selectFrom('jobs').selectAll().where('dedupe_key', '=', job.dedupeKey!).where('status', 'in', PENDING).executeTakeFirst();
        if (pending) return toJob(pending);
      }
      throw new Error(`Could not queue a ${job.kind} job`);
    },

    async claim({ kinds, claimedBy, claimToken, now, leaseUntil }) {
      if (kinds.length === 0) return undefined;
      // Due and queued, or running on a lease that has run out (its holder died): the claim takes it over
      // from its checkpoint. The outer WHERE repeats the test, so a row another claim took meanwhile is left.
      const isClaimable = sql<boolean>`((status = 'queued' AND run_after <= ${now}) OR (status = 'running' AND lease_until < ${now}))`;
      const result = await sql<Selectable<JobsTable>>`
        UPDATE jobs SET status = 'running', attempts = attempts + 1, claimed_by = ${claimedBy}, claim_token = ${claimToken},
          lease_until = ${leaseUntil}, updated_at = ${now}
        WHERE id = (
          SELECT id FROM jobs WHERE kind IN (${sql.join(kinds)}) AND ${isClaimable}
          ORDER BY run_after, id LIMIT 1 ${dialect.skipLocked}
        ) AND ${isClaimable}
        RETURNING *`.execute(db);
      const row = result.rows[0];
      return row ? ({ ...toJob(row), claimToken: row.claim_token! } satisfies ClaimedJob) : undefined;
    },

    async extendLease({ id, claimToken, leaseUntil, now }) {
      return updateHeld(id, claimToken, { lease_until: leaseUntil, updated_at: now });
    },

    async saveProgress({ id, claimToken, progress, leaseUntil, now }) {
      return updateHeld(id, claimToken, { progress: JSON.stringify(progress), lease_until: leaseUntil, updated_at: now });
    },

    async complete({ id, claimToken, progress, now }) {
      return updateHeld(id, claimToken, {
        status: 'done',
        lease_until: null,
        updated_at: now,
        finished_at: now,
        last_error: null,
        ...(progress ? { progress: JSON.stringify(progress) } : {}),
      });
    },

    async release({ id, claimToken, now }) {
      return updateHeld(id, claimToken, { status: 'queued', attempts: sql<number>`attempts - 1`, run_after: now, claim_token: null, lease_until: null, updated_at: now });
    },

    async fail({ id, claimToken, error, retryAt, now }) {
      return updateHeld(
        id,
        claimToken,
        retryAt
          ? { status: 'queued', run_after: retryAt, claim_token: null, lease_until: null, last_error: error, updated_at: now }
          : { status: 'failed', lease_until: null, last_error: error, updated_at: now, finished_at: now },
      );
    },

    async findById(id) {
      const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toJob(row);
    },

    async list({ statuses, kind, limit, offset }) {
      let query = db.selectFrom('jobs').selectAll();
      if (statuses && statuses.length > 0) query = query.where('status', 'in', statuses);
      if (kind) query = query.where('kind', '=', kind);
      const rows = await query.orderBy('id', 'desc').limit(limit).offset(offset).execute();
      return rows.map(toJob);
    },

    async countByStatus() {
      const rows = await db.selectFrom('jobs').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
      const counts = Object.fromEntries(JOB_STATUSES.map((status) => [status, 0])) as Record<JobStatus, number>;
      for (const row of rows) counts[row.status as JobStatus] = Number(row.n);
      return counts;
    },

    async retry({ id, now }) {
      // Not while another job with its dedupe key is pending: that one does the same work, newer.
      const row = await db
        .updateTable('jobs')
        .set({ status: 'queued', attempts: 0, run_after: now, claim_token: null, lease_until: null, finished_at: null, updated_at: now })
        .where('id', '=', id)
        .where('status', '=', 'failed')
        .where((eb) =>
          eb.or([
            eb('dedupe_key', 'is', null),
            eb.not(eb.exists(eb.selectFrom('jobs as other').select('other.id').whereRef('other.dedupe_key', '=', 'jobs.dedupe_key').where('other.status', 'in', PENDING))),
          ]),
        )
        .returningAll()
        .executeTakeFirst();
      return row && toJob(row);
    },

    async prune({ before }) {
      const result = await db.deleteFrom('jobs').where('status', 'in', ['done', 'failed']).where('finished_at', '<', before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
