import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { testClock } from '../helpers/factories.js';
import { keepingMailer, startServer, type RunningServer } from '../helpers/server.js';
import { NewsroomClient } from '../helpers/newsroom-client.js';
import { createAccount } from '../../src/operations/accounts/create-account.js';
import { MAX_INPUT_PIXELS } from '../../src/media/sniff-image.js';

/**
 * A malformed multipart body is the client's mistake, answered with a 4xx
 * that says what is wrong, never a 500; and an upload refused for its pixels
 * says so, not that it is the wrong type. Nothing is stored either way.
 */

const PHOTO = readFileSync(join(import.meta.dirname, '../fixtures/media/newsroom-photo.jpg'));
const PASSWORD = 'a long enough passphrase';
const BOUNDARY = '----masthead-test-boundary';

function filesUnder(dir: string): number {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length;
  } catch {
    return 0;
  }
}

const filePart = (bytes: Buffer, name = 'photo.jpg', field = 'file') =>
  Buffer.concat([Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\nContent-Type: image/jpeg\r\n\r\n`), bytes, Buffer.from('\r\n')]);
const textPart = (field: string, value: string) => Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"\r\n\r\n${value}\r\n`);
const end = Buffer.from(`--${BOUNDARY}--\r\n`);

/** A PNG whose header claims `width`×`height`: a few dozen bytes, the shape of a decompression bomb. */
function pngClaiming(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, no interlace
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.alloc(64))), chunk('IEND', Buffer.alloc(0))]);
}

for (const engine of ENGINES) {
  describe(`malformed and refused uploads (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let server: RunningServer;
    let author: NewsroomClient;

    before(async () => {
      t = await createTestStore(engine);
      await createAccount({ store: t.store, clock: testClock() }, { email: 'author@news.example', name: 'The author', role: 'author', password: PASSWORD });
      server = await startServer({ store: t.store, dataDir: t.dataDir, mailer: keepingMailer() });
      author = new NewsroomClient(server);
      await author.signIn('author@news.example', PASSWORD);
    });
    after(async () => {
      await server?.close();
      await t?.cleanup();
    });

    async function send(body: Buffer, contentType = `multipart/form-data; boundary=${BOUNDARY}`) {
      const response = await server.get('/api/admin/media', {
        method: 'POST',
        headers: { cookie: author.cookie!, 'x-csrf-token': author.csrfToken!, 'content-type': contentType },
        body: new Uint8Array(body),
      });
      const text = await response.text();
      return { status: response.status, body: JSON.parse(text) as { error: { code: string; message: string; issues?: Array<{ path: string; message: string }> } } };
    }

    test('a truncated body, a missing or wrong boundary, two files, a field named __proto__ or too many fields: 4xx with a clear message, nothing stored', async () => {
      const mediaDir = join(t.dataDir, 'media');
      const filesBefore = filesUnder(mediaDir);
      const cases: Array<{ what: string; body: Buffer; contentType?: string; status: number; message: RegExp }> = [
        { what: 'cut off inside the file', body: filePart(PHOTO).subarray(0, 2000), status: 400, message: /cut off|not complete/ },
        { what: 'cut off before the closing boundary', body: Buffer.concat([textPart('alt', 'Steps'), filePart(PHOTO)]), status: 400, message: /cut off|not complete/ },
        { what: 'no boundary in the header', body: Buffer.concat([filePart(PHOTO), end]), contentType: 'multipart/form-data', status: 400, message: /boundary|multipart/ },
        { what: 'a boundary the body does not use', body: Buffer.concat([filePart(PHOTO), end]), contentType: 'multipart/form-data; boundary=other', status: 400, message: /cut off|not complete|boundary/ },
        { what: 'two files', body: Buffer.concat([filePart(PHOTO), filePart(PHOTO, 'again.jpg'), end]), status: 400, message: /one picture/ },
        { what: 'a file in another field', body: Buffer.concat([filePart(PHOTO, 'x.jpg', 'picture'), end]), status: 400, message: /one picture, in the "file" field/ },
        { what: 'a field named __proto__', body: Buffer.concat([textPart('__proto__', 'x'), filePart(PHOTO), end]), status: 422, message: /__proto__/ },
        {
          what: 'more fields than a picture has',
          body: Buffer.concat([...Array.from({ length: 20 }, () => textPart('alt', 'a')), filePart(PHOTO), end]),
          status: 400,
          message: /too many fields/,
        },
      ];
      for (const item of cases) {
        const answer = await send(item.body, item.contentType);
        assert.equal(answer.status, item.status, `${item.what}: ${JSON.stringify(answer.body)}`);
        assert.match(answer.body.error.message, item.message, item.what);
      }
      assert.equal(filesUnder(mediaDir), filesBefore);
      assert.equal((await author.request('GET', '/media')).body.total, 0);
    });

    test('a detail field longer than the form allows is a 422 naming it, not a silently cut value', async () => {
      const answer = await send(Buffer.concat([textPart('caption', 'x'.repeat(10_000)), filePart(PHOTO), end]));
      assert.equal(answer.status, 422, JSON.stringify(answer.body));
      assert.deepEqual(answer.body.error.issues?.map((issue) => issue.path), ['/details/caption']);
    });

    test('a PNG claiming 50,000×50,000 pixels is refused for its pixels, naming the limit, not as the wrong type', async () => {
      const bomb = pngClaiming(50_000, 50_000);
      assert.ok(bomb.length < 200);
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bomb)]), 'bomb.png');
      const answer = await author.upload('/media', form);
      assert.equal(answer.status, 422, JSON.stringify(answer.body));
      assert.equal(answer.body.error.code, 'MEDIA_INVALID');
      assert.match(answer.body.error.message, /too many pixels/);
      assert.match(answer.body.error.message, new RegExp(`${MAX_INPUT_PIXELS / 1_000_000} megapixels`));
      assert.doesNotMatch(answer.body.error.message, /not a JPEG/);
    });

    test('a picture cut off in transfer is refused as damaged; text named .jpg as not an image', async () => {
      const cut = new FormData();
      cut.append('file', new Blob([new Uint8Array(PHOTO.subarray(0, 3000))]), 'cut.jpg');
      const damaged = await author.upload('/media', cut);
      assert.equal(damaged.status, 422, JSON.stringify(damaged.body));
      assert.match(damaged.body.error.message, /damaged/);
      const text = new FormData();
      text.append('file', new Blob(['just some words, not a picture at all']), 'words.jpg');
      const wrong = await author.upload('/media', text);
      assert.equal(wrong.status, 422);
      assert.match(wrong.body.error.message, /not a JPEG, PNG, WebP, AVIF or GIF image/);
    });
  });
}
