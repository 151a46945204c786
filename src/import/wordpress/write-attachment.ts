import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { AppError } from '../../lib/errors.js';
import { digestOf, knownItem, remember, type ImportState } from './import-state.js';
import { itemMeta } from './item-meta.js';
import type { ReportEntry } from './import-report.js';
import { findUpload, pictureKey, uploadsPath } from './uploads.js';
import type { WxrItem } from './wxr-records.js';

/**
 * An attachment becomes a picture in the media library, its file read from
 * the uploads folder. Title, caption and alt text come from the attachment,
 * credit and copyright from the image metadata WordPress read at upload, and
 * anything still missing from the file's own IPTC/XMP. A file that is not
 * there, or is not a picture, is reported and the import goes on.
 */

/** What old links to an attachment page need once the posts are in. */
export interface AttachmentLink {
  wpId: number;
  link: string;
  parent: number;
  mediaId: number | undefined;
  /** For a file that is not a picture: where it is served now, under /media/. */
  filePath?: string;
  line: number;
}

const IMAGE_TYPES = /\.(jpe?g|png|gif|webp|avif|tiff?|heic|heif)$/i;
/**
 * Other files readers were linked to (audio, video, documents) are kept as
 * they are and served from /media/files/. Never HTML, SVG or XML, which a
 * browser would run as part of this site.
 */
const KEPT_FILE_TYPES = /\.(mp3|m4a|ogg|oga|wav|flac|mp4|m4v|mov|webm|ogv|pdf|zip|docx?|xlsx?|pptx?|odt|ods|odp|csv|txt|epub)$/i;

export async function writeAttachment(state: ImportState, item: WxrItem): Promise<AttachmentLink> {
  const wpId = item.postId ?? 0;
  const entry = (outcome: ReportEntry['outcome'], extra: Partial<ReportEntry> = {}): ReportEntry => ({
    type: 'attachment',
    wpId: String(wpId),
    title: item.title || undefined,
    line: item.line,
    outcome,
    ...extra,
  });
  const linkOf = (mediaId: number | undefined): AttachmentLink => ({ wpId, link: item.link, parent: item.postParent, mediaId, line: item.line });
  const meta = itemMeta(item);
  const attachedFile = item.meta.find((m) => m.key === '_wp_attached_file')?.value.trim();
  const path = attachedFile || uploadsPath(item.attachmentUrl);
  const index = (mediaId: number) => {
    state.mediaByWpId.set(wpId, mediaId);
    for (const url of [item.attachmentUrl, attachedFile ?? '', item.guid]) {
      const key = url && pictureKey(url);
      if (key) state.mediaByKey.set(key, mediaId);
    }
  };
  const digest = digestOf(item);
  const details = {
    title: item.title || meta.attachment?.title || null,
    alt: meta.attachment?.alt ?? '',
    caption: item.excerpt.trim() || meta.attachment?.caption || null,
    credit: meta.attachment?.credit ?? null,
    licence: meta.attachment?.copyright ?? null,
  };

  const earlier = knownItem(state, 'attachment', wpId);
  const stored = earlier && (await state.store.media.findById(earlier.localId));
  if (earlier && stored) {
    index(stored.id);
    if (earlier.digest === digest) {
      state.report.add(entry('unchanged'));
      return linkOf(stored.id);
    }
    await state.store.mediaLibrary.updateDetails(stored.id, { ...details, updatedAt: state.now });
    await remember(state, { type: 'attachment', wpId, guid: item.guid, localId: stored.id, digest });
    state.report.add(entry('updated'));
    return linkOf(stored.id);
  }

  if (path && KEPT_FILE_TYPES.test(path)) return keepFile(state, { item, wpId, path, digest, entry });
  if (!path || !IMAGE_TYPES.test(path)) {
    state.report.add(entry('skipped', { reason: `${path ?? item.attachmentUrl} is a kind of file not brought over (pictures, audio, video and documents are)` }));
    return linkOf(undefined);
  }
  if (!state.uploadsDir) {
    state.report.add(entry('skipped', { reason: `no uploads folder was given (--uploads DIR), so ${path} could not be read` }));
    return linkOf(undefined);
  }
  const file = await findUpload(state.uploadsDir, path);
  if (!file) {
    state.report.add(entry('skipped', { reason: `the file ${path} is not in the uploads folder` }));
    return linkOf(undefined);
  }
  const bytes = await readFile(file);
  const createdAt = new Date(state.now);
  let image;
  try {
    // The original only: its variants and crops are made after the import (see operations/media-library/picture-sizes.ts).
    image = await state.images.ingest({ bytes, name: basename(file), createdAt }, { sizes: 'later' });
  } catch (error) {
    const reason = error instanceof AppError ? error.message : `the picture could not be read (${(error as Error).message})`;
    state.report.add(entry('failed', { reason: `${path}: ${reason}` }));
    return linkOf(undefined);
  }
  // WordPress's copy of the metadata wins; the file fills in what it lacks (an agency, most often).
  const fromFile = await state.images.readDetails(bytes);
  const media = await state.store.media.insert({
    ...image,
    alt: details.alt || fromFile.alt || '',
    caption: details.caption ?? fromFile.caption ?? null,
    credit: details.credit ?? fromFile.credit ?? null,
    agency: fromFile.agency ?? null,
    licence: details.licence ?? fromFile.licence ?? null,
    title: details.title ?? fromFile.title ?? null,
    originalName: basename(file),
    byteSize: bytes.length,
    uploadedBy: null,
    createdAt: createdAt.toISOString(),
    updatedAt: createdAt.toISOString(),
  });
  state.newPictures.push({ id: media.id, path: media.path });
  index(media.id);
  await remember(state, { type: 'attachment', wpId, guid: item.guid, localId: media.id, digest });
  const notes = media.alt === '' ? ['no alt text: add it in the media library before the stories showing it are published again'] : [];
  if (meta.attachment?.problem) notes.push(`WordPress's image metadata could not be read (${meta.attachment.problem}); credit and copyright come from the file`);
  state.report.add(entry('created', { notes }));
  return linkOf(media.id);
}

/** A file that is not a picture, copied under /media/files/ as it is; an old link to its attachment page can lead to it. */
async function keepFile(
  state: ImportState,
  input: { item: WxrItem; wpId: number; path: string; digest: string; entry: (outcome: ReportEntry['outcome'], extra?: Partial<ReportEntry>) => ReportEntry },
): Promise<AttachmentLink> {
  const { item, wpId, path, digest, entry } = input;
  // Named by the attachment's ID, so a re-import finds it without reading the file again.
  const filePath = `files/wp-${wpId}/${basename(path).replace(/[^\w.-]+/g, '-')}${extname(path) ? '' : '.bin'}`;
  const link: AttachmentLink = { wpId, link: item.link, parent: item.postParent, mediaId: undefined, filePath, line: item.line };
  const earlier = knownItem(state, 'attachment', wpId);
  if (earlier && earlier.digest === digest) {
    state.report.add(entry('unchanged'));
    return link;
  }
  const file = state.uploadsDir && (await findUpload(state.uploadsDir, path));
  if (!file) {
    state.report.add(entry('skipped', { reason: state.uploadsDir ? `the file ${path} is not in the uploads folder` : `no uploads folder was given (--uploads DIR), so ${path} could not be read` }));
    return { ...link, filePath: undefined };
  }
  const target = join(state.stagingDir, filePath);
  await mkdir(dirname(target), { recursive: true });
  await copyFile(file, target);
  await remember(state, { type: 'attachment', wpId, guid: item.guid, localId: 0, digest });
  state.report.add(entry(earlier ? 'updated' : 'created', { notes: [`not a picture: kept as a file at /media/${filePath}`] }));
  return link;
}
