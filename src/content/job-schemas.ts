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
