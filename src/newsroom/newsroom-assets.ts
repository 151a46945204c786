import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where `npm run build` puts the bundled newsroom. This file is two folders
 * deep both as source (src/newsroom/) and compiled (dist/newsroom/), so the
 * same relative path finds the bundle from either.
 */
export const DEFAULT_ASSETS_DIR = fileURLToPath(new URL('../../dist/newsroom/', import.meta.url));

/** The only files served from the assets folder: it also holds compiled server code, which is nobody's business. */
const SERVED = {
  'app.js': 'text/javascript; charset=utf-8',
  'app.js.map': 'application/json; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
  'app.css.map': 'application/json; charset=utf-8',
} as const;

export interface Asset {
  bytes: Buffer;
  contentType: string;
  etag: string;
}

export interface NewsroomAssets {
  files: ReadonlyMap<string, Asset>;
  /** Changes whenever the script or the stylesheet does; the shell puts it in their URLs so a browser never runs a stale app. */
  version: string;
  isBuilt: boolean;
}

/** Reads the bundle once, at start; a missing bundle is reported by the shell instead of stopping the whole site. */
export function loadNewsroomAssets(dir: string): NewsroomAssets {
  const files = new Map<string, Asset>();
  for (const [name, contentType] of Object.entries(SERVED)) {
    const path = join(dir, name);
    if (!existsSync(path)) continue;
    const bytes = readFileSync(path);
    const etag = `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 22)}"`;
    files.set(name, { bytes, contentType, etag });
  }
  const version = createHash('sha256')
    .update(files.get('app.js')?.etag ?? '')
    .update(files.get('app.css')?.etag ?? '')
    .digest('hex')
    .slice(0, 12);
  return { files, version, isBuilt: files.has('app.js') && files.has('app.css') };
}
