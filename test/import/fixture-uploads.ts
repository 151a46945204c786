import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import type { ExportItem } from './fixture-counts.js';

/**
 * A stand-in for the site's wp-content/uploads: sites hand their files over
 * separately from the export, and the theme unit test data ships none, so
 * each picture attachment gets a small picture, and each other file a few bytes, of its own at the path the
 * export names. `leaveOut` names files to leave missing.
 */
export async function writeUploads(root: string, items: ExportItem[], options: { leaveOut?: Set<string> } = {}): Promise<string[]> {
  const written: string[] = [];
  let shade = 0;
  for (const item of items) {
    // Where WordPress keeps it: `_wp_attached_file`, else the path of its URL (WordPress.com exports give only that).
    if (item.type !== 'attachment') continue;
    const path = item.attachedFile ?? decodeURIComponent(new URL(item.attachmentUrl).pathname).replace(/^\/(wp-content\/uploads\/)?/, '');
    if (options.leaveOut?.has(path)) continue;
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    if (!/\.(jpe?g|png|gif)$/i.test(path)) {
      // Audio and video: the bytes matter only in that they are copied whole.
      writeFileSync(file, Buffer.from(`not really ${path}`));
      continue;
    }
    shade = (shade + 37) % 256;
    const image = sharp({ create: { width: 48, height: 32, channels: 3, background: { r: shade, g: 128, b: 255 - shade } } });
    await (/\.png$/i.test(file) ? image.png() : /\.gif$/i.test(file) ? image.gif() : image.jpeg()).toFile(file);
    written.push(path);
  }
  return written;
}
