import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { createBasics } from '../helpers/factories.js';
import { startLoggedServer } from '../helpers/attack-server.js';

/**
 * Found by the fuzz suite on PostgreSQL: `/tag/%00/` answered 500 (`invalid
 * byte sequence for encoding "UTF8": 0x00`), because PostgreSQL refuses a NUL
 * in text outright where SQLite just finds nothing. No slug holds a control
 * character, so every such address is a plain 404, on both engines.
 */
const PATHS = ['/tag/%00/', '/author/%00/page/2/', '/category/a%00b/', '/%00/', '/%00/amp/', '/tag/%00/feed/', '/category/%01/feed.json', '/a%1f/'];

for (const engine of ENGINES) {
  describe(`a control character in an address's slug (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let server: Awaited<ReturnType<typeof startLoggedServer>>;
    before(async () => {
      t = await createTestStore(engine);
      await createBasics(t.store);
      server = await startLoggedServer({ store: t.store, dataDir: t.dataDir });
    });
    after(async () => {
      await server?.close();
      await t?.cleanup();
    });

    test('is not found, and nothing is logged as an error', async () => {
      const answers = [];
      for (const path of PATHS) answers.push(`${path} ${(await server.get(path)).status}`);
      assert.deepEqual(answers, PATHS.map((path) => `${path} 404`));
      assert.deepEqual(server.logs.filter((line) => line.level >= 50).map((line) => line.err?.message), []);
    });
  });
}
