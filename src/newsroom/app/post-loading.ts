import { get } from './api.js';
import type { Person } from './author-chooser.js';
import type { EditablePost, PostDocument, PostFields } from './post-types.js';
import { signedInUser, userCan } from './session.js';
import type { CategoryItem, TagItem, TagPage } from './taxonomy-types.js';

/** A post's answer, with the names of its tags and authors when the API includes them. */
export type LoadedPost = PostDocument & { tags?: TagItem[]; authors?: Person[]; reviewNote?: EditablePost['reviewNote'] };

export function fieldsOf(post: EditablePost): PostFields {
  const { title, slug, excerpt, body, featuredMediaId, categoryId, authorIds, tagIds, sources, seo } = post;
  return { title, slug, excerpt, body, featuredMediaId, categoryId, authorIds, tagIds, sources, seo };
}

export async function loadCategories(): Promise<CategoryItem[]> {
  return (await get<{ items: CategoryItem[] }>('/categories')).items;
}

/** The people a story can be credited to: everyone, for those who may see the list of users; else the writer and the story's own authors. */
export async function loadPeople(post: LoadedPost | null): Promise<Person[]> {
  const me = signedInUser()!;
  const people: Person[] = userCan('users.manage')
    ? (await get<{ items: Array<Person & { status: string }> }>('/users')).items.filter((user) => user.status !== 'deactivated' || post?.post.authorIds.includes(user.id))
    : [{ id: me.id, name: me.name }];
  for (const author of post?.authors ?? []) if (!people.some((p) => p.id === author.id)) people.push(author);
  return people;
}

/** The post's tags by name: from the answer when it has them, else looked up in the first page of tags. */
export async function loadTags(post: LoadedPost | null): Promise<TagItem[]> {
  if (!post || post.post.tagIds.length === 0) return [];
  if (post.tags) return post.tags;
  const { items } = await get<TagPage>('/tags', { perPage: 100 });
  return items.filter((tag) => post.post.tagIds.includes(tag.id));
}
