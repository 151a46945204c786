import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { ImageIngest } from '../../content/image-ingest.js';
import { AppError } from '../../lib/errors.js';
import type { OperationContext } from '../../operations/context.js';
import { loadFragmentSite } from '../../operations/post-fragments.js';
import { readSettings } from '../../operations/read-settings.js';
import { mediaUrl } from '../../render/media-urls.js';
import { urls } from '../../render/urls.js';
import { openStagingRun, type StagedPicture } from '../media-staging.js';
import type { MediaStorage } from '../../media-storage/media-storage.js';
import { ReportBuilder, type ImportReport } from './import-report.js';
import { siteHost, type ImportState } from './import-state.js';
import { writeAttachment, type AttachmentLink } from './write-attachment.js';
import { writePost } from './write-post.js';
import { menuLink, writeMenu, type MenuLink } from './write-menu.js';
import { writeRedirects } from './write-redirects.js';
import { writeAuthor, writeCategories, writeTag, writeTerm } from './write-terms.js';
import { readWxr } from './wxr-reader.js';
import type { WxrAuthor, WxrCategory, WxrRecord, WxrSite, WxrTag, WxrTerm } from './wxr-records.js';

/**
 * `masthead import wordpress`: a WordPress export into the store, in one
 * transaction, so a file that turns out malformed or cut short halfway leaves
 * the site as it was. The files it makes wait in a staging folder of their own
 * until the transaction has committed (see ../media-staging.ts): a failed run
 * removes that folder and has not touched the media folder.
 *
 * The file is streamed twice, never held: the first pass writes authors,
 * terms and attachments, the second posts and pages with their comments, so
 * every picture a story shows is in the library before the story is written,
 * wherever the export put it. Memory grows with the number of items (ids in
 * maps), not with the size of the file.
 */

export interface ImportProgress {
  pass: 1 | 2;
  bytesRead: number;
  totalBytes: number;
  /** Items handled so far, both passes. */
  items: number;
}

export interface ImportOptions {
  file: string;
  /** The media folder pictures are stored in (DATA_DIR/media); other files are copied under its files/. Both through its .staging/ folder. */
  mediaDir: string;
  /** The media storage committed files go into; the local folder `mediaDir` when not given. */
  storage?: MediaStorage;
  uploadsDir?: string;
  onProgress?: (progress: ImportProgress) => void;
}

const IMPORTED_POST_TYPES = new Set(['post', 'page']);
/** What an import may write: posts, terms, authors, pictures, redirects, comments, and the menu (a setting). */
const IMPORT_CHANGES = ['post', 'term', 'author', 'media', 'redirects', 'comments', 'settings'] as const;
const SKIPPED_TYPES: Record<string, string> = {
  revision: 'a revision: only the current version comes over',
  wp_block: 'a reusable block: its content comes over where posts use it',
};

export async function importWordPress(context: OperationContext & { images: ImageIngest }, options: ImportOptions): Promise<ImportReport> {
  const file = resolve(options.file);
  const totalBytes = await sizeOf(file);
  const uploadsDir = options.uploadsDir === undefined ? undefined : await folder(options.uploadsDir);
  const startedAt = context.clock.now().toISOString();
  const staging = await openStagingRun({ mediaDir: options.mediaDir, storage: options.storage });
  const newPictures: StagedPicture[] = [];
  const report = new ReportBuilder();
  let source = '';
  try {
    await context.store.transaction(async (store) => {
      const settings = await readSettings(store);
      const base: Omit<ImportState, 'source' | 'sourceHosts' | 'known'> = {
        store,
        clock: context.clock,
        images: context.images.writingTo(staging.dir),
        newPictures,
        stagingDir: staging.dir,
        site: await loadFragmentSite(store),
        timeZone: settings.timezone,
        uploadsDir,
        report,
        users: new Map(),
        categories: new Map(),
        categoryByTermId: new Map(),
        tags: new Map(),
        tagByTermId: new Map(),
        coAuthors: new Map(),
        mediaByWpId: new Map(),
        mediaByKey: new Map(),
        posts: new Map(),
        now: startedAt,
      };
      let state: ImportState | undefined;
      const channel = { authors: [] as WxrAuthor[], categories: [] as WxrCategory[], tags: [] as WxrTag[], terms: [] as WxrTerm[], isWritten: false };
      const attachments: AttachmentLink[] = [];
      const menuLinks: MenuLink[] = [];

      const started = async (site: WxrSite): Promise<ImportState> => {
        source = sourceOf(site);
        const known = new Map((await store.importItems.listForSource(source)).map((item) => [`${item.wpType}:${item.wpId}`, item]));
        return { ...base, source, sourceHosts: hostsOf(site), known };
      };
      const writeChannel = async (s: ImportState) => {
        if (channel.isWritten) return;
        channel.isWritten = true;
        for (const author of channel.authors) await writeAuthor(s, author);
        await writeCategories(s, channel.categories);
        for (const tag of channel.tags) await writeTag(s, tag);
        for (const term of channel.terms) await writeTerm(s, term);
        await writeTermRedirects(s, channel);
      };

      await streamRecords({ file, pass: 1, totalBytes, report, onProgress: options.onProgress }, async (record) => {
        if (record.kind === 'site') return void (state = await started(record));
        if (!state) throw new AppError('BAD_REQUEST', `${basename(file)}:${record.line}: the export has no channel header before its first ${record.kind}`);
        if (record.kind === 'author') channel.authors.push(record);
        else if (record.kind === 'category') channel.categories.push(record);
        else if (record.kind === 'tag') channel.tags.push(record);
        else if (record.kind === 'term') channel.terms.push(record);
        else {
          await writeChannel(state);
          if (record.postType === 'attachment') attachments.push(await writeAttachment(state, record));
        }
      });
      if (!state) throw new AppError('BAD_REQUEST', `${basename(file)}: not a WordPress export (it has no channel)`);
      await writeChannel(state);
      const s = state;

      await streamRecords({ file, pass: 2, totalBytes, report, onProgress: options.onProgress }, async (record) => {
        if (record.kind !== 'item' || record.postType === 'attachment') return;
        if (IMPORTED_POST_TYPES.has(record.postType)) return writePost(s, record);
        if (record.postType === 'nav_menu_item') return void menuLinks.push(menuLink(record));
        report.add({
          type: 'other',
          wpId: String(record.postId ?? ''),
          title: record.title || undefined,
          line: record.line,
          outcome: 'skipped',
          reason: SKIPPED_TYPES[record.postType] ?? `a “${record.postType}” item: only posts, pages and attachments are imported`,
        });
      });
      await writeAttachmentRedirects(s, attachments);
      await writeMenu(s, menuLinks);
      // One coarse change per kind for the whole run (no ids: "any of this kind"), announced only if it commits.
      for (const kind of IMPORT_CHANGES) await store.changes.record({ kind });
      await staging.beforeCommit(newPictures);
    });
  } catch (error) {
    await staging.discard();
    throw error;
  }
  // Committed: a failure from here leaves the files staged, marked committed, and the next start's sweep moves them.
  await staging.commit();
  return report.finish({ file, source, startedAt, finishedAt: context.clock.now().toISOString() });
}

async function streamRecords(
  input: { file: string; pass: 1 | 2; totalBytes: number; report: ReportBuilder; onProgress?: (progress: ImportProgress) => void },
  handle: (record: WxrRecord) => Promise<void>,
): Promise<void> {
  const stream = createReadStream(input.file, { highWaterMark: 256 * 1024 });
  try {
    for await (const record of readWxr(stream, { fileName: basename(input.file) })) {
      await handle(record);
      input.onProgress?.({ pass: input.pass, bytesRead: stream.bytesRead, totalBytes: input.totalBytes, items: input.report.handled });
    }
  } finally {
    stream.destroy();
  }
  input.onProgress?.({ pass: input.pass, bytesRead: input.totalBytes, totalBytes: input.totalBytes, items: input.report.handled });
}

/** WordPress's plain archive links: `/?cat=12` and `/?author=3`, and `/author/{login}/` where the slug here differs. */
async function writeTermRedirects(state: ImportState, channel: { authors: WxrAuthor[]; categories: WxrCategory[] }): Promise<void> {
  for (const category of channel.categories) {
    const id = state.categories.get(category.nicename);
    const stored = id === undefined || category.termId === undefined ? undefined : await state.store.categories.findById(id);
    if (!stored) continue;
    await writeRedirects(state, { addresses: [`/?cat=${category.termId}`], target: { path: urls.category(stored.slug) }, line: category.line, wpId: String(category.termId) });
  }
  for (const author of channel.authors) {
    const id = state.users.get(author.login);
    const [user] = id === undefined ? [] : await state.store.users.findByIds([id]);
    if (!user) continue;
    const addresses = [`/author/${encodeURIComponent(author.login)}/`, ...(author.id === undefined ? [] : [`/?author=${author.id}`])];
    await writeRedirects(state, { addresses, target: { path: urls.author(user.slug) }, currentPath: urls.author(user.slug), line: author.line, wpId: author.login });
  }
}

/** An attachment page's old address leads to the story it was attached to, or else to the picture itself. */
async function writeAttachmentRedirects(state: ImportState, links: AttachmentLink[]): Promise<void> {
  for (const link of links) {
    const postId = state.posts.get(link.parent);
    const media = link.mediaId === undefined ? undefined : await state.store.media.findById(link.mediaId);
    const file = media ? mediaUrl(media.path) : link.filePath ? `/media/${link.filePath}` : undefined;
    const target = postId !== undefined ? { postId } : file ? { path: file } : undefined;
    if (!target) continue;
    await writeRedirects(state, { addresses: [link.link, `/?attachment_id=${link.wpId}`], target, line: link.line, wpId: String(link.wpId) });
  }
}

function sourceOf(site: WxrSite): string {
  const url = site.baseBlogUrl || site.link || site.baseSiteUrl;
  const host = siteHost(url);
  return host === undefined ? url.trim().toLowerCase() || 'wordpress' : `${host}${new URL(url).pathname.replace(/\/+$/, '')}`.toLowerCase();
}

function hostsOf(site: WxrSite): Set<string> {
  return new Set([site.link, site.baseBlogUrl].map(siteHost).filter((host): host is string => host !== undefined));
}

async function sizeOf(file: string): Promise<number> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new AppError('BAD_REQUEST', `${file} is not a file; give the path of a WordPress export (.xml)`);
    return info.size;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('BAD_REQUEST', `There is no file at ${file}; give the path of a WordPress export (.xml)`);
  }
}

async function folder(path: string): Promise<string> {
  const dir = resolve(path);
  try {
    if ((await stat(dir)).isDirectory()) return dir;
  } catch {
    // reported below
  }
  throw new AppError('BAD_REQUEST', `--uploads ${path}: there is no folder there; give the copy of the site's wp-content/uploads`);
}
