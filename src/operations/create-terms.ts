import { AppError } from '../lib/errors.js';
import { categoryInput, tagInput, userInput } from '../content/schemas.js';
import type { Category, Tag, User } from '../content/types.js';
import { uniqueSlug } from '../content/unique-slug.js';
import type { OperationContext } from './context.js';

function slugTaken(slug: string, what: string): AppError {
  return new AppError('CONFLICT', `The slug "${slug}" is already used by another ${what}`, {
    issues: [{ path: '/slug', message: `is already used by another ${what}` }],
  });
}

export async function createTag(context: OperationContext, input: unknown): Promise<Tag> {
  const tag = tagInput.parse(input);
  return context.store.transaction(async (store) => {
    if (tag.slug && (await store.tags.slugExists(tag.slug))) throw slugTaken(tag.slug, 'tag');
    if (tag.imageMediaId && !(await store.media.findById(tag.imageMediaId))) {
      throw new AppError('VALIDATION_FAILED', `No media has id ${tag.imageMediaId}`, {
        issues: [{ path: '/imageMediaId', message: `no media has id ${tag.imageMediaId}` }],
      });
    }
    const slug = tag.slug ?? (await uniqueSlug({ wanted: tag.name, fallback: 'tag', exists: (s) => store.tags.slugExists(s) }));
    const created = await store.tags.insert({
      slug,
      name: tag.name,
      kind: tag.kind ?? 'topic',
      description: tag.description ?? null,
      imageMediaId: tag.imageMediaId ?? null,
    });
    await store.changes.record({ kind: 'term', ids: [created.id] });
    return created;
  });
}

export async function createCategory(context: OperationContext, input: unknown): Promise<Category> {
  const category = categoryInput.parse(input);
  return context.store.transaction(async (store) => {
    if (category.slug && (await store.categories.slugExists(category.slug))) throw slugTaken(category.slug, 'category');
    if (category.parentId && !(await store.categories.findById(category.parentId))) {
      throw new AppError('VALIDATION_FAILED', `No category has id ${category.parentId}`, {
        issues: [{ path: '/parentId', message: `no category has id ${category.parentId}` }],
      });
    }
    const slug = category.slug ?? (await uniqueSlug({ wanted: category.name, fallback: 'category', exists: (s) => store.categories.slugExists(s) }));
    const created = await store.categories.insert({ slug, name: category.name, description: category.description ?? null, parentId: category.parentId ?? null });
    await store.changes.record({ kind: 'term', ids: [created.id] });
    return created;
  });
}

/** An author (or other staff member). Accounts and passwords come with the newsroom. */
export async function createUser(context: OperationContext, input: unknown): Promise<User> {
  const user = userInput.parse(input);
  return context.store.transaction(async (store) => {
    if (user.slug && (await store.users.slugExists(user.slug))) throw slugTaken(user.slug, 'user');
    const slug = user.slug ?? (await uniqueSlug({ wanted: user.name, fallback: 'author', exists: (s) => store.users.slugExists(s) }));
    const created = await store.users.insert({
      slug,
      name: user.name,
      email: user.email?.toLowerCase() ?? null,
      bio: user.bio ?? null,
      avatarMediaId: user.avatarMediaId ?? null,
      role: user.role ?? 'author',
      createdAt: context.clock.now().toISOString(),
    });
    await store.changes.record({ kind: 'author', ids: [created.id] });
    return created;
  });
}
