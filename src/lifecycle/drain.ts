import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Whether this process is on its way out. A graceful stop (src/cli/serve.ts)
 * starts draining first: /readyz answers 503 so that a load balancer probing
 * it stops sending new requests, while pages go on answering 200 for the
 * requests that still come; only then does the server stop accepting
 * connections and finish what is in flight.
 */
export class Drain {
  #isDraining = false;

  get isDraining(): boolean {
    return this.#isDraining;
  }

  start(): void {
    this.#isDraining = true;
  }
}

/**
 * While draining, every response asks its client to close the connection
 * (`Connection: close`): a balancer's kept-alive connections to this process
 * end one by one as they are used, so fewer are left to be cut when the
 * server closes, and none is reused for a request that would then race the
 * close.
 */
export function closeConnectionsWhileDraining(server: FastifyInstance, drain: Drain): void {
  server.server.prependListener('request', (_request: IncomingMessage, response: ServerResponse) => {
    if (drain.isDraining) response.setHeader('connection', 'close');
  });
  // Requests injected without a socket (tests) see the same.
  server.addHook('onRequest', (_request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (drain.isDraining && !reply.raw.headersSent) reply.raw.setHeader('connection', 'close');
    done();
  });
}
