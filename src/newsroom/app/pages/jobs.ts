import { get, post } from '../api.js';
import { formatDateTime, h, replace } from '../dom.js';
import { announce, showError } from '../feedback.js';
import { whileBusy } from '../fields.js';
import { JOB_LABELS, STATUS_LABELS, progressWords, type JobItem, type JobPage } from '../job-types.js';
import { pageHeading, type LeavePage, type PageContext } from '../page.js';
import { pageNumber, pager, withQuery } from '../pager.js';

const PER_PAGE = 50;
const COLUMNS = ['Job', 'Status', 'Progress', 'Attempts', 'Last change', 'Actions'];
/** How often the list looks again while a job waits or runs. */
const REFRESH_MS = 2_000;

function progressCell(job: JobItem): HTMLElement {
  const { done, total } = job.progress;
  const words = progressWords(job);
  const bar =
    job.status === 'done' || total === null
      ? null
      : h('progress', { max: Math.max(total, 1), value: Math.min(done, Math.max(total, 1)), 'aria-label': `${JOB_LABELS[job.kind] ?? job.kind}: ${words}` });
  return h('td', null, bar, bar ? h('br') : null, h('span', { class: 'hint' }, words));
}

/**
 * Background jobs: re-renders after a settings, term or picture change, and
 * picture sizes after an import. Running ones show a progress bar; failed
 * ones their error and a retry button. The list looks again every few
 * seconds while something waits or runs.
 */
export async function jobsPage({ root, alert, query }: PageContext): Promise<LeavePage> {
  const page = pageNumber(query);
  const list = h('div', { class: 'table-wrap' });
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function retry(control: HTMLElement, job: JobItem): Promise<void> {
    await whileBusy(control, async () => {
      try {
        await post(`/jobs/${job.id}/retry`);
        announce(`Job ${job.id} is queued again.`);
        await draw();
      } catch (error) {
        showError(alert, error);
      }
    });
  }

  function drawRow(job: JobItem): HTMLTableRowElement {
    const name = JOB_LABELS[job.kind] ?? job.kind;
    const retrying = job.status === 'failed' ? h('button', { type: 'button', class: 'button', 'aria-label': `Retry job ${job.id}` }, 'Retry') : null;
    retrying?.addEventListener('click', () => void retry(retrying, job));
    return h(
      'tr',
      { 'data-job-id': job.id },
      h('th', { scope: 'row' }, name, h('br'), h('span', { class: 'hint' }, `#${job.id} · ${job.kind}`)),
      h(
        'td',
        null,
        STATUS_LABELS[job.status],
        job.lastError ? [h('br'), h('span', { class: job.status === 'failed' ? 'field-error' : 'hint' }, job.status === 'failed' ? job.lastError : `Last try: ${job.lastError}`)] : null,
      ),
      progressCell(job),
      h('td', null, `${job.attempts} of ${job.maxAttempts}`),
      h('td', null, formatDateTime(job.updatedAt), job.claimedBy ? [h('br'), h('span', { class: 'hint' }, job.claimedBy)] : null),
      h('td', { class: 'inline-controls' }, retrying),
    );
  }

  async function draw(): Promise<void> {
    clearTimeout(timer);
    const found = await get<JobPage>('/jobs', { page, perPage: PER_PAGE });
    const { counts } = found;
    const total = counts.queued + counts.running + counts.done + counts.failed;
    replace(
      list,
      h('p', null, `${counts.running} running, ${counts.queued} waiting, ${counts.failed} failed, ${counts.done} done.`),
      found.items.length === 0
        ? h('p', null, 'No background jobs yet. They appear here when a change needs many pages updated, or an import leaves pictures to size.')
        : h('table', null, h('thead', null, h('tr', null, COLUMNS.map((label) => h('th', { scope: 'col' }, label)))), h('tbody', null, found.items.map(drawRow))),
      pager({ total, page, perPage: found.perPage, label: 'Pages of jobs', hrefFor: (n) => withQuery('/admin/jobs', { page: n }) }),
    );
    if (counts.queued + counts.running > 0) timer = setTimeout(() => void draw().catch((error: unknown) => showError(alert, error)), REFRESH_MS);
  }

  replace(root, pageHeading('Jobs'), h('p', null, 'Work the site does in the background, one server at a time; a job a stopped server was doing is taken over by another.'), list);
  await draw();
  return () => clearTimeout(timer);
}
