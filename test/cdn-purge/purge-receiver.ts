import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The body, parsed when it is JSON. */
  body: unknown;
}

export interface PurgeReceiver {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** Every request so far, in order. */
  requests: ReceivedRequest[];
  /** What the next requests are answered (200 with a JSON body at first), after `delayMs` when set. */
  answer: { status: number; body: string; delayMs?: number };
  close(): Promise<void>;
}

/** A real HTTP server on a loopback port standing in for a CDN's API: it records each request and answers as told. */
export async function startPurgeReceiver(): Promise<PurgeReceiver> {
  const requests: ReceivedRequest[] = [];
  const receiver = { url: '', requests, answer: { status: 200, body: '{"status":"ok"}' }, close: async () => undefined } as PurgeReceiver;
  const server = createServer((request, response) => {
    let text = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    request.on('end', () => {
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: kept as text
      }
      requests.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body });
      const { status, body: answer, delayMs = 0 } = receiver.answer;
      setTimeout(() => response.writeHead(status, { 'content-type': 'application/json' }).end(answer), delayMs).unref();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections(); // fetch keeps its connections open for the next request
    });
  return receiver;
}
