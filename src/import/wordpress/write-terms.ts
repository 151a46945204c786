import { uniqueSlug } from '../../content/unique-slug.js';
import type { TagKind } from '../../content/types.js';
import { isValidSlug, slugify } from '../../lib/slug.js';
import { digestOf, knownItem, remember, type ImportState } from './import-state.js';
import type { WxrAuthor, WxrCategory, WxrTag, WxrTerm } from './wxr-records.js';

/**
 * The export's authors, categories, tags and other terms, written before any
 * item that uses them. Each is matched, in order, to what an earlier import
 * made of it, then to what the site already has (an author by email, a term
 * by slug), and only then created. Authors come over as invited users with no
 * password: they sign in once someone sends them an invitation.
 */

/** WordPress's own bookkeeping terms, with nothing of theirs for readers. */
const BOOKKEEPING = new Set(['nav_menu', 'post_format', 'link_category', 'wp_theme', 'wp_template_part_area', 'wp_pattern_category']);
/** Co-Authors Plus keeps each story's authors as terms of this taxonomy, slugs `cap-{login}`. */
export const CO_AUTHORS_TAXONOMY = 'author';

/** A slug from an export, which may be percent-encoded (`%ce%bb…`); a fresh one from `fallback` when it is not usable. */
export function exportedSlug(slug: string, fallback: string): string {
  let decoded = slug;
  try {
    decoded = decodeURIComponent(slug);
  } catch {
    // not percent-encoded after all
  }
  decoded = decoded.toLowerCase();
  if (isValidSlug(decoded)) return decoded;
  return slugify(decoded) || slugify(fallback);
}

export async function writeAuthor(state: ImportState, author: WxrAuthor): Promise<void> {
  const wpId = author.login;
  const digest = digestOf(author);
  const name = author.displayName || [author.firstName, author.lastName].filter(Boolean).join(' ') || author.login;
  const earlier = knownItem(state, 'author', wpId);
  if (earlier && (await state.store.users.findByIds([earlier.localId])).length === 1) {
    state.users.set(author.login, earlier.localId);
    state.report.add({ type: 'author', wpId, title: name, line: author.line, outcome: 'unchanged' });
    return;
  }
  const email = author.email.trim().toLowerCase() || null;
  const existing = (email ? await state.store.accounts.findByEmail(email) : undefined) ?? (await state.store.users.findBySlug(exportedSlug(author.login, '')));
  if (existing) {
    state.users.set(author.login, existing.id);
    await remember(state, { type: 'author', wpId, localId: existing.id, digest });
    state.report.add({ type: 'author', wpId, title: name, line: author.line, outcome: 'unchanged', notes: [`matched to the existing user “${existing.name}”`] });
    return;
  }
  const id = await createInvitedUser(state, { login: author.login, name, email });
  state.users.set(author.login, id);
  await remember(state, { type: 'author', wpId, localId: id, digest });
  state.report.add({ type: 'author', wpId, title: name, line: author.line, outcome: 'created' });
}

async function createInvitedUser(state: ImportState, input: { login: string; name: string; email: string | null }): Promise<number> {
  const slug = await uniqueSlug({ wanted: exportedSlug(input.login, input.name), fallback: 'author', exists: (s) => state.store.users.slugExists(s) });
  const user = await state.store.users.insert({ slug, name: input.name, email: input.email, bio: null, avatarMediaId: null, role: 'author', createdAt: state.now });
  await state.store.accounts.setStatus(user.id, 'invited');
  return user.id;
}

/** Categories in any order: a child whose parent comes later waits for it; a parent missing from the file leaves it at the top. */
export async function writeCategories(state: ImportState, categories: WxrCategory[]): Promise<void> {
  const pending = [...categories];
  while (pending.length > 0) {
    const ready = pending.findIndex((c) => c.parent === '' || state.categories.has(c.parent) || !pending.some((p) => p.nicename === c.parent));
    const [category] = pending.splice(ready === -1 ? 0 : ready, 1);
    await writeCategory(state, category!);
  }
}

async function writeCategory(state: ImportState, category: WxrCategory): Promise<void> {
  const wpId = String(category.termId ?? category.nicename);
  const digest = digestOf(category);
  const parentId = category.parent ? (state.categories.get(category.parent) ?? null) : null;
  const notes = category.parent && parentId === null ? [`its parent “${category.parent}” is not in the export; placed at the top`] : [];
  const values = { name: category.name || category.nicename, description: category.description || null, parentId };
  const link = (id: number) => {
    state.categories.set(category.nicename, id);
    if (category.termId !== undefined) state.categoryByTermId.set(category.termId, id);
  };
  const earlier = knownItem(state, 'category', wpId);
  const stored = earlier && (await state.store.categories.findById(earlier.localId));
  if (earlier && stored) {
    link(stored.id);
    if (earlier.digest === digest) return state.report.add({ type: 'category', wpId, title: values.name, line: category.line, outcome: 'unchanged' });
    await state.store.taxonomy.updateCategory(stored.id, { ...values, slug: stored.slug });
    await remember(state, { type: 'category', wpId, localId: stored.id, digest });
    return state.report.add({ type: 'category', wpId, title: values.name, line: category.line, outcome: 'updated', notes });
  }
  const slug = exportedSlug(category.nicename, values.name) || 'category';
  const existing = await state.store.categories.findBySlug(slug);
  const id = existing?.id ?? (await state.store.categories.insert({ ...values, slug })).id;
  link(id);
  await remember(state, { type: 'category', wpId, localId: id, digest });
  if (existing) notes.push('matched to the existing category with this slug');
  state.report.add({ type: 'category', wpId, title: values.name, line: category.line, outcome: existing ? 'unchanged' : 'created', notes });
}

export async function writeTag(state: ImportState, tag: WxrTag): Promise<void> {
  await writeTagLike(state, { type: 'tag', wpId: String(tag.termId ?? tag.slug), record: tag, slug: tag.slug, name: tag.name, description: tag.description, kind: 'topic' });
}

/** A term of another taxonomy: a theme's or plugin's (people, places…) becomes a tag; WordPress's bookkeeping is skipped. */
export async function writeTerm(state: ImportState, term: WxrTerm): Promise<void> {
  const wpId = String(term.termId ?? `${term.taxonomy}:${term.slug}`);
  if (BOOKKEEPING.has(term.taxonomy)) {
    return state.report.add({ type: 'term', wpId, title: term.name, line: term.line, outcome: 'skipped', reason: `a ${term.taxonomy} term: WordPress's own bookkeeping, with no counterpart here` });
  }
  if (term.taxonomy === CO_AUTHORS_TAXONOMY) return writeCoAuthor(state, term, wpId);
  await writeTagLike(state, {
    type: 'term',
    wpId,
    record: term,
    slug: term.slug,
    name: term.name,
    description: term.description,
    kind: tagKindFor(term.taxonomy),
    key: `${term.taxonomy}:${term.slug}`,
  });
}

/** People and organisations get pages of their own; a taxonomy's name says which it holds. */
function tagKindFor(taxonomy: string): TagKind {
  if (/person|people|celebrit|actor|artist/i.test(taxonomy)) return 'person';
  if (/organi[sz]ation|compan|brand|team|outlet/i.test(taxonomy)) return 'organization';
  return 'topic';
}

async function writeTagLike(
  state: ImportState,
  input: { type: 'tag' | 'term'; wpId: string; record: WxrTag | WxrTerm; slug: string; name: string; description: string; kind: TagKind; key?: string },
): Promise<void> {
  const { type, wpId, record } = input;
  const digest = digestOf(record);
  const name = input.name || input.slug;
  const link = (id: number) => {
    state.tags.set(input.key ?? input.slug, id);
    if (type === 'tag' && record.termId !== undefined) state.tagByTermId.set(record.termId, id);
  };
  const earlier = knownItem(state, type, wpId);
  const stored = earlier && (await state.store.tags.findByIds([earlier.localId]))[0];
  if (earlier && stored) {
    link(stored.id);
    if (earlier.digest === digest) return state.report.add({ type, wpId, title: name, line: record.line, outcome: 'unchanged' });
    await state.store.taxonomy.updateTag(stored.id, { ...stored, name, description: input.description || null });
    await remember(state, { type, wpId, localId: stored.id, digest });
    return state.report.add({ type, wpId, title: name, line: record.line, outcome: 'updated' });
  }
  const slug = exportedSlug(input.slug, name) || 'tag';
  const existing = await state.store.tags.findBySlug(slug);
  const id = existing?.id ?? (await state.store.tags.insert({ slug, name, kind: input.kind, description: input.description || null, imageMediaId: null })).id;
  link(id);
  await remember(state, { type, wpId, localId: id, digest });
  const notes = existing ? ['matched to the existing tag with this slug'] : [];
  state.report.add({ type, wpId, title: name, line: record.line, outcome: existing ? 'unchanged' : 'created', notes });
}

/** A Co-Authors Plus author term: the user with that login, or a guest author created as an invited user. */
async function writeCoAuthor(state: ImportState, term: WxrTerm, wpId: string): Promise<void> {
  const login = term.slug.replace(/^cap-/, '');
  const known = state.users.get(login);
  if (known !== undefined) {
    state.coAuthors.set(term.slug, known);
    return state.report.add({ type: 'term', wpId, title: term.name, line: term.line, outcome: 'unchanged', notes: ['a Co-Authors Plus author: matched to the author with this login'] });
  }
  const earlier = knownItem(state, 'term', wpId);
  if (earlier && (await state.store.users.findByIds([earlier.localId])).length === 1) {
    state.coAuthors.set(term.slug, earlier.localId);
    return state.report.add({ type: 'term', wpId, title: term.name, line: term.line, outcome: 'unchanged' });
  }
  const id = await createInvitedUser(state, { login, name: term.name || login, email: null });
  state.coAuthors.set(term.slug, id);
  await remember(state, { type: 'term', wpId, localId: id, digest: digestOf(term) });
  state.report.add({ type: 'term', wpId, title: term.name, line: term.line, outcome: 'created', notes: ['a Co-Authors Plus guest author: created as an invited author'] });
}
