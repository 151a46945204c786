import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const INSTANCE_HEADER = 'x-masthead-instance';

/**
 * With INSTANCE_NAME set, every response says which instance answered it,
 * so an operator behind a load balancer can tell which machine served a
 * page, an error or a picture. Set on Node's response before Fastify runs
 * (as the security headers are), so it is on responses written outside
 * Fastify's send (pages, the newsroom and /wp-json/ applications, /media/
 * files, the 503 Fastify gives while closing), and by a hook for requests
 * injected without a socket.
 */
export function instanceHeader(server: FastifyInstance, name: string | undefined): void {
  if (name === undefined) return;
  server.server.prependListener('request', (_request: IncomingMessage, response: ServerResponse) => {
    response.setHeader(INSTANCE_HEADER, name);
  });
  server.addHook('onRequest', (_request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (!reply.raw.headersSent && !reply.raw.hasHeader(INSTANCE_HEADER)) reply.raw.setHeader(INSTANCE_HEADER, name);
    done();
  });
}
