import { redirectChanges, redirectInput, redirectListInput } from '../../content/redirect-schemas.js';
import type { Store } from '../../content/store.js';
import type { Redirect, RedirectListItem, RedirectTarget } from '../../content/store-redirects.js';
import { notFound, validationFailed } from '../../lib/errors.js';
import type { OperationContext } from '../context.js';
import { addressTaken, fromPathKey, refuseLoop, requireFreeAddress, requirePost, toPathTarget } from './redirect-checks.js';

/**
 * The newsroom's redirects: old addresses and where they lead. A row an
 * editor adds or changes is the newsroom's (origin 'newsroom'), so a second
 * import of the old site leaves it as the editor left it.
 */

export interface RedirectPage {
  /** Newest first. */
  items: RedirectListItem[];
  total: number;
  page: number;
  perPage: number;
}

export async function listRedirects(context: OperationContext, input: unknown): Promise<RedirectPage> {
  const query = redirectListInput.parse(input);
  const text = query.text?.trim();
  const { items, total } = await context.store.redirects.list({
    ...(text ? { text } : {}),
    ...(query.origin ? { origin: query.origin } : {}),
    limit: query.perPage,
    offset: (query.page - 1) * query.perPage,
  });
  return { items, total, page: query.page, perPage: query.perPage };
}

/** toPath or postId: exactly one of them says where the address leads. */
function targetOf(input: { toPath?: string; postId?: number }): RedirectTarget | undefined {
  if (input.toPath !== undefined && input.postId !== undefined) {
    throw validationFailed([{ path: '/toPath', message: 'give either toPath or postId, not both' }]);
  }
  if (input.toPath !== undefined) return { path: toPathTarget(input.toPath) };
  if (input.postId !== undefined) return { postId: input.postId };
  return undefined;
}

async function checkTarget(store: Store, input: { fromPath: string; target: RedirectTarget }): Promise<void> {
  if ('postId' in input.target) await requirePost(store, input.target.postId);
  await refuseLoop(store, input);
}

export async function createRedirect(context: OperationContext, input: unknown): Promise<Redirect> {
  const values = redirectInput.parse(input);
  const fromPath = fromPathKey(values.fromPath);
  const target = targetOf(values);
  if (!target) throw validationFailed([{ path: '/toPath', message: 'is required when there is no postId: say where the old address leads' }]);
  return context.store.transaction(async (store) => {
    await requireFreeAddress(store, { fromPath });
    await checkTarget(store, { fromPath, target });
    const created = await store.redirects.insert({ fromPath, target, statusCode: values.statusCode ?? 301, at: context.clock.now().toISOString() });
    // Another request took the address between the check and the insert.
    if (!created) throw addressTaken(fromPath);
    await store.changes.record({ kind: 'redirects', ids: [created.id] });
    return created;
  });
}

/** Changes what the request names and keeps the rest; the redirect is the newsroom's from now on. */
export async function updateRedirect(context: OperationContext, id: number, input: unknown): Promise<Redirect> {
  const changes = redirectChanges.parse(input);
  const fromPath = changes.fromPath === undefined ? undefined : fromPathKey(changes.fromPath);
  const newTarget = targetOf(changes);
  return context.store.transaction(async (store) => {
    const current = await store.redirects.findById(id);
    if (!current) throw notFound('That redirect');
    const next = { fromPath: fromPath ?? current.fromPath, target: newTarget ?? current.target, statusCode: changes.statusCode ?? current.statusCode };
    if (next.fromPath !== current.fromPath) await requireFreeAddress(store, { fromPath: next.fromPath, id });
    await checkTarget(store, next);
    const updated = (await store.redirects.update(id, { ...next, at: context.clock.now().toISOString() }))!;
    await store.changes.record({ kind: 'redirects', ids: [id] });
    return updated;
  });
}

export async function deleteRedirect(context: OperationContext, id: number): Promise<void> {
  await context.store.transaction(async (store) => {
    if (!(await store.redirects.delete(id))) throw notFound('That redirect');
    await store.changes.record({ kind: 'redirects', ids: [id] });
  });
}
