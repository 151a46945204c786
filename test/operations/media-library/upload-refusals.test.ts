import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../../helpers/engines.js';
import { testClock } from '../../helpers/factories.js';
import { createUser } from '../../../src/operations/create-terms.js';
import { DEFAULT_MAX_UPLOAD_BYTES, uploadMedia, type UploadContext } from '../../../src/operations/media-library/upload-media.js';
import { searchMedia } from '../../../src/operations/media-library/search-media.js';
import type { AppError } from '../../../src/lib/errors.js';
import { filesIn, mediaDir, newsroomPhoto, uploadContext } from './library-fixtures.js';

const svg = `<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480"><script>alert(document.cookie)</script><rect width="640" height="480"/></svg>`;

/**
 * Only raster images get in, whatever the file is called: each refusal names
 * the file and the rule, and leaves neither a row nor a file behind.
 */
for (const engine of ENGINES) {
  describe(`uploads the media library refuses (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let editorId: number;

    before(async () => {
      t = await createTestStore(engine);
      editorId = (await createUser({ store: t.store, clock: testClock() }, { name: 'Photo Desk', slug: 'photo-desk' })).id;
    });
    after(() => t?.cleanup());

    async function assertRefused(input: { bytes: Buffer; name: string; details?: unknown; uploadedBy?: number }, expected: { code: string; message: string; path: string }, context: Partial<UploadContext> = {}) {
      await assert.rejects(
        uploadMedia(uploadContext(t, context), { uploadedBy: editorId, ...input }),
        (error: AppError) => {
          assert.equal(error.code, expected.code);
          assert.equal(error.message, expected.message);
          assert.equal(error.issues[0]?.path, expected.path);
          return true;
        },
      );
      const library = await searchMedia({ store: t.store, clock: testClock() }, { page: 1, perPage: 10 });
      assert.equal(library.total, 0, 'no row was stored');
      assert.deepEqual(filesIn(mediaDir(t)), [], 'no file was left in the media folder');
    }

    const notAnImage = (name: string) => ({ code: 'MEDIA_INVALID', message: `"${name}" is not a JPEG, PNG, WebP, AVIF or GIF image`, path: '/bytes' });

    test('an SVG is refused, though sharp could read it', async () => {
      await assertRefused({ bytes: Buffer.from(svg), name: 'logo.svg' }, notAnImage('logo.svg'));
    });

    test('an SVG named like a JPEG is refused', async () => {
      await assertRefused({ bytes: Buffer.from(svg), name: 'photo.jpg' }, notAnImage('photo.jpg'));
    });

    test('an HTML page is refused', async () => {
      const html = '<!doctype html><html><body><img src=x onerror="alert(1)"></body></html>';
      await assertRefused({ bytes: Buffer.from(html), name: 'page.png' }, notAnImage('page.png'));
    });

    test('a PDF is refused', async () => {
      const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
      await assertRefused({ bytes: pdf, name: 'contract.pdf' }, notAnImage('contract.pdf'));
    });

    test('a text file renamed photo.jpg is refused', async () => {
      await assertRefused({ bytes: Buffer.from('Just some notes from the press conference.\n'), name: 'photo.jpg' }, notAnImage('photo.jpg'));
    });

    test('a JPEG cut off in transfer is refused as damaged', async () => {
      const photo = newsroomPhoto();
      await assertRefused(
        { bytes: photo.subarray(0, photo.length - 400), name: 'cut.jpg' },
        { code: 'MEDIA_INVALID', message: '"cut.jpg" is damaged: its pixels cannot be read', path: '/bytes' },
      );
    });

    test('a file over the default 20 MB is refused before it is read, naming the limit', async () => {
      const huge = Buffer.alloc(DEFAULT_MAX_UPLOAD_BYTES + 1);
      newsroomPhoto().copy(huge);
      await assertRefused(
        { bytes: huge, name: 'huge.jpg' },
        { code: 'MEDIA_INVALID', message: '"huge.jpg" is 20.1 MB; files up to 20 MB can be uploaded', path: '/bytes' },
      );
    });

    test('a lower limit can be set', async () => {
      await assertRefused(
        { bytes: newsroomPhoto(), name: 'newsroom-photo.jpg' },
        { code: 'MEDIA_INVALID', message: '"newsroom-photo.jpg" is 4.1 KB; files up to 2 KB can be uploaded', path: '/bytes' },
        { maxUploadBytes: 2048 },
      );
    });

    test('an uploader who does not exist is refused, naming the field', async () => {
      await assertRefused(
        { bytes: newsroomPhoto(), name: 'ghost.jpg', uploadedBy: 9999 },
        { code: 'VALIDATION_FAILED', message: 'Invalid content — /uploadedBy: no user has id 9999', path: '/uploadedBy' },
      );
    });

    test('details with a field the library does not have are refused, naming it', async () => {
      await assertRefused(
        { bytes: newsroomPhoto(), name: 'typo.jpg', details: { photographer: 'Jane Doe' } },
        { code: 'VALIDATION_FAILED', message: 'Invalid content — /details/photographer: Unexpected property', path: '/details/photographer' },
      );
    });
  });
}
