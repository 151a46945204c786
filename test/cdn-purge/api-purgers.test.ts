import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingHttpHeaders } from 'node:http';
import { CdnPurgeFailed, type CdnPurger } from '../../src/cdn-purge/cdn-purger.js';
import { createCloudflarePurger } from '../../src/cdn-purge/cloudflare-purger.js';
import { createFastlyPurger } from '../../src/cdn-purge/fastly-purger.js';
import { freePort } from '../helpers/cli-process.js';
import { startPurgeReceiver, type PurgeReceiver } from './purge-receiver.js';

/**
 * The API drivers, each against a real HTTP server on a loopback port that
 * stands in for the service and records what it was sent. One suite for
 * both: what differs is the request each service documents.
 */
interface ApiDriver {
  name: 'Fastly' | 'Cloudflare';
  open(input: { apiUrl: string; timeoutMs?: number }): CdnPurger;
  /** Tags per request, as the service's documentation limits them (written out: the test checks the driver's constant). */
  limit: number;
  path: string;
  token: string;
  credential(headers: IncomingHttpHeaders): string | undefined;
  /** The request body the service documents for `tags`. */
  body(tags: string[]): unknown;
}

const DRIVERS: ApiDriver[] = [
  {
    name: 'Fastly',
    open: ({ apiUrl, timeoutMs }) => createFastlyPurger({ serviceId: 'SU1Z0isxPaozGVKXdv0eY', token: 'fastly-purge-token', apiUrl, timeoutMs }),
    // Fastly API reference, "Purge multiple surrogate key tags": up to 256 keys in one request.
    limit: 256,
    path: '/service/SU1Z0isxPaozGVKXdv0eY/purge',
    token: 'fastly-purge-token',
    credential: (headers) => headers['fastly-key'] as string | undefined,
    body: (tags) => ({ surrogate_keys: tags }),
  },
  {
    name: 'Cloudflare',
    open: ({ apiUrl, timeoutMs }) => createCloudflarePurger({ zoneId: '023e105f4ecef8ad9ca31a8372d0c353', token: 'cloudflare-purge-token', apiUrl, timeoutMs }),
    // Cloudflare's "Purge cache" limits: at most 100 tags in one request, on every plan.
    limit: 100,
    path: '/zones/023e105f4ecef8ad9ca31a8372d0c353/purge_cache',
    token: 'cloudflare-purge-token',
    credential: (headers) => headers.authorization?.replace(/^Bearer /, ''),
    body: (tags) => ({ tags }),
  },
];

async function withReceiver(work: (receiver: PurgeReceiver) => Promise<void>): Promise<void> {
  const receiver = await startPurgeReceiver();
  try {
    await work(receiver);
  } finally {
    await receiver.close();
  }
}

const postTags = (count: number) => Array.from({ length: count }, (_, i) => `post-${i + 1}`);

for (const driver of DRIVERS) {
  describe(`${driver.name} purger`, () => {
    test('sends one POST of the documented shape: the path, the credential header and a JSON list of the tags', () =>
      withReceiver(async (receiver) => {
        const purger = driver.open({ apiUrl: receiver.url });
        await purger.purge(['post-12', 'list-home', 'site']);
        assert.equal(receiver.requests.length, 1);
        const [request] = receiver.requests;
        assert.equal(request!.method, 'POST');
        assert.equal(request!.path, driver.path);
        assert.equal(driver.credential(request!.headers), driver.token);
        assert.match(request!.headers['content-type'] ?? '', /^application\/json/);
        assert.deepEqual(request!.body, driver.body(['post-12', 'list-home', 'site']));
      }));

    test(`splits tags into requests of at most ${driver.limit}, each tag once`, () =>
      withReceiver(async (receiver) => {
        const tags = postTags(2 * driver.limit + 1);
        await driver.open({ apiUrl: receiver.url }).purge([...tags, 'post-1', 'post-2']);
        assert.deepEqual(
          receiver.requests.map((request) => request.body),
          [driver.body(tags.slice(0, driver.limit)), driver.body(tags.slice(driver.limit, 2 * driver.limit)), driver.body(tags.slice(2 * driver.limit))],
        );
      }));

    for (const [status, body] of [
      [403, '{"msg":"Token does not have the required scope"}'],
      [503, '{"error":"service unavailable"}'],
    ] as const) {
      test(`rejects an answer of ${status}, naming the service, the address, the status and the body, and not the token`, () =>
        withReceiver(async (receiver) => {
          receiver.answer = { status, body };
          const error = await driver.open({ apiUrl: receiver.url }).purge(['post-12']).then(
            () => assert.fail('the purge was accepted'),
            (failure: unknown) => failure,
          );
          assert.ok(error instanceof CdnPurgeFailed, String(error));
          assert.equal(error.message, `${driver.name} purge failed: POST ${receiver.url}${driver.path} answered ${status}: ${body}`);
          assert.equal(error.status, status);
          assert.doesNotMatch(error.message, new RegExp(driver.token));
        }));
    }

    test('stops at the first refused batch, leaving the rest for the retry', () =>
      withReceiver(async (receiver) => {
        receiver.answer = { status: 429, body: '{"error":"rate limited"}' };
        await assert.rejects(driver.open({ apiUrl: receiver.url }).purge(postTags(2 * driver.limit)), /answered 429/);
        assert.equal(receiver.requests.length, 1);
      }));

    test('rejects saying the service could not be reached when nothing listens', async () => {
      const apiUrl = `http://127.0.0.1:${await freePort()}`;
      await assert.rejects(driver.open({ apiUrl }).purge(['post-12']), {
        name: 'CdnPurgeFailed',
        message: new RegExp(`^${driver.name} purge failed: POST ${apiUrl}${driver.path} could not be reached \\(.*ECONNREFUSED`),
      });
    });

    test('gives up on a service that does not answer within its timeout', () =>
      withReceiver(async (receiver) => {
        receiver.answer = { status: 200, body: '{}', delayMs: 3_000 };
        const started = Date.now();
        await assert.rejects(driver.open({ apiUrl: receiver.url, timeoutMs: 200 }).purge(['post-12']), /did not answer within 0.2 s/);
        assert.ok(Date.now() - started < 2_000, `took ${Date.now() - started} ms`);
      }));

    test('refuses tags that could split or smuggle keys in a header, sending nothing', () =>
      withReceiver(async (receiver) => {
        await assert.rejects(driver.open({ apiUrl: receiver.url }).purge(['post-12', 'post-1 site', 'Post-3']), /Not cache tags.*"post-1 site", "Post-3"/);
        assert.equal(receiver.requests.length, 0);
      }));

    test('once closed, abandons the purge in flight and sends no more', () =>
      withReceiver(async (receiver) => {
        receiver.answer = { status: 200, body: '{}', delayMs: 3_000 };
        const purger = driver.open({ apiUrl: receiver.url });
        const inFlight = purger.purge(['post-12']);
        // Closed only once the request has arrived, however busy the machine.
        for (let i = 0; i < 200 && receiver.requests.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
        await purger.close();
        await assert.rejects(inFlight, /was abandoned: the process is stopping/);
        await assert.rejects(purger.purge(['post-13']), /was not sent: the process is stopping/);
        assert.equal(receiver.requests.length, 1);
      }));
  });
}

test('a Cloudflare answer of 200 that says "success": false rejects with its errors', () =>
  withReceiver(async (receiver) => {
    receiver.answer = { status: 200, body: '{"success":false,"errors":[{"code":1134,"message":"Invalid tag"}],"messages":[],"result":null}' };
    await assert.rejects(DRIVERS[1]!.open({ apiUrl: receiver.url }).purge(['post-12']), /Cloudflare purge failed: POST .* answered success: false: .*Invalid tag/);
  }));
