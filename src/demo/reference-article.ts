import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ImageIngest } from '../content/image-ingest.js';
import type { BodyDocument } from '../content/body.js';
import type { Post } from '../content/types.js';
import type { OperationContext } from '../operations/context.js';
import { createMedia } from '../operations/create-media.js';
import { createPost } from '../operations/create-post.js';
import { createCategory, createTag, createUser } from '../operations/create-terms.js';
import { updateSettings } from '../operations/settings.js';
import { demoLogo, demoPhoto } from './demo-images.js';

/** The reference article as the project keeps it: fixtures/seed-article.json. */
export const SEED_FILE = fileURLToPath(new URL('../../fixtures/seed-article.json', import.meta.url));

interface SeedFile {
  site: { title: string; tagline: string; language: string };
  article: {
    slug: string;
    title: string;
    excerpt: string;
    category: { name: string; slug: string };
    tags: Array<{ name: string; slug: string; kind: 'person' | 'topic' | 'organization' }>;
    authors: Array<{ name: string; slug: string }>;
    featuredImage: string;
    sources: Array<{ name: string; url?: string; note?: string }>;
    media: Array<{ id: string; alt: string; caption: string | null; credit: string | null; agency: string | null; width: number; height: number }>;
    body: Array<Record<string, unknown> & { type: string }>;
  };
}

export function readSeedFile(path = SEED_FILE): SeedFile {
  return JSON.parse(readFileSync(path, 'utf8')) as SeedFile;
}

/** Short, factual descriptions for the people the demo article tags, so their pages are not bare. */
const PERSON_DESCRIPTIONS: Record<string, string> = {
  'john-legend': 'Singer, songwriter and producer.',
  'kanye-west': 'Rapper, record producer and fashion designer.',
};
/** Which of the article's pictures shows whom, for the person pages. */
const PERSON_PHOTOS: Record<string, string> = { 'john-legend': 'image-1', 'kanye-west': 'image-3' };

/**
 * Seeds the reference article, with its site settings, section, people,
 * author, credited pictures and sources, through the same operations the
 * newsroom uses. Run inside one transaction by the caller.
 */
export async function seedReferenceArticle(context: OperationContext & { images: ImageIngest }, seed = readSeedFile()): Promise<Post> {
  const { article } = seed;
  const logo = await createMedia(context, { bytes: await demoLogo(seed.site.title), name: 'logo.png', details: { alt: seed.site.title } });
  await updateSettings(context, { title: seed.site.title, tagline: seed.site.tagline, language: seed.site.language, logoMediaId: logo.id, ampEnabled: true });

  const mediaIds = new Map<string, number>();
  for (const [index, item] of article.media.entries()) {
    const media = await createMedia(context, {
      bytes: await demoPhoto({ seed: index + 3, width: item.width, height: item.height }),
      name: `${article.slug.slice(0, 40)}-${index + 1}.jpg`,
      details: { alt: item.alt, caption: item.caption, credit: item.credit, agency: item.agency },
    });
    mediaIds.set(item.id, media.id);
  }
  const category = await createCategory(context, article.category);
  const authorIds: number[] = [];
  for (const author of article.authors) authorIds.push((await createUser(context, { ...author, role: 'editor' })).id);
  const tagIds: number[] = [];
  for (const tag of article.tags) {
    const photo = PERSON_PHOTOS[tag.slug];
    const created = await createTag(context, {
      ...tag,
      ...(PERSON_DESCRIPTIONS[tag.slug] ? { description: PERSON_DESCRIPTIONS[tag.slug] } : {}),
      ...(photo && mediaIds.has(photo) ? { imageMediaId: mediaIds.get(photo) } : {}),
    });
    tagIds.push(created.id);
  }

  return createPost(context, {
    kind: 'article',
    status: 'published',
    slug: article.slug,
    title: article.title,
    excerpt: article.excerpt,
    body: toBody(article.body, mediaIds),
    featuredMediaId: mediaIds.get(article.featuredImage) ?? null,
    categoryId: category.id,
    authorIds,
    tagIds,
    sources: article.sources,
  });
}

/** The seed's compact blocks ("text", "media": "image-1") to the body document. */
function toBody(blocks: SeedFile['article']['body'], mediaIds: Map<string, number>): BodyDocument {
  return blocks.map((block) => {
    if (block.type === 'paragraph') return { type: 'paragraph', content: [{ text: String(block.text) }] };
    if (block.type === 'image') return { type: 'image', media: mediaIds.get(String(block.media)) ?? 0 };
    if (block.type === 'quote') {
      const { type: _type, ...rest } = block;
      return { type: 'quote', ...rest } as BodyDocument[number];
    }
    throw new Error(`The seed file has a block of type "${block.type}" that the demo does not know`);
  });
}
