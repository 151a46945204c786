import { accessPanel } from '../access-panel.js';
import { ApiError, get, post as send, put, api } from '../api.js';
import { Autosaver } from '../autosaver.js';
import { clearConflict, isStaleSave, showConflict } from '../conflict-panel.js';
import { formatTime, h, replace } from '../dom.js';
import { announce, clearAlert, showError } from '../feedback.js';
import { clearIssues } from '../form-issues.js';
import { MediaPreviews } from '../media-previews.js';
import { pageHeading, type LeavePage, type PageContext } from '../page.js';
import { showBanners } from '../post-banners.js';
import { postForm } from '../post-form.js';
import { fieldsOf, loadCategories, loadPeople, loadTags, type LoadedPost } from '../post-loading.js';
import { savePayload } from '../post-payload.js';
import type { EditablePost, PostFields } from '../post-types.js';
import { publishPanel } from '../publish-panel.js';
import { rewriteAddress } from '../router.js';
import { signedInUser } from '../session.js';
import { workflowSteps } from '../workflow-steps.js';

/**
 * The story editor: every field, the body editor, saving (with a stale save
 * refused and both versions kept), autosave, the review workflow and preview.
 */
export async function postEditorPage({ root, alert, params, query }: PageContext): Promise<LeavePage> {
  const previews = new MediaPreviews();
  const loaded = params.id ? await get<LoadedPost>(`/posts/${encodeURIComponent(params.id)}`) : null;
  for (const media of loaded?.media ?? []) previews.remember(media);
  const [categories, people, tags] = await Promise.all([loadCategories().catch(() => []), loadPeople(loaded), loadTags(loaded)]);
  let current: EditablePost | null = loaded?.post ?? null;
  const kind = current?.kind ?? (query.get('kind') === 'page' ? 'page' : 'article');
  const noun = kind === 'page' ? 'page' : 'article';
  let saved = '';

  const autosaver = new Autosaver(sendAutosave);
  const form = postForm({ alert, categories, previews, onChange: changed });
  const dirtyNote = h('p', { class: 'hint dirty-note' }, 'No unsaved changes.');
  const conflictHost = h('div', { hidden: true });
  const banners = h('div');
  const steps = workflowSteps({ alert, current: () => current, isDirty, save, reload, updated, conflict });
  const panel = publishPanel(steps);
  const access = accessPanel({ alert, current: () => current, updated: (post) => updated(post, { isFormSaved: false }) });
  const element = h(
    'form',
    { class: 'post-editor', novalidate: true, 'aria-labelledby': 'editor-heading' },
    h('div', { class: 'editor-layout' }, form.main, h('div', { class: 'editor-aside stack' }, panel.element, steps.previewHost, dirtyNote, access.element, form.side)),
  );
  element.addEventListener('submit', (event) => {
    // The body editor's own dialogs hold forms too, and their submissions bubble up to this one.
    if (event.target !== element) return;
    event.preventDefault();
    void save();
  });

  const snapshot = () => JSON.stringify(form.read());
  function isDirty(): boolean {
    return current === null || snapshot() !== saved;
  }
  function changed(): void {
    autosaver.changed();
    dirtyNote.textContent = 'Unsaved changes.';
  }
  function state() {
    const me = signedInUser()!;
    return current
      ? { id: current.id, status: current.status, revision: current.revision, authorIds: current.authorIds, publishedAt: current.publishedAt, updatedAt: current.updatedAt }
      : { id: null, status: 'draft' as const, revision: null, authorIds: [me.id], publishedAt: null, updatedAt: null };
  }
  /**
   * The post as the server now has it: the panel, the address and the
   * "saved" mark follow. `sent` is what the save sent, so words typed while it
   * was on its way still count as unsaved.
   */
  function updated(post: EditablePost, options: { isFormSaved: boolean; sent?: PostFields }): void {
    const isCreated = current === null;
    current = post;
    if (isCreated) {
      rewriteAddress(`/admin/posts/${post.id}`);
      heading.textContent = `Edit ${noun}`;
      document.title = `Edit ${noun} — Newsroom`;
    }
    if (options.isFormSaved) {
      if (options.sent && !options.sent.slug) form.showSlug(post.slug);
      saved = options.sent ? JSON.stringify({ fields: { ...options.sent, slug: options.sent.slug || post.slug } }) : snapshot();
      autosaver.saved();
      dirtyNote.textContent = 'All changes saved.';
    }
    panel.draw(state());
    access.draw();
  }

  let creating: Promise<EditablePost> | undefined;
  async function ensureCreated(title: string): Promise<EditablePost> {
    if (current) return current;
    creating ??= send<{ post: EditablePost }>('/posts', { title, kind }).then(({ post }) => post).finally(() => (creating = undefined));
    const post = await creating;
    if (!current) updated(post, { isFormSaved: false });
    return current!;
  }

  async function save(): Promise<boolean> {
    clearAlert(alert);
    clearIssues(element);
    const read = form.read();
    if ('issues' in read) {
      showError(alert, new ApiError(422, 'VALIDATION_FAILED', 'The body has something that cannot be saved yet.', read.issues), element);
      return false;
    }
    try {
      const post = await ensureCreated(read.fields.title);
      const answer = await put<{ post: EditablePost }>(`/posts/${post.id}`, { revision: post.revision, ...savePayload(read.fields) });
      clearConflict(conflictHost);
      updated(answer.post, { isFormSaved: true, sent: read.fields });
      announce(`Saved at ${formatTime(new Date())}`);
      return true;
    } catch (error) {
      if (isStaleSave(error)) conflict(error, read.fields);
      else showError(alert, error, element);
      return false;
    }
  }

  function conflict(error: ApiError, mine: PostFields = fieldsOr()): void {
    showConflict({
      host: conflictHost,
      error,
      mine,
      loadTheirs: async () => {
        await reload();
      },
      putMineBack: (fields) => {
        form.load(fields, { tags, people });
        changed();
      },
    });
    conflictHost.querySelector('h2')?.setAttribute('tabindex', '-1');
    conflictHost.querySelector<HTMLElement>('h2')?.focus();
  }

  function fieldsOr(): PostFields {
    const read = form.read();
    return 'fields' in read ? read.fields : { ...form.readAllButBody(), body: current?.body ?? [] };
  }

  async function reload(): Promise<void> {
    const fresh = await get<LoadedPost>(`/posts/${current!.id}`);
    for (const media of fresh.media) previews.remember(media);
    form.load(fieldsOf(fresh.post), { tags: fresh.tags ?? tags, people });
    updated(fresh.post, { isFormSaved: true });
  }

  async function sendAutosave({ isLeaving }: { isLeaving: boolean }): Promise<'sent' | 'unchanged'> {
    if (!isDirty()) return 'unchanged';
    const read = form.read();
    const fields = 'fields' in read ? savePayload(read.fields) : savePayload({ ...form.readAllButBody(), body: [] });
    if (!('fields' in read)) delete fields.body;
    if (!current && (isLeaving || !form.readAllButBody().title)) throw new Error('A new story is created once it has a title.');
    const post = await ensureCreated(form.readAllButBody().title);
    await api('PUT', `/posts/${post.id}/autosave`, { revision: post.revision, ...fields }, { isKeepalive: isLeaving });
    return 'sent';
  }

  const heading = pageHeading(current ? `Edit ${noun}` : `New ${noun}`);
  heading.id = 'editor-heading';
  if (current) form.load(fieldsOf(current), { tags, people });
  else form.load({ title: '', slug: '', excerpt: '', body: [], featuredMediaId: null, categoryId: null, authorIds: [signedInUser()!.id], tagIds: [], sources: [], seo: { title: null, description: null, canonicalUrl: null, isNoindex: false } }, { tags, people });
  saved = current ? snapshot() : '';
  panel.draw(state());
  access.draw();
  showBanners({
    host: banners,
    loaded,
    restore: () => {
      const fields = loaded?.autosave?.fields ?? loaded?.autosave?.changes ?? {};
      form.load({ ...fieldsOf(current!), ...fields }, { tags, people });
      changed();
      announce('Your unsaved changes are back in the form. Save to keep them.');
      form.main.querySelector<HTMLElement>('[name="title"]')?.focus();
    },
    dismissed: () => heading.focus(),
  });
  replace(root, heading, banners, conflictHost, element);

  const onHide = () => void autosaver.flush();
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    // A story without an id cannot be autosaved: ask before its words are lost.
    if (!current && isDirty() && form.readAllButBody().title) event.preventDefault();
  };
  window.addEventListener('pagehide', onHide);
  window.addEventListener('beforeunload', onBeforeUnload);
  return async () => {
    window.removeEventListener('pagehide', onHide);
    window.removeEventListener('beforeunload', onBeforeUnload);
    autosaver.stop();
    await autosaver.flush();
    form.editor.destroy();
  };
}
