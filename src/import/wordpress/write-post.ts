import { checkBody } from '../../content/body.js';
import type { PostContent } from '../../content/store-editorial.js';
import type { Post, PostKind, PostStatus } from '../../content/types.js';
import { uniqueSlug } from '../../content/unique-slug.js';
import { writeSave } from '../../operations/editorial/save-post.js';
import { renderPost } from '../../operations/post-content.js';
import { resolveReferences } from '../../operations/post-references.js';
import { applyPostAccess } from '../../operations/post-access-settings.js';
import { urls } from '../../render/urls.js';
import { parseHtml, textOf } from './classic-html.js';
import { contentToBody } from './content-to-body.js';
import { digestOf, knownItem, remember, type ImportState } from './import-state.js';
import type { ReportEntry } from './import-report.js';
import { resolveImages, type ImagePlaceholder } from './imported-body.js';
import { itemMeta } from './item-meta.js';
import { pictureKey } from './uploads.js';
import { writeComments } from './write-comments.js';
import { writeRedirects } from './write-redirects.js';
import { CO_AUTHORS_TAXONOMY, exportedSlug } from './write-terms.js';
import { itemDate } from './wp-dates.js';
import type { WxrItem } from './wxr-records.js';

/**
 * A post or page: its content as a body document, its authors, section, tags
 * and featured picture as they are here, its publication state and dates,
 * then its comments and the old addresses that lead to it. A second import
 * rewrites it only if the export changed it and nobody has edited it in the
 * newsroom since; either way it is saved like any other save, with a revision.
 */

const KINDS: Record<string, PostKind> = { post: 'article', page: 'page' };
const NOT_TAGS = new Set(['category', CO_AUTHORS_TAXONOMY, 'post_format', 'nav_menu', 'link_category']);
const PRIMARY_CATEGORY_KEYS = ['_yoast_wpseo_primary_category', 'rank_math_primary_category'];

export async function writePost(state: ImportState, item: WxrItem): Promise<void> {
  const kind = KINDS[item.postType]!;
  const wpId = item.postId ?? 0;
  const type = item.postType as 'post' | 'page';
  const entry = (outcome: ReportEntry['outcome'], extra: Partial<ReportEntry> = {}): ReportEntry => ({
    type,
    wpId: String(wpId),
    title: item.title || undefined,
    line: item.line,
    outcome,
    ...extra,
  });
  const notes: string[] = [];
  const mapped = statusOf(state, item, notes);
  if (typeof mapped === 'string') return state.report.add(entry('skipped', { reason: mapped }));

  // Keyed by the item as exported and by which pictures the library has: an export unchanged, with
  // no picture added since (the first run was given no --uploads, say), leaves the post alone unread.
  const digest = `${digestOf({ ...item, comments: [] })}.${state.mediaByWpId.size}`;
  const earlier = knownItem(state, type, wpId) ?? (state.known.size > 0 ? await byGuid(state, type, item.guid) : undefined);
  const current = earlier && (await state.store.posts.findById(earlier.localId));
  if (earlier && current && earlier.digest === digest) {
    state.report.add(entry('unchanged'));
    return afterWrite(state, { item, postId: current.id, slug: current.slug, isChanged: false, isNew: false });
  }

  const content = await importedContent(state, item, { kind, mapped, notes });
  if (typeof content === 'string') return state.report.add(entry('failed', { reason: content }));
  const wantedSlug = exportedSlug(item.postName, item.title) || `${type}-${wpId}`;
  const updatedAt = mapped.date ?? state.now;

  if (earlier && current) {
    const [latest] = await state.store.editorial.listRevisions(current.id);
    if (latest && latest.action !== 'import') {
      state.report.add(entry('skipped', { reason: 'edited in the newsroom since the last import; left as it is' }));
      return afterWrite(state, { item, postId: current.id, slug: current.slug, isChanged: false, isNew: false });
    }
    const slug = wantedSlug === current.slug || !(await state.store.posts.slugExists(wantedSlug)) ? wantedSlug : current.slug;
    const changes: PostContent = { ...content, slug };
    if (isSameContent(changes, current)) {
      await remember(state, { type, wpId, guid: item.guid, localId: current.id, digest });
      state.report.add(entry('unchanged'));
      return afterWrite(state, { item, postId: current.id, slug, isChanged: true, isNew: false });
    }
    await state.store.editorial.claimRevision({ postId: current.id, expected: current.revision });
    const claimed = (await state.store.posts.findById(current.id))!;
    await writeSave(state.store, {
      current: claimed,
      changes,
      action: 'import',
      note: `Imported again from WordPress (ID ${wpId})`,
      actor: null,
      now: new Date(state.now),
      updatedAt,
      shouldCheckAltText: false,
    });
    await remember(state, { type, wpId, guid: item.guid, localId: current.id, digest });
    state.report.add(entry('updated', { notes }));
    return afterWrite(state, { item, postId: current.id, slug, isChanged: true, isNew: false });
  }

  const slug = (await state.store.posts.slugExists(wantedSlug))
    ? await uniqueSlug({ wanted: wantedSlug, fallback: type, exists: (s) => state.store.posts.slugExists(s) })
    : wantedSlug;
  if (slug !== wantedSlug) notes.push(`its slug “${wantedSlug}” was taken; it is “${slug}” here and its old address redirects`);
  const full: PostContent = { ...content, slug };
  const references = await resolveReferences(state.store, full);
  const post = await state.store.posts.insert({ ...renderPost({ site: state.site, content: full, references, updatedAt }), createdAt: mapped.date ?? state.now });
  await state.store.editorial.insertRevision({
    postId: post.id,
    revision: post.revision,
    action: 'import',
    userId: null,
    note: `Imported from WordPress (ID ${wpId})`,
    createdAt: updatedAt,
    snapshot: full,
  });
  await remember(state, { type, wpId, guid: item.guid, localId: post.id, digest });
  state.report.add(entry('created', { notes }));
  return afterWrite(state, { item, postId: post.id, slug, isChanged: true, isNew: true });
}

/** What follows a post however it went: its access settings, comments and old addresses. */
async function afterWrite(state: ImportState, input: { item: WxrItem; postId: number; slug: string; isChanged: boolean; isNew: boolean }): Promise<void> {
  const { item, postId } = input;
  const wpId = item.postId ?? 0;
  state.posts.set(wpId, postId);

  // A new open, unpinned post is already as it should be; anything else is set (and its pages rendered again).
  if (input.isChanged && (!input.isNew || item.postPassword || item.isSticky)) {
    await applyPostAccess(state.store, postId, { password: item.postPassword || null, isSticky: item.isSticky });
  }
  await writeComments(state, item, postId);
  await writeRedirects(state, {
    addresses: [item.link, `/?${item.postType === 'page' ? 'page_id' : 'p'}=${wpId}`],
    target: { postId },
    currentPath: urls.post(input.slug),
    line: item.line,
    wpId: String(wpId),
  });
}

/** The post as this site stores it: body, section, authors, tags, pictures and SEO; a reason when its content cannot be stored. */
async function importedContent(
  state: ImportState,
  item: WxrItem,
  input: { kind: PostKind; mapped: { status: PostStatus; publishedAt: string | null }; notes: string[] },
): Promise<Omit<PostContent, 'slug'> | string> {
  const { notes } = input;
  const converted = contentToBody(item.content);
  const unmatched = new Map<string, number>();
  for (const u of converted.unmatched) unmatched.set(u.kind, (unmatched.get(u.kind) ?? 0) + 1);
  if (unmatched.size > 0) notes.push(`kept as raw HTML: ${[...unmatched].map(([k, n]) => (n > 1 ? `${k} ×${n}` : k)).join(', ')}`);
  const { body, missing } = resolveImages({ body: converted.body, mediaFor: (image) => mediaFor(state, image) });
  for (const image of missing) notes.push(`a picture not in the media library was left out: ${image.url}`);
  const issues = checkBody(body);
  if (issues.length > 0) return `its content cannot be stored: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`;

  const meta = itemMeta(item);
  const featuredMediaId = meta.thumbnailId === undefined ? null : (state.mediaByWpId.get(meta.thumbnailId) ?? null);
  if (meta.thumbnailId !== undefined && featuredMediaId === null) notes.push(`its featured picture (attachment ${meta.thumbnailId}) is not in the media library`);
  const noindex = item.meta.find((m) => m.key === '_yoast_wpseo_meta-robots-noindex')?.value.trim() === '1';
  return {
    kind: input.kind,
    status: input.mapped.status,
    title: item.title.trim() || '(no title)',
    excerpt: textOf(parseHtml(item.excerpt)),
    body,
    featuredMediaId,
    categoryId: categoryOf(state, item, notes),
    authorIds: authorsOf(state, item, notes),
    tagIds: await tagsOf(state, item),
    sources: [],
    seo: { title: meta.seoTitle ?? null, description: meta.seoDescription ?? null, canonicalUrl: null, isNoindex: noindex },
    publishedAt: input.mapped.publishedAt,
  };
}

/** True when a re-import would write what the post already says. */
function isSameContent(content: PostContent, post: Post): boolean {
  return (Object.keys(content) as Array<keyof PostContent>).every((key) => JSON.stringify(content[key]) === JSON.stringify(post[key]));
}

/**
 * An item an earlier import knew under another ID (the site was moved and
 * renumbered): the one with this GUID, if exactly one has it and its own ID
 * has not come up in this export. GUIDs repeat in real exports.
 */
async function byGuid(state: ImportState, type: 'post' | 'page', guid: string) {
  if (!guid) return undefined;
  const found = await state.store.importItems.findByGuid(state.source, type, guid);
  if (found.length !== 1) return undefined;
  const [item] = found;
  return state.posts.has(Number(item!.wpId)) ? undefined : item;
}

/** WordPress's status as ours, with the publication time; a reason to skip when there is nothing to bring over. */
function statusOf(state: ImportState, item: WxrItem, notes: string[]): { status: PostStatus; publishedAt: string | null; date: string | undefined } | string {
  const date = itemDate(item, state.timeZone);
  const isDue = date === undefined || date <= state.now;
  switch (item.status) {
    case 'publish':
      if (!isDue) notes.push('published with a date still to come: scheduled for then');
      return { status: isDue ? 'published' : 'scheduled', publishedAt: date ?? state.now, date };
    case 'future':
      if (isDue) notes.push('its scheduled time has passed: published');
      return { status: isDue ? 'published' : 'scheduled', publishedAt: date ?? state.now, date };
    case 'draft':
    case 'pending':
      return { status: item.status, publishedAt: null, date };
    case 'private':
      notes.push('private in WordPress: kept as a draft, so only the newsroom sees it');
      return { status: 'draft', publishedAt: null, date };
    case 'trash':
      return 'in the WordPress trash';
    case 'auto-draft':
      return 'an auto-draft WordPress made and nobody wrote';
    default:
      return `status “${item.status}” is not one WordPress gives posts`;
  }
}

function mediaFor(state: ImportState, image: ImagePlaceholder): number | undefined {
  const byId = image.attachmentId === undefined ? undefined : state.mediaByWpId.get(image.attachmentId);
  if (byId !== undefined) return byId;
  const key = pictureKey(image.url);
  return key === undefined ? undefined : state.mediaByKey.get(key);
}

/** One section per story here: the SEO plugin's primary category, else the first. */
function categoryOf(state: ImportState, item: WxrItem, notes: string[]): number | null {
  const names = item.terms.filter((t) => t.domain === 'category').map((t) => t.nicename);
  const primaryTerm = item.meta.find((m) => PRIMARY_CATEGORY_KEYS.includes(m.key))?.value.trim();
  const primary = primaryTerm && /^\d+$/.test(primaryTerm) ? state.categoryByTermId.get(Number(primaryTerm)) : undefined;
  const chosen = primary ?? names.map((n) => state.categories.get(n)).find((id) => id !== undefined) ?? null;
  if (names.length > 1) notes.push(`in ${names.length} categories in WordPress (${names.join(', ')}); a story has one section here`);
  return chosen;
}

/** Co-Authors Plus's authors in their order, else the post's author. */
function authorsOf(state: ImportState, item: WxrItem, notes: string[]): number[] {
  const coAuthors = item.terms
    .filter((t) => t.domain === CO_AUTHORS_TAXONOMY)
    .map((t) => state.coAuthors.get(t.nicename) ?? state.users.get(t.nicename.replace(/^cap-/, '')))
    .filter((id): id is number => id !== undefined);
  if (coAuthors.length > 0) return [...new Set(coAuthors)];
  const author = state.users.get(item.creator);
  if (author === undefined) {
    if (item.creator) notes.push(`its author “${item.creator}” is not among the export's authors`);
    return [];
  }
  return [author];
}

/** Tags, and terms of a theme's or plugin's taxonomies; one the export's list missed is created. */
async function tagsOf(state: ImportState, item: WxrItem): Promise<number[]> {
  const ids: number[] = [];
  for (const term of item.terms) {
    if (NOT_TAGS.has(term.domain)) continue;
    const key = term.domain === 'post_tag' ? term.nicename : `${term.domain}:${term.nicename}`;
    let id = state.tags.get(key);
    if (id === undefined) {
      const slug = exportedSlug(term.nicename, term.name) || 'tag';
      id = (await state.store.tags.findBySlug(slug))?.id ?? (await state.store.tags.insert({ slug, name: term.name || slug, kind: 'topic', description: null, imageMediaId: null })).id;
      state.tags.set(key, id);
    }
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}
