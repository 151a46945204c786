import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, link, mkdir, readFile, readdir, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError } from '../lib/errors.js';
import { isMediaPath, type MediaStorage, type StoredObject } from './media-storage.js';

/**
 * Media in a folder on this machine (DATA_DIR/media): the default, and how a
 * single-machine site has always kept its files. A file is written beside its
 * place under a dot name (never served, never listed) and hard-linked into
 * place, so it is never seen half-written and one already there is never
 * replaced.
 */
export function createLocalStorage(input: { folder: string }): MediaStorage {
  const root = resolve(input.folder);
  const name = `the folder ${root}`;
  const fileOf = (path: string): string => {
    if (!isMediaPath(path)) throw new AppError('BAD_REQUEST', `"${path}" is not a media path`);
    return join(root, ...path.split('/'));
  };
  /** Errors other than "not there" are the disk's: full, read-only, no permission. */
  const failed = (action: string, error: unknown): AppError =>
    new AppError('MEDIA_STORAGE_UNAVAILABLE', `Could not ${action} ${name}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Check that DATA_DIR's media folder can be read and written and its disk has room.`, { cause: error });
  const isMissing = (error: unknown) => ['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '');

  return {
    name,
    localFolder: root,
    close: async () => undefined,

    async put({ path, data, mayReplace = false }) {
      const target = fileOf(path);
      const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
      try {
        await mkdir(dirname(target), { recursive: true });
        if (Buffer.isBuffer(data)) await writeFile(temporary, data);
        // A file on the same disk (an import's staging folder) is linked, not copied.
        else await link(data.file, temporary).catch(() => copyFile(data.file, temporary));
        if (mayReplace) {
          await rename(temporary, target);
          return true;
        }
        await link(temporary, target);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw failed(`write ${path} into`, error);
      } finally {
        await unlink(temporary).catch(() => undefined);
      }
    },

    async read(path) {
      const file = fileOf(path);
      try {
        return await readFile(file);
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw failed(`read ${path} from`, error);
      }
    },

    async open(path): Promise<StoredObject | undefined> {
      const file = fileOf(path);
      try {
        const info = await stat(file);
        if (!info.isFile()) return undefined;
        return { body: createReadStream(file), size: info.size, lastModified: info.mtime };
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw failed(`read ${path} from`, error);
      }
    },

    async stat(path) {
      const file = fileOf(path);
      try {
        const info = await stat(file);
        return info.isFile() ? { size: info.size } : undefined;
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw failed(`look at ${path} in`, error);
      }
    },

    async remove(paths) {
      const files = paths.map(fileOf);
      try {
        await Promise.all(files.map((file) => rm(file, { force: true })));
      } catch (error) {
        throw failed('remove files from', error);
      }
    },

    async *list() {
      const walk = async function* (relative: string): AsyncGenerator<{ path: string; size: number }> {
        let entries;
        try {
          entries = await readdir(relative === '' ? root : join(root, relative), { withFileTypes: true });
        } catch (error) {
          if (isMissing(error)) return;
          throw failed('list', error);
        }
        for (const entry of entries) {
          if (entry.name.startsWith('.')) continue;
          const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
          if (entry.isDirectory()) yield* walk(path);
          else if (entry.isFile()) yield { path, size: (await stat(join(root, ...path.split('/')))).size };
        }
      };
      yield* walk('');
    },
  };
}

