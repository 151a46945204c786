import type { Job, JobStatus } from '../../content/store-jobs.js';

/** A background job as /api/admin/jobs sends it. */
export type JobItem = Job;

export interface JobPage {
  items: JobItem[];
  counts: Record<JobStatus, number>;
  page: number;
  perPage: number;
}

/** What each kind of job does, as the newsroom names it. */
export const JOB_LABELS: Readonly<Record<string, string>> = {
  'rerender-all': 'Update every page (after a settings change)',
  'rerender-posts': 'Update the stories showing an edited tag, section, author or picture',
  'picture-sizes': 'Make the sizes of imported pictures',
};

export const STATUS_LABELS: Readonly<Record<JobStatus, string>> = { queued: 'Waiting', running: 'Running', done: 'Done', failed: 'Failed' };

/** "1,200 of 10,000", or how many so far when the total is not known yet. */
export function progressWords(job: Pick<JobItem, 'progress'>): string {
  const { done, total } = job.progress;
  const n = (value: number) => value.toLocaleString();
  return total === null ? (done > 0 ? `${n(done)} so far` : 'Not started') : `${n(done)} of ${n(total)}`;
}

/** Re-renders the newest settings change queued: undefined when none is waiting or running. */
export function pendingRerender(page: JobPage): JobItem | undefined {
  return page.items.find((job) => job.kind === 'rerender-all' && (job.status === 'queued' || job.status === 'running'));
}
