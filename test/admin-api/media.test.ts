import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { testClock } from '../helpers/factories.js';
import { keepingMailer, startServer, type RunningServer } from '../helpers/server.js';
import { NewsroomClient } from '../helpers/newsroom-client.js';
import { createAccount } from '../../src/operations/accounts/create-account.js';

const PHOTO = readFileSync(join(import.meta.dirname, '../fixtures/media/newsroom-photo.jpg'));
const PASSWORD = 'a long enough passphrase';

function form(bytes: Buffer, name: string, fields: Record<string, string> = {}): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  data.append('file', new Blob([new Uint8Array(bytes)]), name);
  return data;
}

function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name);
  } catch {
    return [];
  }
}

for (const engine of ENGINES) {
  describe(`the media library API (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let server: RunningServer;
    const clients: Record<'author' | 'contributor', NewsroomClient> = {} as never;

    before(async () => {
      t = await createTestStore(engine);
      for (const role of ['author', 'contributor'] as const) {
        await createAccount({ store: t.store, clock: testClock() }, { email: `${role}@news.example`, name: `The ${role}`, role, password: PASSWORD });
      }
      server = await startServer({ store: t.store, dataDir: t.dataDir, mailer: keepingMailer() });
      for (const role of ['author', 'contributor'] as const) {
        clients[role] = new NewsroomClient(server);
        await clients[role].signIn(`${role}@news.example`, PASSWORD);
      }
    });
    after(async () => {
      await server?.close();
      await t?.cleanup();
    });

    test('an author uploads a newsroom photo: credits, caption and copyright come from its IPTC/XMP, variants are made once', async () => {
      const answer = await clients.author.upload('/media', form(PHOTO, 'met-gala.jpg'));
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      const { media, prefilled } = answer.body;
      assert.equal(media.credit, 'Jane Doe');
      assert.equal(media.agency, 'Reuters');
      assert.equal(media.caption, 'Beyoncé arrives at the Met Gala in New York');
      assert.equal(media.licence, '© 2026 Reuters');
      assert.equal(prefilled.credit, 'Jane Doe');
      assert.equal(media.mimeType, 'image/jpeg');
      const image = await server.get(media.url);
      assert.equal(image.status, 200);
      assert.equal(image.headers.get('content-type'), 'image/jpeg');
    });

    test('typed details win over the file; a contributor cannot upload', async () => {
      const typed = await clients.author.upload('/media', form(PHOTO, 'typed.jpg', { credit: 'Someone Else', alt: 'The museum steps' }));
      assert.equal(typed.status, 201);
      assert.equal(typed.body.media.credit, 'Someone Else');
      assert.equal(typed.body.media.agency, 'Reuters');
      const refused = await clients.contributor.upload('/media', form(PHOTO, 'nope.jpg'));
      assert.equal(refused.status, 403);
      assert.match(refused.body.error.message, /contributor/);
    });

    test('SVG, HTML and a renamed text file are refused by their bytes, and nothing is stored', async () => {
      const before = filesUnder(join(t.dataDir, 'media')).length;
      const list = async () => (await clients.author.request('GET', '/media')).body.total as number;
      const count = await list();
      for (const [bytes, name] of [
        [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'logo.svg'],
        [Buffer.from('<!doctype html><p>hello'), 'page.jpg'],
        [Buffer.from('just some text'), 'photo.png'],
      ] as const) {
        const answer = await clients.author.upload('/media', form(bytes, name));
        assert.equal(answer.status, 422, name);
        assert.equal(answer.body.error.code, 'MEDIA_INVALID');
        assert.match(answer.body.error.message, /is not a JPEG, PNG, WebP, AVIF or GIF image/);
      }
      assert.equal(await list(), count);
      assert.equal(filesUnder(join(t.dataDir, 'media')).length, before);
      const stray = await clients.author.upload('/media', (() => { const f = form(PHOTO, 'x.jpg'); f.append('colour', 'red'); return f; })());
      assert.equal(stray.status, 422);
      assert.equal(stray.body.error.issues[0].path, '/colour');
    });

    test('search, edit details, see where a picture is used', async () => {
      const found = await clients.contributor.request('GET', '/media?text=beyonce');
      assert.equal(found.status, 200);
      assert.ok(found.body.total >= 1);
      const id = found.body.items[0].id;
      const edited = await clients.author.request('PATCH', `/media/${id}`, { alt: 'A singer on the museum steps' });
      assert.equal(edited.status, 200);
      assert.equal(edited.body.media.alt, 'A singer on the museum steps');
      assert.equal((await clients.contributor.request('PATCH', `/media/${id}`, { alt: 'x' })).status, 403);
      const bad = await clients.author.request('PATCH', `/media/${id}`, { alt: 'x', colour: 'red' });
      assert.equal(bad.status, 422);
      assert.deepEqual((await clients.author.request('GET', `/media/${id}/usage`)).body, { items: [] });
    });
  });
}
