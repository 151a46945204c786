import type { ImageIngest } from '../content/image-ingest.js';
import type { SharpIngestOptions } from './sharp-ingest.js';
import { onFirstUse } from '../on-first-use.js';

/**
 * The image ingest, with sharp and the metadata reader loaded on the first
 * upload rather than at start: a server that only serves pages never pays for
 * them in start-up time or memory.
 */
export function lazyImageIngest(options: SharpIngestOptions): ImageIngest {
  let loaded: Promise<ImageIngest> | undefined;
  const ingest = () => (loaded ??= onFirstUse.sharpIngest().then((module) => module.createSharpIngest(options)));
  return {
    ingest: async (input, ingestOptions) => (await ingest()).ingest(input, ingestOptions),
    makeSizes: async (image) => (await ingest()).makeSizes(image),
    discard: async (image) => (await ingest()).discard(image),
    readDetails: async (bytes) => (await ingest()).readDetails(bytes),
    writingTo: (mediaDir) => lazyImageIngest({ widths: options.widths, mediaDir }),
  };
}
