import type { ImageIngest } from '../content/image-ingest.js';
import type { BodyDocument } from '../content/body.js';
import type { TagKind } from '../content/types.js';
import type { OperationContext } from '../operations/context.js';
import { createMedia } from '../operations/create-media.js';
import { createPost } from '../operations/create-post.js';
import { createCategory, createTag, createUser } from '../operations/create-terms.js';
import { slugify } from '../lib/slug.js';
import { demoPhoto } from './demo-images.js';

/**
 * Varied made-up articles for benchmarks and for trying the site at size.
 * Deterministic (a seeded generator), so two runs make the same site.
 */

const FIRST = ['Ava', 'Marcus', 'Lena', 'Diego', 'Priya', 'Jonah', 'Mei', 'Tobias', 'Zara', 'Elliot', 'Nadia', 'Ruben', 'Ines', 'Oscar', 'Hana'];
const LAST = ['Hart', 'Okafor', 'Lindqvist', 'Moreau', 'Castillo', 'Byrne', 'Tanaka', 'Reyes', 'Novak', 'Adeyemi', 'Sato', 'Quinn'];
const SECTIONS = ['News', 'Celebrity', 'Music', 'Film', 'Television', 'Style'];
const TOPICS = ['Awards', 'Red Carpet', 'Streaming', 'Tour', 'Box Office', 'Fashion Week', 'Interviews', 'Reality TV', 'Charts', 'Festivals', 'Premieres', 'Podcasts'];
const ORGS = ['Netflix', 'Grammy Awards', 'Cannes Festival', 'HBO', 'Billboard', 'Vogue', 'BBC', 'Spotify'];
const AGENCIES = ['Shutterstock.com', 'Getty Images', 'AP Photo', 'Reuters', null];
const VERBS = ['Reveals', 'Opens Up About', 'Responds to', 'Celebrates', 'Announces', 'Reflects on', 'Addresses', 'Teases'];
const OBJECTS = ['New Album', 'Surprise Wedding', 'Award Snub', 'Comeback Tour', 'Feud With Co-Star', 'Career Change', 'Film Role', 'Family Life', 'Fashion Line'];
const SENTENCES = [
  'The announcement came during a candid interview that quickly spread across social media.',
  'Fans had speculated for months, and the news finally confirmed what many suspected.',
  'Representatives declined to comment further when reached on Tuesday.',
  'The project has been in development for more than two years, according to people close to it.',
  'Critics were divided, but the audience response was overwhelmingly positive.',
  'It marks a turning point in a career that has rarely slowed down.',
  'The pair were photographed together at the premiere earlier this month.',
  'Industry observers say the move could reshape the season’s awards race.',
  'In a statement, the studio said it was “thrilled” with the early numbers.',
  'Tickets for the first dates sold out within minutes — a record for the venue.',
];

function generator(seed: number) {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  return {
    next,
    int: (max: number) => Math.floor(next() * max),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
  };
}

export interface SyntheticPool {
  categoryIds: number[];
  authorIds: number[];
  tags: Array<{ id: number; name: string; kind: TagKind }>;
  mediaIds: number[];
}

const POOL_IMAGES = 12;

/** Sections, authors, tags and pictures the synthetic articles share; made once per store. */
export async function createPool(context: OperationContext & { images: ImageIngest }, onStep?: (label: string) => void): Promise<SyntheticPool> {
  const { store } = context;
  const categoryIds: number[] = [];
  for (const name of SECTIONS) {
    const slug = name.toLowerCase();
    categoryIds.push((await store.categories.findBySlug(slug))?.id ?? (await createCategory(context, { name, slug })).id);
  }
  const authorIds: number[] = [];
  for (let i = 0; i < 12; i++) {
    const slug = `demo-writer-${i + 1}`;
    const name = `${FIRST[i % FIRST.length]} ${LAST[(i * 5) % LAST.length]}`;
    authorIds.push((await store.users.findBySlug(slug))?.id ?? (await createUser(context, { name, slug, bio: `${name} writes about entertainment.` })).id);
  }
  const tags: SyntheticPool['tags'] = [];
  const tagSpecs: Array<{ name: string; kind: TagKind }> = [
    ...FIRST.flatMap((first, i) => LAST.slice(0, 4).map((last, j) => ({ name: `${first} ${LAST[(i + j * 3) % LAST.length] ?? last}`, kind: 'person' as const }))),
    ...TOPICS.map((name) => ({ name, kind: 'topic' as const })),
    ...ORGS.map((name) => ({ name, kind: 'organization' as const })),
  ];
  for (const spec of tagSpecs) {
    const existing = await store.tags.findBySlug(slugify(spec.name));
    const tag = existing ?? (await createTag(context, spec));
    if (!tags.some((t) => t.id === tag.id)) tags.push({ id: tag.id, name: tag.name, kind: tag.kind });
  }
  const mediaIds: number[] = [];
  const rng = generator(99);
  for (let i = 0; i < POOL_IMAGES; i++) {
    onStep?.(`picture ${i + 1} of ${POOL_IMAGES}`);
    const media = await createMedia(context, {
      bytes: await demoPhoto({ seed: 100 + i }),
      name: `demo-photo-${i + 1}.jpg`,
      details: { alt: `Demo photograph ${i + 1}`, caption: `Demo photograph ${i + 1}`, credit: `${rng.pick(FIRST)} ${rng.pick(LAST)}`, agency: rng.pick(AGENCIES) },
    });
    mediaIds.push(media.id);
  }
  return { categoryIds, authorIds, tags, mediaIds };
}

function articleBody(rng: ReturnType<typeof generator>, pool: SyntheticPool, person: string): BodyDocument {
  const paragraph = () => ({
    type: 'paragraph' as const,
    content: [{ text: Array.from({ length: 2 + rng.int(3) }, () => rng.pick(SENTENCES)).join(' ') }],
  });
  const body: BodyDocument = [paragraph(), paragraph()];
  body.push({ type: 'quote', style: rng.next() < 0.5 ? 'pull' : 'body', text: 'It felt like the right moment to say it out loud.', speaker: person, source: rng.pick(ORGS) });
  body.push({ type: 'image', media: rng.pick(pool.mediaIds) });
  const more = 4 + rng.int(6);
  for (let i = 0; i < more; i++) body.push(paragraph());
  if (rng.next() < 0.3) body.push({ type: 'heading', level: 2, content: [{ text: 'What comes next' }] }, paragraph());
  return body;
}

/** Adds `count` published articles, newest up to `clock.now()`, reporting progress after each. */
export async function addSyntheticArticles(
  context: OperationContext & { images: ImageIngest },
  input: { count: number; pool: SyntheticPool; seed?: number; onProgress?: (done: number) => void },
): Promise<number> {
  const rng = generator(input.seed ?? 7);
  const now = context.clock.now().getTime();
  const span = 730 * 24 * 3600 * 1000; // spread over two years, like an archive
  const batch = 250;
  let done = 0;
  while (done < input.count) {
    const size = Math.min(batch, input.count - done);
    await context.store.transaction(async (store) => {
      for (let i = 0; i < size; i++) {
        const persons = input.pool.tags.filter((t) => t.kind === 'person');
        const person = rng.pick(persons);
        const tagIds = new Set<number>([person.id]);
        const extra = 1 + rng.int(4);
        for (let t = 0; t < extra; t++) tagIds.add(rng.pick(input.pool.tags).id);
        await createPost(
          { ...context, store },
          {
            status: 'published',
            title: `${person.name} ${rng.pick(VERBS)} ${rng.pick(OBJECTS)}`,
            excerpt: rng.pick(SENTENCES),
            body: articleBody(rng, input.pool, person.name),
            featuredMediaId: rng.pick(input.pool.mediaIds),
            categoryId: rng.pick(input.pool.categoryIds),
            authorIds: [rng.pick(input.pool.authorIds)],
            tagIds: [...tagIds],
            publishedAt: new Date(now - 60_000 - Math.floor(rng.next() * span)).toISOString(),
          },
        );
      }
    });
    done += size;
    input.onProgress?.(done);
  }
  return done;
}
