import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { OperationContext } from '../operations/context.js';
import { findJob, listJobs, retryJob } from '../operations/jobs/manage-jobs.js';
import { RecordId } from '../lib/record-id.js';
import { requireCapability } from './guard.js';

const tags = ['Jobs'];
const IdParams = Type.Object({ id: RecordId });
const ListQuery = Type.Object(
  {
    /** Comma-separated statuses: queued, running, done, failed. */
    status: Type.Optional(Type.String({ maxLength: 100 })),
    kind: Type.Optional(Type.String({ maxLength: 100 })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    perPage: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);
const DEFAULT_PER_PAGE = 50;

type Id = { Params: { id: number } };

/** Background jobs (src/jobs/): progress, failures with their error, retry. Editors and administrators. */
export async function jobRoutes(app: FastifyInstance, options: { context: OperationContext; onJobQueued?: () => void }): Promise<void> {
  const { context } = options;

  app.get<{ Querystring: Static<typeof ListQuery> }>(
    '/jobs',
    { schema: { tags, summary: 'Background jobs, newest first, with how many there are in each status; `status` takes a comma-separated list', querystring: ListQuery } },
    async (request) => {
      requireCapability(request, 'jobs.manage', 'see the background jobs');
      const { status, ...rest } = request.query;
      return listJobs(context, { ...rest, ...(status ? { status: status.split(',') } : {}), page: rest.page ?? 1, perPage: rest.perPage ?? DEFAULT_PER_PAGE });
    },
  );

  app.get<Id>('/jobs/:id', { schema: { tags, summary: 'One job: status, progress (done of total), attempts, last error', params: IdParams } }, async (request) => {
    requireCapability(request, 'jobs.manage', 'see the background jobs');
    return { job: await findJob(context, request.params.id) };
  });

  app.post<Id>('/jobs/:id/retry', { schema: { tags, summary: 'Queue a failed job again from its last checkpoint', params: IdParams } }, async (request) => {
    requireCapability(request, 'jobs.manage', 'retry background jobs');
    const job = await retryJob(context, request.params.id);
    options.onJobQueued?.();
    return { job };
  });
}
