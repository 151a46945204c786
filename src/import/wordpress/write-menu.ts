import type { NavigationItem } from '../../content/types.js';
import { MAX_NAVIGATION_ITEMS } from '../../content/schemas.js';
import { oldPathKey } from '../../content/old-paths.js';
import { updateSettings } from '../../operations/settings.js';
import { readSettings } from '../../operations/read-settings.js';
import { urls } from '../../render/urls.js';
import { isOnSourceSite, siteHost, type ImportState } from './import-state.js';
import type { WxrItem } from './wxr-records.js';

/**
 * WordPress menus: the site here has one header menu of up to twelve links,
 * so the export's main menu (one named primary, main, header or top, else
 * the one with the most top-level links) becomes it, top level only. A site
 * that already has a header menu keeps it. Each link leads where its page,
 * post or category is now; a custom link on the old site becomes a path,
 * which the redirects then answer.
 */

export interface MenuLink {
  wpId: string;
  line: number;
  menu: string;
  title: string;
  order: number;
  isTopLevel: boolean;
  type: string;
  object: string;
  objectId: number;
  url: string;
}

export function menuLink(item: WxrItem): MenuLink {
  const meta = new Map(item.meta.map((m) => [m.key, m.value.trim()]));
  const menu = item.terms.find((t) => t.domain === 'nav_menu');
  return {
    wpId: String(item.postId ?? ''),
    line: item.line,
    menu: menu?.name || menu?.nicename || '',
    title: item.title.trim(),
    order: item.menuOrder,
    isTopLevel: (meta.get('_menu_item_menu_item_parent') ?? '0') === '0',
    type: meta.get('_menu_item_type') ?? '',
    object: meta.get('_menu_item_object') ?? '',
    objectId: Number(meta.get('_menu_item_object_id') ?? 0),
    url: meta.get('_menu_item_url') ?? '',
  };
}

const MAIN_MENU = /primary|main|header|top|navigation/i;

export async function writeMenu(state: ImportState, links: MenuLink[]): Promise<void> {
  if (links.length === 0) return;
  const menus = new Map<string, MenuLink[]>();
  for (const link of links) menus.set(link.menu, [...(menus.get(link.menu) ?? []), link]);
  const topLevel = (name: string) => menus.get(name)!.filter((l) => l.isTopLevel).length;
  const chosen = [...menus.keys()].find((name) => MAIN_MENU.test(name)) ?? [...menus.keys()].sort((a, b) => topLevel(b) - topLevel(a))[0]!;
  const skip = (link: MenuLink, reason: string) => state.report.add({ type: 'menu', wpId: link.wpId, title: link.title || undefined, line: link.line, outcome: 'skipped', reason });

  const settings = await readSettings(state.store);
  if (settings.navigation.length > 0) {
    for (const link of links) skip(link, 'the site already has a header menu (Settings in the newsroom); it is left as it is');
    return;
  }
  const navigation: NavigationItem[] = [];
  const ordered = menus.get(chosen)!.sort((a, b) => a.order - b.order);
  for (const link of ordered) {
    if (!link.isTopLevel) {
      skip(link, `in a sub-menu of “${chosen}”: the header menu here has one level`);
      continue;
    }
    const target = await resolve(state, link);
    if (!target) {
      skip(link, `leads to ${link.type === 'custom' ? (link.url || 'nowhere') : `${link.object} ${link.objectId}`}, which is not on the site`);
      continue;
    }
    if (navigation.length === MAX_NAVIGATION_ITEMS) {
      skip(link, `the header menu holds ${MAX_NAVIGATION_ITEMS} links`);
      continue;
    }
    navigation.push({ label: (link.title || target.label).slice(0, 60), url: target.url });
    state.report.add({ type: 'menu', wpId: link.wpId, title: link.title || target.label, line: link.line, outcome: 'created' });
  }
  for (const [name, others] of menus) {
    if (name !== chosen) for (const link of others) skip(link, `in the menu “${name}”; “${chosen}” became the header menu`);
  }
  if (navigation.length > 0) await updateSettings({ store: state.store, clock: state.clock }, { navigation });
}

async function resolve(state: ImportState, link: MenuLink): Promise<{ url: string; label: string } | undefined> {
  if (link.type === 'post_type') {
    const id = state.posts.get(link.objectId);
    const post = id === undefined ? undefined : await state.store.posts.findById(id);
    return post && post.status === 'published' ? { url: urls.post(post.slug), label: post.title } : undefined;
  }
  if (link.type === 'taxonomy' && link.object === 'category') {
    const id = state.categoryByTermId.get(link.objectId);
    const category = id === undefined ? undefined : await state.store.categories.findById(id);
    return category && { url: urls.category(category.slug), label: category.name };
  }
  if (link.type === 'taxonomy' && link.object === 'post_tag') {
    const id = state.tagByTermId.get(link.objectId);
    const [tag] = id === undefined ? [] : await state.store.tags.findByIds([id]);
    return tag && { url: urls.tag(tag.slug), label: tag.name };
  }
  const host = siteHost(link.url);
  if (link.type !== 'custom' || !/^https?:\/\//i.test(link.url) || host === undefined) return undefined;
  if (!isOnSourceSite(state, link.url)) return { url: new URL(link.url).href, label: host };
  const path = oldPathKey(link.url);
  return path ? { url: path, label: path } : undefined;
}
