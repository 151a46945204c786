/**
 * The pieces of the synthetic WordPress export (synthetic-wxr.ts): what a
 * magazine's editors would have written in the classic editor and in
 * Gutenberg, the serialised metadata WordPress keeps, and an `<item>` spelled
 * as WordPress writes it. Text comes from a seeded generator, so the same seed
 * gives the same words.
 */

export const SYNTHETIC_SITE = 'https://gazette.example.com';

export interface Random {
  /** In [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  chance(p: number): boolean;
}

/** mulberry32: small, fast and good enough to make text; never for anything secret. */
export function makeRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return { next, int: (n) => Math.floor(next() * n), chance: (p) => next() < p };
}

const VOCABULARY = (
  'council harbour budget river school bridge market station museum library festival stadium mayor minister court ' +
  'report plan vote debate strike housing energy climate transport health hospital police street city village ' +
  'season match team coach player result final league record crowd ticket night morning summer winter spring ' +
  'water light power price rent wage tax fund project study survey expert residents families workers students ' +
  'approves rejects opens closes delays announces warns promises launches reviews questions welcomes defends ' +
  'new old local national public private early late major minor quiet busy long short fresh historic ' +
  'after before during across under over between against towards around beyond within without'
).split(' ');

export function words(random: Random, count: number): string[] {
  return Array.from({ length: count }, () => VOCABULARY[random.int(VOCABULARY.length)]!);
}

export function sentence(random: Random, count = 8 + random.int(14)): string {
  const text = words(random, count).join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

/** A headline, now and then with the punctuation real ones have. */
export function titleOf(random: Random): string {
  const text = words(random, 5 + random.int(5)).join(' ');
  const title = `${text[0]!.toUpperCase()}${text.slice(1)}`;
  const roll = random.next();
  if (roll < 0.05) return `${title}: what it means & why`;
  if (roll < 0.1) return `‘${title}’, says mayor`;
  return title;
}

export function slugOf(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

type Php = string | number | Php[] | { [key: string]: Php };

/** PHP's serialize() for what `_wp_attachment_metadata` holds; string lengths are in bytes, as PHP counts them. */
export function phpSerialize(value: Php): string {
  if (typeof value === 'number') return `i:${value};`;
  if (typeof value === 'string') return `s:${Buffer.byteLength(value)}:"${value}";`;
  const entries: Array<[string | number, Php]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return `a:${entries.length}:{${entries.map(([k, v]) => (typeof k === 'number' ? `i:${k};` : phpSerialize(k)) + phpSerialize(v)).join('')}}`;
}

/** A picture in a body, with the id WordPress gives its attachment and the URL of one of its resized copies. */
export interface BodyPicture {
  id: number;
  url: string;
  alt: string;
}

const resized = (url: string, size: string) => url.replace(/\.(\w+)$/, `-${size}.$1`);

function linked(random: Random): string {
  const text = words(random, 2 + random.int(3)).join(' ');
  const href = random.chance(0.5) ? `https://www.example.org/${slugOf(text)}-${random.int(9000)}` : `${SYNTHETIC_SITE}/category/news/`;
  return `<a href="${href}">${text}</a>`;
}

/** A paragraph of a few sentences, some with a link or emphasis. */
function paragraph(random: Random): string {
  const parts: string[] = [];
  for (let n = 2 + random.int(4); n > 0; n -= 1) {
    const roll = random.next();
    if (roll < 0.15) parts.push(`${sentence(random).slice(0, -1)} ${linked(random)}.`);
    else if (roll < 0.25) parts.push(`<strong>${sentence(random)}</strong>`);
    else if (roll < 0.3) parts.push(`<em>${sentence(random)}</em>`);
    else parts.push(sentence(random));
  }
  return parts.join(' ');
}

function youtubeId(random: Random): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  return Array.from({ length: 11 }, () => alphabet[random.int(alphabet.length)]).join('');
}

/** Classic-editor HTML: loose paragraphs separated by blank lines, `[caption]` around pictures, a quote, a subheading. */
export function classicContent(random: Random, pictures: BodyPicture[]): string {
  const blocks: string[] = [];
  const count = 6 + random.int(8);
  for (let n = 0; n < count; n += 1) {
    const picture = n === 1 ? pictures[0] : n === 5 ? pictures[1] : undefined;
    if (picture) {
      const caption = sentence(random, 7);
      blocks.push(`[caption id="attachment_${picture.id}" align="aligncenter" width="1024"]<img class="size-large wp-image-${picture.id}" ` +
        `src="${resized(picture.url, '1024x683')}" alt="${picture.alt}" width="1024" height="683" /> ${caption}[/caption]`);
    }
    const roll = random.next();
    if (n > 0 && roll < 0.08) blocks.push(`<blockquote>${sentence(random)} ${sentence(random)}</blockquote>`);
    else if (n > 0 && roll < 0.16) blocks.push(`<h2>${sentence(random, 5).slice(0, -1)}</h2>`);
    else if (n > 0 && roll < 0.19) blocks.push(`https://www.youtube.com/watch?v=${youtubeId(random)}`);
    else if (roll < 0.24) blocks.push(`<ul>\n<li>${sentence(random, 6)}</li>\n<li>${sentence(random, 6)}</li>\n<li>${linked(random)}</li>\n</ul>`);
    else blocks.push(paragraph(random).replace(/\. (?=[A-Z])/, random.chance(0.2) ? '.\n' : '. '));
  }
  return blocks.join('\n\n');
}

const block = (name: string, html: string, attributes?: object) =>
  `<!-- wp:${name}${attributes ? ` ${JSON.stringify(attributes)}` : ''} -->\n${html}\n<!-- /wp:${name} -->`;

/** Gutenberg: paragraphs, headings, pictures with their attachment id, lists, quotes and a YouTube embed, each in its block comments. */
export function gutenbergContent(random: Random, pictures: BodyPicture[]): string {
  const blocks: string[] = [];
  const count = 6 + random.int(8);
  for (let n = 0; n < count; n += 1) {
    const picture = n === 1 ? pictures[0] : n === 5 ? pictures[1] : undefined;
    if (picture) {
      blocks.push(block('image', `<figure class="wp-block-image size-large"><img src="${resized(picture.url, '1024x683')}" alt="${picture.alt}" ` +
        `class="wp-image-${picture.id}"/><figcaption class="wp-element-caption">${sentence(random, 7)}</figcaption></figure>`,
      { id: picture.id, sizeSlug: 'large', linkDestination: 'none' }));
    }
    const roll = random.next();
    if (n > 0 && roll < 0.1) blocks.push(block('heading', `<h2 class="wp-block-heading">${sentence(random, 5).slice(0, -1)}</h2>`));
    else if (n > 0 && roll < 0.16) {
      blocks.push(block('quote', `<blockquote class="wp-block-quote"><!-- wp:paragraph -->\n<p>${sentence(random)}</p>\n<!-- /wp:paragraph --><cite>${words(random, 2).join(' ')}</cite></blockquote>`));
    } else if (n > 0 && roll < 0.2) {
      const url = `https://www.youtube.com/watch?v=${youtubeId(random)}`;
      blocks.push(block('embed', `<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube wp-embed-aspect-16-9 wp-has-aspect-ratio">` +
        `<div class="wp-block-embed__wrapper">\n${url}\n</div></figure>`,
      { url, type: 'video', providerNameSlug: 'youtube', responsive: true, className: 'wp-embed-aspect-16-9 wp-has-aspect-ratio' }));
    } else if (roll < 0.26) {
      const items = Array.from({ length: 2 + random.int(3) }, () => `<!-- wp:list-item -->\n<li>${sentence(random, 6)}</li>\n<!-- /wp:list-item -->`);
      blocks.push(block('list', `<ul class="wp-block-list">${items.join('\n')}</ul>`));
    } else {
      blocks.push(block('paragraph', `<p>${paragraph(random)}</p>`));
    }
  }
  return blocks.join('\n\n');
}

/** What readers write: a paragraph or two, blank lines between, now and then a link. */
export function commentText(random: Random): string {
  const paragraphs = Array.from({ length: 1 + random.int(3) }, () => sentence(random));
  if (random.chance(0.15)) paragraphs.push(`See ${linked(random)}`);
  return paragraphs.join('\n\n');
}

export const cdata = (text: string) => `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
const attr = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
export const pad = (n: number) => String(n).padStart(2, '0');
export const wpDate = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
/** What WordPress writes for a draft's GMT date. */
const NO_DATE = '0000-00-00 00:00:00';

export interface ItemFields {
  id: number;
  title: string;
  link: string;
  date: Date;
  creator: string;
  content: string;
  excerpt: string;
  slug: string;
  status: string;
  parent: number;
  type: string;
  password?: string;
  sticky?: boolean;
  guid?: string;
  order?: number;
  extra?: string;
}

/** One `<item>`, its fields in the order WordPress writes them; `extra` is what follows (terms, meta, comments). */
export function item(f: ItemFields): string {
  const hasDate = f.status !== 'draft' && f.status !== 'pending';
  return `<item>
\t<title>${cdata(f.title)}</title>
\t<link>${attr(f.link)}</link>
\t<pubDate>${hasDate ? f.date.toUTCString().replace('GMT', '+0000') : 'Mon, 30 Nov -0001 00:00:00 +0000'}</pubDate>
\t<dc:creator>${cdata(f.creator)}</dc:creator>
\t<guid isPermaLink="false">${attr(f.guid ?? `${SYNTHETIC_SITE}/?p=${f.id}`)}</guid>
\t<description></description>
\t<content:encoded>${cdata(f.content)}</content:encoded>
\t<excerpt:encoded>${cdata(f.excerpt)}</excerpt:encoded>
\t<wp:post_id>${f.id}</wp:post_id>
\t<wp:post_date>${cdata(wpDate(f.date))}</wp:post_date>
\t<wp:post_date_gmt>${cdata(hasDate ? wpDate(f.date) : NO_DATE)}</wp:post_date_gmt>
\t<wp:post_modified>${cdata(wpDate(f.date))}</wp:post_modified>
\t<wp:post_modified_gmt>${cdata(hasDate ? wpDate(f.date) : NO_DATE)}</wp:post_modified_gmt>
\t<wp:comment_status>${cdata(f.type === 'post' ? 'open' : 'closed')}</wp:comment_status>
\t<wp:ping_status>${cdata(f.type === 'post' ? 'open' : 'closed')}</wp:ping_status>
\t<wp:post_name>${cdata(f.slug)}</wp:post_name>
\t<wp:status>${cdata(f.status)}</wp:status>
\t<wp:post_parent>${f.parent}</wp:post_parent>
\t<wp:menu_order>${f.order ?? 0}</wp:menu_order>
\t<wp:post_type>${cdata(f.type)}</wp:post_type>
\t<wp:post_password>${cdata(f.password ?? '')}</wp:post_password>
\t<wp:is_sticky>${f.sticky ? 1 : 0}</wp:is_sticky>
${f.extra ?? ''}</item>
`;
}

export const meta = (key: string, value: string) => `\t<wp:postmeta>\n\t\t<wp:meta_key>${cdata(key)}</wp:meta_key>\n\t\t<wp:meta_value>${cdata(value)}</wp:meta_value>\n\t</wp:postmeta>\n`;
export const term = (domain: string, nicename: string, name: string) => `\t<category domain="${domain}" nicename="${attr(nicename)}">${cdata(name)}</category>\n`;
