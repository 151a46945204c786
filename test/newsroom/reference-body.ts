import { readFileSync } from 'node:fs';
import type { BodyDocument } from '../../src/content/body.js';

interface SeedBlock {
  type: string;
  text?: string;
  media?: string;
  [key: string]: unknown;
}

/**
 * The reference article's body as the demo seeds it (src/demo/reference-article.ts),
 * with its pictures numbered 1, 2, 3… in the order the seed lists them.
 */
export function referenceBody(): BodyDocument {
  const seed = JSON.parse(readFileSync(new URL('../../fixtures/seed-article.json', import.meta.url), 'utf8')) as {
    article: { media: Array<{ id: string }>; body: SeedBlock[] };
  };
  const mediaIds = new Map(seed.article.media.map((item, index) => [item.id, index + 1]));
  return seed.article.body.map((block): BodyDocument[number] => {
    if (block.type === 'paragraph') return { type: 'paragraph', content: [{ text: String(block.text) }] };
    if (block.type === 'image') return { type: 'image', media: mediaIds.get(String(block.media)) ?? 0 };
    if (block.type === 'quote') {
      const { type: _type, ...rest } = block;
      return { type: 'quote', ...rest } as BodyDocument[number];
    }
    throw new Error(`the seed has a block of type "${block.type}" this helper does not know`);
  });
}
