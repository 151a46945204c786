import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, killAll, REFERENCE_SLUG, start, tempDir, waitFor200, withTimeout, type Result } from '../helpers/cli-process.js';
import { skipUnlessNginx, startNginx, type RunningNginx } from '../helpers/nginx.js';

/**
 * Operating several instances: the header naming the instance that answered,
 * /readyz during a drain, and a stop under load that loses no request as a
 * reader behind nginx sees it. Real `masthead serve` processes on one SQLite
 * file (each with a DATA_DIR of its own), a real nginx in front.
 */
interface Instance {
  name: string;
  url: string;
  child: ReturnType<typeof start>['child'];
  done: Promise<Result>;
  hasExited(): boolean;
}

const SHARED = tempDir();
const FILE = join(SHARED, 'masthead.sqlite');
const dataDirs: string[] = [];

async function startInstance(name: string, env: Record<string, string> = {}): Promise<Instance> {
  const dataDir = tempDir();
  dataDirs.push(dataDir);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = start(['serve'], {
    DATA_DIR: dataDir,
    DATABASE_URL: `sqlite:${FILE}`,
    PORT: String(port),
    HOST: '127.0.0.1',
    MASTHEAD_DEMO: '1',
    SITE_URL: url,
    INSTANCE_NAME: name,
    TRUST_PROXY: '1',
    // All the load comes from nginx's one address: the per-address limit on feeds would refuse it.
    PUBLIC_RATE_LIMIT: '0',
    ...env,
  });
  let hasExited = false;
  void server.done.then(() => (hasExited = true));
  await waitFor200(`${url}/readyz`, () => hasExited, 90_000);
  return { name, url, child: server.child, done: server.done, hasExited: () => hasExited };
}

async function get(url: string): Promise<{ status: number; instance: string | null; body: string }> {
  const response = await fetch(url, { redirect: 'manual' });
  return { status: response.status, instance: response.headers.get('x-masthead-instance'), body: await response.text() };
}

after(() => {
  killAll();
  rmSync(SHARED, { recursive: true, force: true });
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

describe('INSTANCE_NAME', { timeout: 120_000 }, () => {
  let instance: Instance;
  before(async () => {
    instance = await startInstance('alpha');
  });
  after(async () => {
    instance.child.kill('SIGTERM');
    await withTimeout(instance.done, 20_000, 'stopping');
  });

  test('every response names the instance: pages, the API, errors, /readyz and /media files', async () => {
    const article = await get(`${instance.url}/${REFERENCE_SLUG}/`);
    assert.equal(article.status, 200);
    const picture = /\/media\/[^"'\s)]+\.(?:jpg|jpeg|webp|png|avif)/.exec(article.body)?.[0];
    assert.ok(picture, 'the demo article shows a picture');
    const answers = {
      article,
      home: await get(`${instance.url}/`),
      notFound: await get(`${instance.url}/no-such-page-here/`),
      apiError: await get(`${instance.url}/api/admin/session`),
      readyz: await get(`${instance.url}/readyz`),
      media: await get(`${instance.url}${picture}`),
      wpJson: await get(`${instance.url}/wp-json/wp/v2/posts?per_page=1`),
    };
    assert.equal(answers.notFound.status, 404);
    assert.equal(answers.apiError.status, 401);
    assert.equal(answers.media.status, 200);
    for (const [what, answer] of Object.entries(answers)) assert.equal(answer.instance, 'alpha', `${what} (${answer.status})`);
  });
});

describe('a graceful stop', { timeout: 180_000 }, () => {
  test('SIGTERM with SHUTDOWN_DRAIN_S: /readyz answers 503 at once while pages still answer 200, then the process exits 0', async () => {
    const instance = await startInstance('draining', { SHUTDOWN_DRAIN_S: '4' });
    assert.equal((await get(`${instance.url}/readyz`)).status, 200);
    instance.child.kill('SIGTERM');
    const readiness: number[] = [];
    const pages: number[] = [];
    let isPageAfterNotReady = false;
    while (!instance.hasExited()) {
      try {
        const ready = await get(`${instance.url}/readyz`);
        readiness.push(ready.status);
        const page = await get(`${instance.url}/${REFERENCE_SLUG}/`);
        pages.push(page.status);
        if (ready.status === 503 && page.status === 200) isPageAfterNotReady = true;
      } catch {
        break; // the server has closed its port
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const result = await instance.done;
    assert.equal(result.code, 0, result.stderr);
    // The signal reaches the process a moment after kill() returns: a probe or two may come first.
    const firstNotReady = readiness.indexOf(503);
    assert.ok(firstNotReady >= 0 && firstNotReady <= 2, `/readyz after SIGTERM: ${readiness.join(' ')}`);
    assert.ok(!readiness.slice(firstNotReady).includes(200), `/readyz after SIGTERM: ${readiness.join(' ')}`);
    assert.ok(readiness.length - firstNotReady >= 3, `the drain lasted for ${readiness.length - firstNotReady} probes`);
    assert.ok(isPageAfterNotReady, `pages while draining: ${pages.join(' ')}`);
    assert.ok(pages.filter((status) => status === 200).length >= 3, `pages while draining: ${pages.join(' ')}`);
  });

  describe('behind nginx under steady load', { skip: skipUnlessNginx() }, () => {
    let nginx: RunningNginx;
    let stopping: Instance;
    let staying: Instance;

    before(async () => {
      [stopping, staying] = await Promise.all([startInstance('stopping'), startInstance('staying')]);
      nginx = await startNginx({ upstreams: [stopping.url, staying.url] });
    });
    after(async () => {
      await nginx?.stop();
      staying?.child.kill('SIGTERM');
      if (staying) await withTimeout(staying.done, 20_000, 'stopping');
    });

    test('one instance receiving SIGTERM drops no request: every GET through nginx answers 200', async () => {
      const failures: string[] = [];
      const servedBy = new Map<string, number>();
      let isLoading = true;
      let total = 0;
      const paths = [`/${REFERENCE_SLUG}/`, '/', '/feed/', '/category/celebrity/'];
      const worker = async (index: number) => {
        for (let i = index; isLoading; i++) {
          const path = paths[i % paths.length]!;
          try {
            const answer = await get(`${nginx.url}${path}`);
            total++;
            servedBy.set(answer.instance ?? '?', (servedBy.get(answer.instance ?? '?') ?? 0) + 1);
            if (answer.status !== 200) failures.push(`${path}: ${answer.status} from ${answer.instance}`);
          } catch (error) {
            failures.push(`${path}: ${(error as Error).message}`);
          }
        }
      };
      const load = Promise.all(Array.from({ length: 6 }, (_, i) => worker(i)));
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const beforeStop = servedBy.get('stopping') ?? 0;
      stopping.child.kill('SIGTERM');
      const result = await withTimeout(stopping.done, 30_000, 'the instance stopping');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      isLoading = false;
      await load;
      assert.equal(result.code, 0, result.stderr);
      assert.ok(beforeStop > 0, 'the stopping instance served requests before it was told to stop');
      assert.ok((servedBy.get('staying') ?? 0) > 0);
      assert.deepEqual(failures, [], `${failures.length} of ${total} requests failed\n${nginx.errorLog()}`);
      assert.ok(total > 50, `only ${total} requests were made`);
    });
  });
});
