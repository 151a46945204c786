import { get, post as send } from '../api.js';
import { confirmDialog } from '../dialog.js';
import { formatDateTime, h, replace } from '../dom.js';
import { announce, showError } from '../feedback.js';
import { whileBusy } from '../fields.js';
import { pageHeading, type PageContext } from '../page.js';
import { STATUS_LABELS, type PostDocument } from '../post-types.js';
import { diffView, readDiff } from '../revision-diff.js';
import { navigate } from '../router.js';
import type { PostStatus } from '../../../content/types.js';

interface RevisionItem {
  revision: number;
  savedAt: string;
  savedBy: { id: number; name: string } | null;
  status: PostStatus;
  action?: string;
  note?: string | null;
}

/** A post's saves, newest first: what each changed compared with now, and bringing one back. */
export async function revisionsPage({ root, alert, params }: PageContext): Promise<void> {
  const id = encodeURIComponent(params.id!);
  const [{ post }, { items }] = await Promise.all([get<PostDocument>(`/posts/${id}`), get<{ items: RevisionItem[] }>(`/posts/${id}/revisions`)]);
  const changes = h('section', { 'aria-labelledby': 'changes-heading', class: 'stack', hidden: true });

  async function show(control: HTMLElement, revision: number): Promise<void> {
    await whileBusy(control, async () => {
      try {
        const diff = readDiff(await get(`/posts/${id}/revisions/${revision}/diff`));
        replace(
          changes,
          h('h2', { id: 'changes-heading', tabindex: -1 }, `What changed from revision ${revision} to now`),
          diff.length === 0 ? h('p', null, 'Nothing: this revision says what the post says now.') : diff.map((change) => [h('h3', null, change.label), diffView(change)]),
        );
        changes.hidden = false;
        changes.querySelector<HTMLElement>('h2')?.focus();
      } catch (error) {
        showError(alert, error);
      }
    });
  }

  async function restore(control: HTMLElement, revision: number): Promise<void> {
    const isSure = await confirmDialog({ title: `Restore revision ${revision}?`, message: 'Its words come back as a new save. The post keeps its status, and what it says now stays in the revisions.', confirmLabel: 'Restore' });
    if (!isSure) return;
    await whileBusy(control, async () => {
      try {
        await send(`/posts/${id}/revisions/${revision}/restore`, { revision: post.revision });
        announce(`Revision ${revision} restored.`);
        navigate(`/admin/posts/${id}`);
      } catch (error) {
        showError(alert, error);
      }
    });
  }

  const row = (item: RevisionItem) => {
    const isCurrent = item.revision === post.revision;
    const showButton = h('button', { type: 'button', class: 'button', 'aria-label': `Show changes since revision ${item.revision}` }, 'Show changes');
    showButton.addEventListener('click', () => void show(showButton, item.revision));
    const restoreButton = h('button', { type: 'button', class: 'button', 'aria-label': `Restore revision ${item.revision}` }, 'Restore');
    restoreButton.addEventListener('click', () => void restore(restoreButton, item.revision));
    return h(
      'tr',
      null,
      h('th', { scope: 'row' }, String(item.revision), isCurrent ? ' (current)' : ''),
      h('td', null, formatDateTime(item.savedAt)),
      h('td', null, item.savedBy?.name ?? 'The scheduler'),
      h('td', null, STATUS_LABELS[item.status] ?? item.status, item.note ? ` — ${item.note}` : ''),
      h('td', { class: 'inline-controls' }, isCurrent ? null : [showButton, restoreButton]),
    );
  };

  replace(
    root,
    pageHeading(`Revisions of “${post.title}”`),
    h('p', null, h('a', { href: `/admin/posts/${id}` }, 'Back to the editor')),
    h('div', { class: 'table-wrap' }, h('table', null, h('thead', null, h('tr', null, ['Revision', 'Saved', 'By', 'Status', 'Actions'].map((label) => h('th', { scope: 'col' }, label)))), h('tbody', null, items.map(row)))),
    changes,
  );
}
