import { jobListInput } from '../../content/job-schemas.js';
import type { Job, JobStatus } from '../../content/store-jobs.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { OperationContext } from '../context.js';

export interface JobPage {
  /** Newest first. */
  items: Job[];
  /** How many jobs there are in each status (all kinds). */
  counts: Record<JobStatus, number>;
  page: number;
  perPage: number;
}

/** The jobs list the newsroom, the API and `masthead jobs` show: each job's status, progress and last error. */
export async function listJobs(context: OperationContext, input: unknown): Promise<JobPage> {
  const query = jobListInput.parse(input);
  const [items, counts] = await Promise.all([
    context.store.jobs.list({
      ...(query.status ? { statuses: query.status } : {}),
      ...(query.kind ? { kind: query.kind } : {}),
      limit: query.perPage,
      offset: (query.page - 1) * query.perPage,
    }),
    context.store.jobs.countByStatus(),
  ]);
  return { items, counts, page: query.page, perPage: query.perPage };
}

export async function findJob(context: OperationContext, id: number): Promise<Job> {
  const job = await context.store.jobs.findById(id);
  if (!job) throw notFound(`Job ${id}`);
  return job;
}

/**
 * Queues a failed job again, from its last checkpoint, with its attempts
 * counted afresh. CONFLICT when it has not failed, or when a newer job doing
 * the same work is already pending (a later settings change queued one).
 */
export async function retryJob(context: OperationContext, id: number): Promise<Job> {
  const current = await findJob(context, id);
  if (current.status !== 'failed') throw new AppError('CONFLICT', `Job ${id} is ${current.status}: only a failed job can be retried`);
  const job = await context.store.jobs.retry({ id, now: context.clock.now().toISOString() });
  if (!job) throw new AppError('CONFLICT', `Job ${id} is not retried: a job doing the same work is already queued or running`);
  return job;
}
