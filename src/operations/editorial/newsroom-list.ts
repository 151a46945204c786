import { newsroomListInput } from '../../content/schemas-editorial.js';
import type { NewsroomItem } from '../../content/store-editorial.js';
import type { OperationContext } from '../context.js';

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
 */
export async function listPostsForNewsroom(context: OperationContext, input: unknown): Promise<NewsroomPage> {
  const { page = 1, perPage = 20, ...filters } = newsroomListInput.parse(input);
  const { items, total } = await context.store.editorial.listForNewsroom({ ...filters, limit: perPage, offset: (page - 1) * perPage });
  return { items, total, page, perPage };
}
