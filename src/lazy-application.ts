import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Serves `paths` from a second Fastify application that `build` makes on the
 * first request to one of them: what it loads (modules, compiled schemas)
 * costs a process nothing until then. Request bodies are left unread for it.
 */
export async function lazyApplication(server: FastifyInstance, paths: string[], build: () => Promise<FastifyInstance>): Promise<void> {
  let inner: Promise<FastifyInstance> | undefined;
  const load = () => (inner ??= build().then(async (app) => (await app.ready(), app)));
  server.addHook('onClose', async () => {
    if (inner) await (await inner).close();
  });
  await server.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
    const forward = async (request: FastifyRequest, reply: FastifyReply) => {
      const app = await load();
      reply.hijack();
      app.routing(request.raw, reply.raw);
    };
    for (const path of paths) scope.all(path, forward);
  });
}
