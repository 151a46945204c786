import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { uploadMedia } from '../../../src/operations/media-library/upload-media.js';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../../helpers/engines.js';
import { filesIn, imageIn, mediaDir, uploadContext } from './library-fixtures.js';

/**
 * An upload whose row cannot be written leaves the media folder as it was,
 * including when the picture is one the library already has: the same bytes
 * under the same name in the same month are stored at the same paths, and
 * those files belong to the picture already there.
 */

/** The media folder's files with a digest of each one's bytes. */
function folder(dir: string): Map<string, string> {
  return new Map(filesIn(dir).map((path) => [path, createHash('sha256').update(readFileSync(join(dir, path))).digest('hex')]));
}

for (const engine of ENGINES) {
  describe(`an upload that fails to store its row (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    before(async () => (t = await createTestStore(engine)));
    after(async () => t?.cleanup());

    /** A real failure of the store: its media table is not there while `fn` runs. */
    async function withoutMediaTable(fn: () => Promise<unknown>): Promise<void> {
      const db = t.store.dialect.db;
      await db.schema.alterTable('media').renameTo('media_away').execute();
      try {
        await fn();
      } finally {
        await db.schema.alterTable('media_away').renameTo('media').execute();
      }
    }

    test('uploading a picture the library has again, and failing, leaves that picture’s files in place', async () => {
      const bytes = await imageIn('jpeg', { width: 1400, height: 900 });
      const first = await uploadMedia(uploadContext(t), { bytes, name: 'harbour.jpg', uploadedBy: null });
      const before = folder(mediaDir(t));
      assert.ok(before.has(first.media.path), 'the first upload stored its original');
      assert.ok(before.size > 3, 'and its variants and crops');

      await withoutMediaTable(() => assert.rejects(uploadMedia(uploadContext(t), { bytes, name: 'harbour.jpg', uploadedBy: null })));
      assert.deepEqual(folder(mediaDir(t)), before, 'every file of the picture already there is still there, byte for byte');
    });

    test('a new picture that fails leaves no file behind', async () => {
      const before = folder(mediaDir(t));
      const bytes = await imageIn('png', { width: 900, height: 600 });
      await withoutMediaTable(() => assert.rejects(uploadMedia(uploadContext(t), { bytes, name: 'quay.png', uploadedBy: null })));
      assert.deepEqual(folder(mediaDir(t)), before);
    });
  });
}
