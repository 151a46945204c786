import type { Block, BodyDocument, Mark, TextRun } from '../../src/content/body.js';

/** A small seeded generator (mulberry32), so a failing document can be made again from its seed. */
export function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;
  const chance = (p: number): boolean => next() < p;
  return { int, pick, chance };
}

type Random = ReturnType<typeof randomSource>;

/** Letters a newsroom types, and the ones that trip converters: entities, curly quotes, astral characters, tabs, newlines. */
const PIECES = ['a', 'Z', ' ', '  ', 'é', '’', '“', '&', '<b>', '😀', '\t', '\n', 'Kanye', 'West', '.', ',', '1'];
export const VALID_HREFS = ['https://example.com/story', 'http://a.b/c?d=e#f', '/about/', '/', '#notes', '#', 'mailto:desk@example.com', 'tel:+1 (555) 010-0000'];
export const VALID_EMBEDS = [
  'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
  'https://youtu.be/dQw4w9WgXcQ',
  'https://x.com/johnlegend/status/1320000000000000000',
  'https://twitter.com/johnlegend/status/1320000000000000000',
  'https://www.instagram.com/p/CabcDEF123/',
  'https://www.tiktok.com/@someone/video/7123456789012345678',
];

function text(random: Random, maxPieces = 8): string {
  let out = '';
  const count = random.int(1, maxPieces);
  for (let i = 0; i < count; i++) out += random.pick(PIECES);
  return out;
}

function marks(random: Random): Mark[] {
  const out: Mark[] = [];
  if (random.chance(0.3)) out.push({ type: 'bold' });
  if (random.chance(0.3)) out.push({ type: 'italic' });
  if (random.chance(0.2)) out.push({ type: 'link', href: random.pick(VALID_HREFS) });
  return out;
}

/** Runs in canonical form: marks bold, italic, link in that order, none empty, no two neighbours alike. */
function runs(random: Random): TextRun[] {
  const out: TextRun[] = [];
  const count = random.int(1, 5);
  for (let i = 0; i < count; i++) {
    const run: TextRun = { text: text(random) };
    const runMarks = marks(random);
    if (runMarks.length > 0) run.marks = runMarks;
    const last = out[out.length - 1];
    if (last && JSON.stringify(last.marks ?? []) === JSON.stringify(runMarks)) last.text += run.text;
    else out.push(run);
  }
  return out;
}

function line(random: Random): string {
  return text(random, 4).replace(/\n/g, ' ');
}

function block(random: Random): Block {
  switch (random.int(0, 7)) {
    case 0:
      return { type: 'paragraph', content: runs(random) };
    case 1:
      return { type: 'heading', level: random.pick([2, 3, 4] as const), content: runs(random) };
    case 2:
      return { type: 'list', isOrdered: random.chance(0.5), items: Array.from({ length: random.int(1, 4) }, () => runs(random)) };
    case 3: {
      const quote: Block = { type: 'quote', style: random.pick(['body', 'pull'] as const), text: text(random) };
      if (random.chance(0.5)) quote.speaker = line(random);
      if (random.chance(0.5)) quote.context = line(random);
      if (random.chance(0.5)) quote.source = line(random);
      if (random.chance(0.5)) quote.sourceUrl = random.pick(VALID_HREFS);
      return quote;
    }
    case 4: {
      const image: Block = { type: 'image', media: random.int(1, 100_000) };
      const caption = random.int(0, 2);
      if (caption === 1) image.caption = '';
      if (caption === 2) image.caption = line(random);
      return image;
    }
    case 5:
      return { type: 'embed', url: random.pick(VALID_EMBEDS), ...(random.chance(0.5) ? { caption: line(random) } : {}) };
    case 6:
      return { type: 'separator' };
    default:
      return { type: 'html', html: text(random, 12) };
  }
}

/** A valid body in canonical form: the documents that must survive the editor exactly. */
export function randomBody(seed: number): BodyDocument {
  const random = randomSource(seed);
  return Array.from({ length: random.int(0, 12) }, () => block(random));
}
