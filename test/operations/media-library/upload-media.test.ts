import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../../helpers/engines.js';
import { TEST_NOW, testClock } from '../../helpers/factories.js';
import { createUser } from '../../../src/operations/create-terms.js';
import { uploadMedia } from '../../../src/operations/media-library/upload-media.js';
import { cropsOf, variantsOf } from '../../../src/content/media-paths.js';
import { IMAGE_FORMATS } from '../../../src/content/types.js';
import { imageIn, mediaDir, newsroomPhoto, uploadContext, xmpPacket } from './library-fixtures.js';

/**
 * Newsroom photos arrive with their credits in the file. An upload keeps the
 * picture typed by its bytes, made into its variants once, and its caption,
 * photographer, agency and copyright read from the IPTC and XMP blocks.
 */
for (const engine of ENGINES) {
  describe(`uploading to the media library (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let editorId: number;

    before(async () => {
      t = await createTestStore(engine);
      editorId = (await createUser({ store: t.store, clock: testClock() }, { name: 'Photo Desk', slug: 'photo-desk', role: 'editor' })).id;
    });
    after(() => t?.cleanup());

    const upload = (bytes: Buffer, name: string, details?: unknown) =>
      uploadMedia(uploadContext(t), { bytes, name, uploadedBy: editorId, ...(details === undefined ? {} : { details }) });

    test('a wire photo prefills credit, agency, caption, licence and title from IPTC, and alt text from XMP', async () => {
      const { media, prefilled } = await upload(newsroomPhoto(), 'newsroom-photo.jpg');
      const expected = {
        credit: 'Jane Doe',
        agency: 'Reuters',
        // IIM text is UTF-8 here; read as Latin-1 it would be "BeyoncÃ©".
        caption: 'Beyoncé arrives at the Met Gala in New York',
        licence: '© 2026 Reuters',
        title: 'Met Gala arrivals',
        alt: 'A singer in a gold gown on the museum steps',
      };
      assert.deepEqual(prefilled, expected);
      const stored = await t.store.media.findById(media.id);
      assert.deepEqual(
        { credit: stored?.credit, agency: stored?.agency, caption: stored?.caption, licence: stored?.licence, title: stored?.title, alt: stored?.alt },
        expected,
      );
    });

    test('details typed with the upload win over the file; a blank field still takes the file\'s value, null takes none', async () => {
      const { media, prefilled } = await upload(newsroomPhoto(), 'desk.jpg', { credit: 'Staff photographer', caption: null, alt: '  ' });
      assert.equal(media.credit, 'Staff photographer');
      assert.equal(media.caption, null);
      assert.equal(media.alt, 'A singer in a gold gown on the museum steps');
      assert.equal(media.agency, 'Reuters');
      assert.deepEqual(Object.keys(prefilled).sort(), ['agency', 'alt', 'licence', 'title']);
    });

    test('where the XMP packet and the IPTC block disagree, XMP wins', async () => {
      const bytes = await sharp(newsroomPhoto())
        .keepMetadata()
        .withXmp(xmpPacket('<photoshop:Credit>AP</photoshop:Credit><dc:creator><rdf:Seq><rdf:li>John Roe</rdf:li></rdf:Seq></dc:creator>'))
        .jpeg()
        .toBuffer();
      const { media } = await upload(bytes, 'both.jpg');
      assert.equal(media.agency, 'AP');
      assert.equal(media.credit, 'John Roe');
      assert.equal(media.caption, 'Beyoncé arrives at the Met Gala in New York', 'fields only IPTC has still come from IPTC');
    });

    test('XMP alone prefills every field: several photographers, the default language, entities decoded', async () => {
      const xmp = xmpPacket(`
        <dc:creator><rdf:Seq><rdf:li>Ana Núñez</rdf:li><rdf:li>Bo Li</rdf:li></rdf:Seq></dc:creator>
        <dc:description><rdf:Alt><rdf:li xml:lang="fr">Zoë et ses amis</rdf:li><rdf:li xml:lang="x-default">Zoë &amp; friends at the premiere</rdf:li></rdf:Alt></dc:description>
        <dc:rights><rdf:Alt><rdf:li xml:lang="x-default">© 2026 Getty Images</rdf:li></rdf:Alt></dc:rights>
        <photoshop:Source>Getty Images Europe</photoshop:Source>
        <photoshop:Headline>Stars at the premiere</photoshop:Headline>`);
      const bytes = await sharp(await imageIn('jpeg')).withXmp(xmp).jpeg().toBuffer();
      const { prefilled } = await upload(bytes, 'premiere.jpg');
      assert.deepEqual(prefilled, {
        credit: 'Ana Núñez, Bo Li',
        agency: 'Getty Images Europe',
        caption: 'Zoë & friends at the premiere',
        licence: '© 2026 Getty Images',
        title: 'Stars at the premiere',
      });
    });

    test('a camera\'s EXIF Artist and Copyright are used when there is no IPTC or XMP', async () => {
      const bytes = await sharp(await imageIn('jpeg')).withExif({ IFD0: { Artist: 'Kim Park', Copyright: 'Kim Park 2026' } }).jpeg().toBuffer();
      const { prefilled } = await upload(bytes, 'camera.jpg');
      assert.deepEqual(prefilled, { credit: 'Kim Park', licence: 'Kim Park 2026' });
    });

    test('broken metadata never fails an upload: a malformed XMP packet, a damaged IPTC block', async () => {
      const brokenXmp = await sharp(await imageIn('jpeg')).withXmp('<x:xmpmeta><rdf:RDF><rdf:Description dc:creator="x"').jpeg().toBuffer();
      const fromBrokenXmp = await upload(brokenXmp, 'broken-xmp.jpg');
      assert.deepEqual(fromBrokenXmp.prefilled, {});

      const damagedIptc = Buffer.from(newsroomPhoto());
      const block = damagedIptc.indexOf('8BIM');
      assert.ok(block > 0, 'the fixture has a Photoshop resource block');
      damagedIptc.fill(0xff, block + 4, block + 80);
      const fromDamagedIptc = await upload(damagedIptc, 'damaged-iptc.jpg');
      assert.ok(await t.store.media.findById(fromDamagedIptc.media.id));
    });

    test('a caption longer than the field takes is cut to fit, not refused', async () => {
      const long = 'A very long caption. '.repeat(150);
      const bytes = await sharp(await imageIn('jpeg')).withXmp(xmpPacket(`<dc:description>${long}</dc:description>`)).jpeg().toBuffer();
      const { media } = await upload(bytes, 'long.jpg');
      assert.equal(media.caption?.length, 2000);
      assert.ok(media.caption?.endsWith('…'));
    });

    for (const [format, mimeType, extension] of [
      ['png', 'image/png', 'png'],
      ['webp', 'image/webp', 'webp'],
      ['avif', 'image/avif', 'avif'],
      ['gif', 'image/gif', 'gif'],
    ] as const) {
      test(`a ${format.toUpperCase()} is accepted and typed by its bytes, whatever its name says`, async () => {
        const { media } = await upload(await imageIn(format), `misnamed-${format}.jpg`);
        assert.equal(media.mimeType, mimeType);
        assert.match(media.path, new RegExp(`\\.${extension}$`));
        assert.ok(existsSync(join(mediaDir(t), media.path)));
      });
    }

    test('a file exactly at a lower size limit is accepted', async () => {
      const photo = newsroomPhoto();
      const { media } = await uploadMedia(uploadContext(t, { maxUploadBytes: photo.length }), { bytes: photo, name: 'exact.jpg', uploadedBy: editorId });
      assert.equal(media.byteSize, photo.length);
    });

    test('variants and crops are made at upload; the file name, size and uploader are kept', async () => {
      const bytes = await imageIn('jpeg', { width: 900, height: 600 });
      const { media } = await upload(bytes, 'C:\\Users\\desk\\Red Carpet.JPG');
      assert.deepEqual(media.variantWidths, [480, 900]);
      const made = [...IMAGE_FORMATS.flatMap((format) => variantsOf(media, format)), ...cropsOf(media)].map((file) => file.path);
      assert.equal(made.length, 2 * 3 + 3);
      for (const path of made) assert.ok(existsSync(join(mediaDir(t), path)), `${path} was made`);
      const stored = await t.store.media.findById(media.id);
      assert.equal(stored?.originalName, 'Red Carpet.JPG');
      assert.equal(stored?.byteSize, bytes.length);
      assert.equal(stored?.uploadedBy, editorId);
      assert.equal(stored?.createdAt, TEST_NOW);
      assert.equal(stored?.updatedAt, TEST_NOW);
      assert.equal(stored?.alt, '', 'no alt text until someone writes it');
    });
  });
}
