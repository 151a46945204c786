import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { IMMUTABLE_CACHE_CONTROL } from './content-type.js';
import { isMediaPath, type MediaStorage } from './media-storage.js';

export interface ServeMediaOptions {
  storage: MediaStorage;
  /** The URL prefix, with its slashes: '/media/'. */
  prefix: string;
  /** The headers every media file gets (type, sandboxing CSP): the site's mediaFileHeaders. */
  setHeaders(response: { setHeader(name: string, value: string): unknown }, path: string): void;
}

/**
 * Serves the media files under `prefix`, from whichever storage holds them,
 * with the same headers either way: a folder on this disk through the static
 * file handler (ranges, validators); a bucket by streaming each object, so any
 * instance serves any picture whatever its own disk holds. A missing file, or
 * a path no stored file can have (a dot folder such as an import's staging),
 * goes to the not-found handler.
 */
export async function serveMedia(server: FastifyInstance, options: ServeMediaOptions): Promise<void> {
  const { storage, prefix } = options;
  if (storage.localFolder !== undefined) {
    await server.register(fastifyStatic, {
      root: storage.localFolder,
      prefix,
      // File names carry a content hash, so a file at a URL never changes.
      immutable: true,
      maxAge: '365d',
      index: false,
      list: false,
      // Never serve a dot folder: an import's files wait under .staging/ until its transaction commits.
      dotfiles: 'ignore',
      decorateReply: false,
      // Only the picture types we make are served as what they are; see setHeaders.
      contentType: false,
      setHeaders: options.setHeaders,
    });
    return;
  }
  server.get<{ Params: { '*': string } }>(`${prefix}*`, async (request, reply) => {
    const path = request.params['*'];
    if (!isMediaPath(path)) return reply.callNotFound();
    const object = await storage.open(path);
    if (!object) return reply.callNotFound();
    options.setHeaders({ setHeader: (name, value) => reply.header(name, value) }, path);
    reply.header('cache-control', IMMUTABLE_CACHE_CONTROL);
    if (object.lastModified) reply.header('last-modified', object.lastModified.toUTCString());
    if (object.etag) {
      reply.header('etag', object.etag);
      if (request.headers['if-none-match'] === object.etag) {
        object.body.destroy();
        return reply.code(304).send();
      }
    }
    reply.header('content-length', String(object.size));
    return reply.send(object.body);
  });
}
