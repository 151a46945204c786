import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Finding an attachment's file in a copy of `wp-content/uploads`, and
 * recognising the same picture behind the URLs content uses for it: the
 * original, WordPress's resized copies (`photo-300x200.jpg`), the big-image
 * copy (`photo-scaled.jpg`), with or without query (`?w=300` on WordPress.com).
 */

const UPLOAD_ROOTS = ['/wp-content/uploads/', '/files/'];

/** The path under the uploads folder a URL points at, decoded; for a URL outside it, the URL's whole path. */
export function uploadsPath(url: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url, 'http://placeholder.invalid').pathname);
  } catch {
    return undefined;
  }
  for (const root of UPLOAD_ROOTS) {
    const at = path.indexOf(root);
    if (at !== -1) return path.slice(at + root.length);
  }
  return path.replace(/^\/+/, '') || undefined;
}

/** The key every URL of one picture shares: its uploads path without WordPress's size and scaling suffixes, lower-cased. */
export function pictureKey(url: string): string | undefined {
  const path = uploadsPath(url);
  if (!path) return undefined;
  let key = path.toLowerCase();
  // `photo-e1612345678901-300x200.jpg` is an edited copy, resized: strip one suffix at a time.
  for (let previous = ''; previous !== key; ) {
    previous = key;
    key = key.replace(/-(?:\d+x\d+|scaled|rotated|e\d{13})(?=\.[a-z0-9]+$)/, '');
  }
  return key;
}

/** The file for an uploads path, if it is inside `root` and exists. */
export async function findUpload(root: string, path: string): Promise<string | undefined> {
  const file = resolve(root, path);
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return undefined;
  try {
    return (await stat(file)).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}
