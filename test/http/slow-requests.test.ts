import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { createTestStore, type TestStore } from '../helpers/engines.js';
import { startServer, type RunningServer } from '../helpers/server.js';

/**
 * A client that sends its headers and then trickles the body (slow loris)
 * must not hold a socket for Node's default 300 s: REQUEST_TIMEOUT_S bounds
 * the whole request. The store plays no part, so one engine is enough.
 */

describe('a request that trickles in', () => {
  let t: TestStore;
  let server: RunningServer;

  before(async () => {
    t = await createTestStore('sqlite');
    server = await startServer({ store: t.store, dataDir: t.dataDir, env: { REQUEST_TIMEOUT_S: '1' } });
  });
  after(async () => {
    await server?.close();
    await t?.cleanup();
  });

  test('is cut off by the server, with 408, while the client is still sending', { timeout: 60_000 }, async () => {
    const { port } = new URL(server.url);
    const socket = connect(Number(port), '127.0.0.1');
    let received = '';
    let bytesSent = 0;
    socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    socket.write('POST /api/admin/session HTTP/1.1\r\nHost: news.example\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n');
    // One byte every 100 ms: never idle, never done. Stops when the server closes the socket;
    // the body would take over two hours to arrive, so only the server can end this.
    const trickle = setInterval(() => {
      if (!socket.destroyed && socket.writable) {
        socket.write('x');
        bytesSent += 1;
      }
    }, 100);
    try {
      await new Promise<void>((resolve) => socket.once('close', () => resolve()));
    } finally {
      clearInterval(trickle);
    }
    assert.ok(bytesSent < 100_000, 'the server closed the socket before the body was complete');
    assert.match(received, /^HTTP\/1\.1 408 /);
  });

  test('a request sent at a normal pace is still answered', async () => {
    assert.equal((await server.get('/healthz')).status, 200);
  });
});
