import { newsroomListInput } from '../../content/schemas-editorial.js';
import type { NewsroomItem } from '../../content/store-editorial.js';
import type { EditorialContext } from './context.js';
import { ownReach } from './own-reach.js';

export interface NewsroomPage {
  items: NewsroomItem[];
  /** Every post matching the filters, for the pager. */
  total: number;
  page: number;
  perPage: number;
}

/**
 * The newsroom's list of posts: `{ status?, kind?, authorId?, categoryId?,
 * tagId?, text?, page = 1, perPage = 20 }`, newest updated first, every
 * status but trashed unless `status` asks for one. Numbered pages, unlike the
 * public archives: the list is short-lived and an editor jumps around it.
 *
 * Contributors and authors see their own posts and others' published ones:
 * an unpublished story (its title, slug and authors) is for those who may
 * open it, as in Ghost, rather than WordPress's list of everyone's drafts.
 */
export async function listPostsForNewsroom(context: EditorialContext, input: unknown): Promise<NewsroomPage> {
  const { page = 1, perPage = 20, ...filters } = newsroomListInput.parse(input);
  const { items, total } = await context.store.editorial.listForNewsroom({
    ...filters,
    ...ownReach(context.actor),
    limit: perPage,
    offset: (page - 1) * perPage,
  });
  return { items, total, page, perPage };
}
