import type { BodyDocument } from '../../content/body.js';
import { mountEditor, type MountedEditor } from '../editor/index.js';
import type { FieldIssue } from './api.js';
import { authorChooser, type Person } from './author-chooser.js';
import { h } from './dom.js';
import { featuredImage } from './featured-image.js';
import { checkboxField, selectField, textField } from './fields.js';
import type { MediaPreviews } from './media-previews.js';
import { pickMedia } from './media-picker.js';
import type { PostFields } from './post-types.js';
import { sourcesEditor } from './sources-editor.js';
import { tagChooser } from './tag-chooser.js';
import type { CategoryItem, TagItem } from './taxonomy-types.js';

export interface PostForm {
  /** Title, slug, excerpt, body, sources and search fields: the story itself. */
  main: HTMLElement;
  /** Category, tags, authors and featured image. */
  side: HTMLElement;
  /** What a save would send, or why the body cannot be saved yet. */
  read(): { fields: PostFields } | { issues: FieldIssue[] };
  /** Every field but the body, which may not be savable yet (an autosave keeps the rest meanwhile). */
  readAllButBody(): Omit<PostFields, 'body'>;
  load(fields: PostFields, known: { tags: readonly TagItem[]; people: readonly Person[] }): void;
  /** Shows the slug the server made (from the title) when the writer left it empty. */
  showSlug(slug: string): void;
  editor: MountedEditor;
}

/** Every field of a story, named by its path in the API so a refused one is marked where it is. */
export function postForm(options: { alert: HTMLElement; categories: readonly CategoryItem[]; previews: MediaPreviews; onChange: () => void }): PostForm {
  const { onChange } = options;
  const title = textField({ name: 'title', label: 'Title', isRequired: true, maxLength: 300 });
  const slug = textField({ name: 'slug', label: 'Slug', maxLength: 190, hint: 'The story’s address: /slug/. Left empty, it is made from the headline.' });
  const excerpt = textField({ name: 'excerpt', label: 'Excerpt', isMultiline: true, maxLength: 1000, hint: 'A sentence or two for lists, feeds and shares.' });
  const bodyBox = h('div', { class: 'field body-field' }, h('p', { class: 'label', id: 'body-label' }, 'Article body'));
  const editor = mountEditor({
    element: bodyBox,
    body: [],
    resolveMedia: options.previews.resolve,
    onChange: () => onChange(),
    label: 'Article body',
    chooseMedia: async () => {
      const picked = await pickMedia({ title: 'Insert a picture', isAskingCaption: true });
      if (!picked) return undefined;
      options.previews.remember(picked.media);
      return { mediaId: picked.media.id, ...(picked.caption ? { caption: picked.caption } : {}) };
    },
  });
  // Issues on /body/… land on the editable area itself.
  bodyBox.querySelector('[role="textbox"]')?.setAttribute('data-field', 'body');

  const category = selectField({ name: 'categoryId', label: 'Category', choices: [{ value: '', label: 'No category' }, ...options.categories.map((c) => ({ value: String(c.id), label: c.name }))] });
  const tags = tagChooser({ alert: options.alert, onChange });
  const authors = authorChooser(onChange);
  const featured = featuredImage({ previews: options.previews, onChange });
  const sources = sourcesEditor(onChange);
  const seoTitle = textField({ name: 'seo.title', label: 'Search headline', maxLength: 200, hint: 'What search engines show instead of the headline. Leave empty to use it.' });
  const seoDescription = textField({ name: 'seo.description', label: 'Search description', isMultiline: true, maxLength: 400, hint: 'Leave empty to use the excerpt.' });
  const canonical = textField({ name: 'seo.canonicalUrl', label: 'Canonical address', type: 'url', maxLength: 2048, hint: 'Only when the story first appeared elsewhere.' });
  const noindex = checkboxField({ name: 'seo.isNoindex', label: 'Keep out of search engines (noindex)' });
  const seo = h('fieldset', { class: 'stack' }, h('legend', null, 'Search engines and sharing'), seoTitle.element, seoDescription.element, canonical.element, noindex.element);

  const main = h('div', { class: 'editor-main stack' }, title.element, slug.element, excerpt.element, bodyBox, sources.element, seo);
  const side = h('div', { class: 'editor-side stack' }, category.element, tags.element, authors.element, featured.element);
  for (const part of [main, side]) {
    part.addEventListener('input', () => onChange());
    part.addEventListener('change', () => onChange());
  }

  const text = (control: HTMLInputElement | HTMLTextAreaElement) => control.value.trim();
  function readAllButBody(): Omit<PostFields, 'body'> {
    return {
      title: text(title.control),
      slug: text(slug.control),
      excerpt: text(excerpt.control),
      featuredMediaId: featured.read(),
      categoryId: category.control.value ? Number(category.control.value) : null,
      authorIds: authors.read(),
      tagIds: tags.read(),
      sources: sources.read(),
      seo: { title: text(seoTitle.control) || null, description: text(seoDescription.control) || null, canonicalUrl: text(canonical.control) || null, isNoindex: noindex.control.checked },
    };
  }

  return {
    main,
    side,
    editor,
    readAllButBody,
    showSlug(value) {
      if (!slug.control.value.trim()) slug.control.value = value;
    },
    read() {
      const body = editor.getBody();
      if ('issues' in body) return { issues: body.issues };
      return { fields: { ...readAllButBody(), body: body.body as BodyDocument } };
    },
    load(fields, known) {
      title.control.value = fields.title;
      slug.control.value = fields.slug;
      excerpt.control.value = fields.excerpt;
      editor.setBody(fields.body);
      category.control.value = fields.categoryId === null ? '' : String(fields.categoryId);
      const pool = [...known.tags, ...tags.items()];
      tags.load(fields.tagIds.map((id) => pool.find((t) => t.id === id) ?? { id, name: `Tag ${id}`, slug: '', kind: 'topic', description: null, imageMediaId: null }));
      const people = [...known.people];
      for (const id of fields.authorIds) if (!people.some((p) => p.id === id)) people.push({ id, name: `Author ${id}` });
      authors.load({ people, chosen: fields.authorIds });
      featured.load(fields.featuredMediaId);
      sources.load(fields.sources);
      seoTitle.control.value = fields.seo.title ?? '';
      seoDescription.control.value = fields.seo.description ?? '';
      canonical.control.value = fields.seo.canonicalUrl ?? '';
      noindex.control.checked = fields.seo.isNoindex;
    },
  };
}
