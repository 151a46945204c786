import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';
import { compileParser } from '../lib/validate.js';
import { JOB_STATUSES, type JobStatus } from './store-jobs.js';

const Status = Type.Union(JOB_STATUSES.map((status) => Type.Literal(status))) as unknown as TUnion<TLiteral<JobStatus>[]>;

/** A page of the jobs list (the newsroom's Jobs page, /api/admin/jobs, `masthead jobs`): newest first. */
export const JobListInput = Type.Object(
  {
    /** Only jobs in these statuses (any when left out). */
    status: Type.Optional(Type.Array(Status, { maxItems: JOB_STATUSES.length, uniqueItems: true })),
    kind: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    page: Type.Integer({ minimum: 1, maximum: 100_000 }),
    perPage: Type.Integer({ minimum: 1, maximum: 200 }),
  },
  { additionalProperties: false },
);
export type JobListInput = Static<typeof JobListInput>;
export const jobListInput = compileParser(JobListInput);

/**
 * A `cdn-purge` job's payload (operations/queue-jobs.ts): the cache tags a
 * failed purge still has to invalidate. The tags' form is the purger's to
 * check (src/cdn-purge/purge-batches.ts), as it knows what its headers carry.
 */
export const CdnPurgePayload = Type.Object(
  {
    tags: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 100_000 }),
  },
  { additionalProperties: false },
);
export type CdnPurgePayload = Static<typeof CdnPurgePayload>;
export const cdnPurgePayload = compileParser(CdnPurgePayload);
