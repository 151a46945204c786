import type { PostKind } from '../../../content/types.js';
import { get } from '../api.js';
import { formatDateTime, h, replace } from '../dom.js';
import { button, selectField, textField, type Choice } from '../fields.js';
import { onSubmit, valueOf } from '../forms.js';
import { pageHeading, type PageContext } from '../page.js';
import { pageNumber, pager, withQuery } from '../pager.js';
import { STATUS_LABELS, type PostListPage } from '../post-types.js';
import { navigate } from '../router.js';
import { signedInUser, userCan } from '../session.js';
import type { CategoryItem, TagPage } from '../taxonomy-types.js';

const PER_PAGE = 20;

async function authorChoices(): Promise<Choice[]> {
  const me = signedInUser()!;
  if (!userCan('users.manage')) return [{ value: '', label: 'Anyone' }, { value: String(me.id), label: `Me (${me.name})` }];
  const { items } = await get<{ items: Array<{ id: number; name: string }> }>('/users');
  return [{ value: '', label: 'Anyone' }, ...items.map((user) => ({ value: String(user.id), label: user.name }))];
}

/** The newsroom's list of posts, filtered by status, author, category, tag and words, a page at a time. */
export async function postListPage({ root, alert, query }: PageContext): Promise<void> {
  const page = pageNumber(query);
  const filters = { status: query.get('status') ?? '', authorId: query.get('authorId') ?? '', categoryId: query.get('categoryId') ?? '', tagId: query.get('tagId') ?? '', tag: query.get('tag') ?? '', text: query.get('text') ?? '' };
  // The list's own controls do not wait for (or fail with) the list.
  const [authors, categories] = await Promise.all([
    authorChoices().catch(() => [{ value: '', label: 'Anyone' }]),
    get<{ items: CategoryItem[] }>('/categories').then((answer) => answer.items, () => [] as CategoryItem[]),
  ]);

  const filter = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter posts' },
    textField({ name: 'text', label: 'Words', type: 'search', value: filters.text }).element,
    selectField({ name: 'status', label: 'Status', value: filters.status, choices: [{ value: '', label: 'Any status' }, ...Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }))] }).element,
    selectField({ name: 'authorId', label: 'Author', value: filters.authorId, choices: authors }).element,
    selectField({ name: 'categoryId', label: 'Category', value: filters.categoryId, choices: [{ value: '', label: 'Any category' }, ...categories.map((c) => ({ value: String(c.id), label: c.name }))] }).element,
    textField({ name: 'tag', label: 'Tag', type: 'search', value: filters.tag, hint: 'The tag’s name.' }).element,
    button('Filter', null, { isSubmit: true }),
  );
  onSubmit(filter, alert, async () => {
    const tagName = valueOf(filter, 'tag');
    let tagId = '';
    if (tagName) {
      const { items } = await get<TagPage>('/tags', { text: tagName });
      const tag = items.find((t) => t.name.toLowerCase() === tagName.toLowerCase()) ?? items[0];
      if (!tag) throw new Error(`No tag is called “${tagName}”.`);
      tagId = String(tag.id);
    }
    navigate(withQuery('/admin/posts', { text: valueOf(filter, 'text'), status: valueOf(filter, 'status'), authorId: valueOf(filter, 'authorId'), categoryId: valueOf(filter, 'categoryId'), tagId, tag: tagName }));
  });

  const create = (kind: PostKind) => () => navigate(kind === 'page' ? '/admin/posts/new?kind=page' : '/admin/posts/new');
  const results = h('div', { class: 'table-wrap' });
  replace(
    root,
    pageHeading('Posts'),
    h('div', { class: 'inline-controls' }, button('New article', create('article'), { variant: 'primary' }), userCan('posts.edit-others') ? button('New page', create('page')) : null),
    filter,
    results,
  );
  const found = await get<PostListPage>('/posts', { status: filters.status, authorId: filters.authorId, categoryId: filters.categoryId, tagId: filters.tagId, text: filters.text, page, perPage: PER_PAGE });
  const table = h(
    'table',
    null,
    h('caption', null, `${found.total} ${found.total === 1 ? 'post' : 'posts'}`),
    h('thead', null, h('tr', null, ['Title', 'Status', 'Authors', 'Category', 'Updated', 'Published'].map((label) => h('th', { scope: 'col' }, label)))),
    h(
      'tbody',
      null,
      found.items.map((item) =>
        h(
          'tr',
          null,
          h('th', { scope: 'row' }, h('a', { href: `/admin/posts/${item.id}` }, item.title || '(untitled)'), item.kind === 'page' ? ' (page)' : ''),
          h('td', null, h('span', { class: `status status--${item.status}` }, STATUS_LABELS[item.status])),
          h('td', null, item.authors.map((a) => a.name).join(', ')),
          h('td', null, item.category?.name ?? ''),
          h('td', null, formatDateTime(item.updatedAt)),
          h('td', null, formatDateTime(item.publishedAt)),
        ),
      ),
    ),
  );
  replace(
    results,
    found.items.length === 0 ? h('p', null, 'No posts match.') : table,
    pager({ total: found.total, page, perPage: found.perPage || PER_PAGE, label: 'Pages of posts', hrefFor: (n) => withQuery('/admin/posts', { ...filters, page: n }) }),
  );
}
