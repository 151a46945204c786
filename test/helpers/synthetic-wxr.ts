import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import {
  SYNTHETIC_SITE, cdata, classicContent, commentText, gutenbergContent, item, makeRandom, meta, pad, phpSerialize, sentence, slugOf, term, titleOf,
  wpDate, words, type Random,
} from './synthetic-content.js';

/**
 * A WordPress export (WXR 1.2) of a made-up magazine, as large as asked,
 * written as a stream so that 10,000 posts never sit in memory: three
 * authors, nested categories, 300 tags, a people taxonomy, pictures with the
 * metadata WordPress keeps for them, posts in the classic editor and in
 * Gutenberg in every status, and threaded comments. The same seed gives the
 * same file, byte for byte. The counts it returns are what an import of the
 * file must bring over.
 */
export interface SyntheticWxrOptions {
  posts: number;
  /** On average: all posts × this many comments, spread unevenly over the published posts. */
  commentsPerPost: number;
  attachments: number;
  seed?: number;
  /** Where the first `filesWithBytes` attachments get a real (64×48) picture; the others have none. */
  uploadsDir?: string;
  filesWithBytes?: number;
}

export interface SyntheticWxrCounts {
  bytes: number;
  authors: number;
  categories: number;
  tags: number;
  /** Terms of the `people` taxonomy, which become person tags. */
  peopleTerms: number;
  /** By WordPress status; `publish` includes the password-protected and sticky posts. */
  posts: { total: number; publish: number; draft: number; pending: number; future: number; private: number };
  passwordProtected: number;
  sticky: number;
  /** Posts whose `<link>` is a dated permalink (published and private ones), not `/?p=`. */
  datedLinks: number;
  pages: number;
  attachments: { total: number; withFiles: number; attached: number };
  comments: { total: number; approved: number; pending: number; spam: number; replies: number; pingbacks: number };
  /** Items of the main menu, leading to the About and Contact pages. */
  menuItems: number;
}

type Status = 'publish' | 'draft' | 'pending' | 'future' | 'private';

/** Statuses by the post's place in the file, so that any run of 60 posts or more has each of them. */
function statusAt(index: number): Status {
  const slot = index % 100;
  if ([7, 27, 47, 67, 87].includes(slot)) return 'draft';
  if (slot === 13 || slot === 53) return 'pending';
  if (slot === 21 || slot === 81) return 'future';
  if (slot === 33 || slot === 93) return 'private';
  return 'publish';
}

const isPasswordProtected = (index: number) => index % 1000 === 3;
const isSticky = (index: number) => index % 5000 === 1;
const FIRST_POST_DATE = Date.UTC(2014, 0, 6, 7, 30);
const LAST_POST_DATE = Date.UTC(2026, 5, 30, 18, 0);
/** Far enough ahead that a scheduled post is still to come whenever the tests run. */
const FUTURE_YEAR = 2099;

const CATEGORY_TREE: Array<[string, string[]]> = [
  ['News', ['World', 'Europe', 'Local', 'Courts']],
  ['Politics', ['Elections', 'Parliament', 'City Hall']],
  ['Business', ['Markets', 'Startups', 'Property']],
  ['Culture', ['Film', 'Music', 'Books', 'Theatre']],
  ['Sport', ['Football', 'Tennis', 'Cycling']],
  ['Science', ['Climate', 'Space', 'Health']],
  ['Technology', ['Gadgets', 'Security', 'AI']],
  ['Opinion', ['Editorials', 'Letters']],
  ['Travel', ['City Breaks', 'Outdoors']],
  ['Food', ['Recipes', 'Restaurants']],
];
/** Two levels down, under a child: nicename of the parent, then the name. */
const GRANDCHILDREN: Array<[string, string]> = [['sport-football', 'Premier League'], ['culture-film', 'Festivals']];
const TAG_FIRST = ['climate', 'housing', 'energy', 'transport', 'school', 'health', 'election', 'budget', 'harbour', 'river', 'museum', 'festival', 'market', 'stadium', 'library'];
const TAG_SECOND = ['policy', 'prices', 'strike', 'report', 'review', 'plan', 'debate', 'crisis', 'vote', 'reform', 'funding', 'survey', 'protest', 'deal', 'study', 'trial', 'award', 'launch', 'closure', 'tour'];
const PEOPLE = [['mayor-elena-ruiz', 'Elena Ruiz'], ['coach-sam-okafor', 'Sam Okafor']] as const;
const AUTHORS = [
  { id: 1, login: 'editor', first: '', last: '', display: 'The Editor' },
  { id: 2, login: 'mjohnson', first: 'Maria', last: 'Johnson', display: 'Maria Johnson' },
  { id: 3, login: 'tkowalski', first: 'Tomasz', last: 'Kowalski', display: 'Tomasz Kowalski' },
] as const;

interface Category {
  termId: number;
  nicename: string;
  name: string;
  parent: string;
}

function categories(): Category[] {
  const list: Category[] = [];
  let termId = 2;
  for (const [name, children] of CATEGORY_TREE) {
    const nicename = slugOf(name);
    list.push({ termId: termId++, nicename, name, parent: '' });
    for (const child of children) list.push({ termId: termId++, nicename: `${nicename}-${slugOf(child)}`, name: child, parent: nicename });
  }
  for (const [parent, name] of GRANDCHILDREN) list.push({ termId: termId++, nicename: `${parent}-${slugOf(name)}`, name, parent });
  return list;
}

const tagName = (slug: string) => `${slug[0]!.toUpperCase()}${slug.slice(1).replace('-', ' ')}`;

/** A picture's file and URL, from its place among the attachments and the day it was uploaded. */
interface Picture {
  id: number;
  path: string;
  url: string;
  alt: string;
}

function pictureOf(input: { index: number; id: number; uploaded: Date; random: Random }): Picture {
  const { index, uploaded, random } = input;
  const name = `${words(random, 2).join('-')}-${index + 1}.${index % 10 === 9 ? 'png' : 'jpg'}`;
  const path = `${uploaded.getUTCFullYear()}/${pad(uploaded.getUTCMonth() + 1)}/${name}`;
  return { id: input.id, path, url: `${SYNTHETIC_SITE}/wp-content/uploads/${path}`, alt: random.chance(0.85) ? sentence(random, 6).replace(/\.$/, '') : '' };
}

export async function writeSyntheticWxr(file: string, options: SyntheticWxrOptions): Promise<SyntheticWxrCounts> {
  const random = makeRandom(options.seed ?? 1);
  const filesWithBytes = options.uploadsDir === undefined ? 0 : Math.min(options.filesWithBytes ?? 0, options.attachments);
  const unattached = options.posts === 0 ? options.attachments : Math.floor(options.attachments / 20);
  const attachedCount = options.attachments - unattached;
  const counts: SyntheticWxrCounts = {
    bytes: 0, authors: AUTHORS.length, categories: 0, tags: TAG_FIRST.length * TAG_SECOND.length, peopleTerms: PEOPLE.length,
    posts: { total: options.posts, publish: 0, draft: 0, pending: 0, future: 0, private: 0 },
    passwordProtected: 0, sticky: 0, datedLinks: 0, pages: 3,
    attachments: { total: options.attachments, withFiles: filesWithBytes, attached: attachedCount },
    comments: { total: 0, approved: 0, pending: 0, spam: 0, replies: 0, pingbacks: 0 },
    menuItems: 2,
  };
  const commentsOf = spreadComments({ random, posts: options.posts, total: Math.round(options.posts * options.commentsPerPost) });

  await mkdir(dirname(file), { recursive: true });
  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const categoryList = categories();
  counts.categories = categoryList.length;
  await write(header(categoryList));

  let nextId = 2;
  await write(pages(nextId));
  nextId += counts.pages;
  const usedSlugs = new Set<string>();
  /** Pictures already in the file, for stories that reuse an older one. */
  const earlier: Picture[] = [];
  let commentId = 1;
  let pictureIndex = 0;
  const step = (LAST_POST_DATE - FIRST_POST_DATE) / Math.max(options.posts, 1);

  for (let index = 0; index < options.posts; index += 1) {
    const status = statusAt(index);
    counts.posts[status] += 1;
    const id = nextId++;
    const written = new Date(FIRST_POST_DATE + index * step + random.int(Math.max(1, Math.floor(step / 2))));
    const date = new Date(written);
    if (status === 'future') date.setUTCFullYear(FUTURE_YEAR);
    // Attachment j belongs to post j mod posts, so every post has its share of pictures, whatever the ratio.
    const own: Picture[] = [];
    for (let j = index; j < attachedCount; j += options.posts) own.push(pictureOf({ index: j, id: nextId++, uploaded: written, random }));
    const title = titleOf(random);
    let slug = slugOf(title);
    for (let n = 2; usedSlugs.has(slug); n += 1) slug = `${slugOf(title)}-${n}`;
    usedSlugs.add(slug);
    const isDated = status === 'publish' || status === 'private';
    if (isDated) counts.datedLinks += 1;
    const link = isDated ? `${SYNTHETIC_SITE}/${date.getUTCFullYear()}/${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())}/${slug}/` : `${SYNTHETIC_SITE}/?p=${id}`;
    const password = status === 'publish' && isPasswordProtected(index) ? 'letmein' : '';
    if (password) counts.passwordProtected += 1;
    const sticky = status === 'publish' && isSticky(index);
    if (sticky) counts.sticky += 1;
    const reused = earlier.length > 0 && random.chance(0.3) ? earlier[random.int(earlier.length)] : undefined;
    const featured = own[0] ?? reused;
    const pictures = [...own, ...(reused && reused !== featured ? [reused] : [])];
    const content = random.chance(0.45) ? classicContent(random, pictures) : gutenbergContent(random, pictures);
    const comments = status === 'publish' ? postComments({ random, count: commentsOf[index] ?? 0, firstId: commentId, after: date, counts }) : '';
    commentId += status === 'publish' ? (commentsOf[index] ?? 0) : 0;
    await write(postItem({
      random, id, title, slug: status === 'draft' || status === 'pending' ? '' : slug, link, date, status, password, sticky, content, featured, comments,
      categoryList,
    }));
    for (const picture of own) {
      await write(attachmentItem({ random, picture, parent: id, parentLink: isDated ? link : undefined, uploaded: written }));
      await writePicture(options.uploadsDir, picture, pictureIndex++ < filesWithBytes);
      earlier.push(picture);
    }
  }
  for (let j = attachedCount; j < options.attachments; j += 1) {
    const uploaded = new Date(FIRST_POST_DATE + random.int(LAST_POST_DATE - FIRST_POST_DATE));
    const picture = pictureOf({ index: j, id: nextId++, uploaded, random });
    await write(attachmentItem({ random, picture, parent: 0, parentLink: undefined, uploaded }));
    await writePicture(options.uploadsDir, picture, pictureIndex++ < filesWithBytes);
  }
  await write(menuItems(nextId));
  await write('</channel>\n</rss>\n');
  out.end();
  await finished(out);
  counts.bytes = out.bytesWritten;
  counts.comments.total = counts.comments.approved + counts.comments.pending + counts.comments.spam;
  return counts;
}

/** The total number of comments, over the published posts: most get a few, one in twenty is a talking point and gets many. */
function spreadComments(input: { random: Random; posts: number; total: number }): Uint32Array {
  const perPost = new Uint32Array(input.posts);
  const open: number[] = [];
  for (let index = 0; index < input.posts; index += 1) if (statusAt(index) === 'publish') open.push(index);
  if (open.length === 0) return perPost;
  const popular = open.filter((_, i) => i % 20 === 0);
  for (let n = 0; n < input.total; n += 1) {
    const list = input.random.chance(0.3) ? popular : open;
    const index = list[input.random.int(list.length)]!;
    perPost[index] = perPost[index]! + 1;
  }
  return perPost;
}

async function writePicture(uploadsDir: string | undefined, picture: Picture, hasBytes: boolean): Promise<void> {
  if (!uploadsDir || !hasBytes) return;
  const target = join(uploadsDir, picture.path);
  await mkdir(dirname(target), { recursive: true });
  // The colour changes from one picture to the next, so their bytes (and the names the library gives their files) differ.
  const { id } = picture;
  const image = sharp({ create: { width: 64, height: 48, channels: 3, background: { r: id & 255, g: (id >> 8) & 255, b: (id * 37) & 255 } } });
  await (picture.path.endsWith('.png') ? image.png() : image.jpeg({ quality: 80 })).toFile(target);
}

function header(categoryList: Category[]): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8" ?>',
    '<!-- This is a WordPress eXtended RSS file generated by WordPress as an export of your site. -->',
    '<!-- generator="WordPress/6.5.2" created="2026-07-01 09:12" -->',
    '<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/"' +
      ' xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">',
    '<channel>',
    '\t<title>The Synthetic Gazette</title>',
    `\t<link>${SYNTHETIC_SITE}</link>`,
    '\t<description>News, culture and sport from a city that does not exist</description>',
    '\t<pubDate>Wed, 01 Jul 2026 09:12:44 +0000</pubDate>',
    '\t<language>en-GB</language>',
    '\t<wp:wxr_version>1.2</wp:wxr_version>',
    `\t<wp:base_site_url>${SYNTHETIC_SITE}</wp:base_site_url>`,
    `\t<wp:base_blog_url>${SYNTHETIC_SITE}</wp:base_blog_url>`,
  ];
  for (const a of AUTHORS) {
    lines.push(`\t<wp:author><wp:author_id>${a.id}</wp:author_id><wp:author_login>${cdata(a.login)}</wp:author_login>` +
      `<wp:author_email>${cdata(`${a.login}@gazette.example.com`)}</wp:author_email><wp:author_display_name>${cdata(a.display)}</wp:author_display_name>` +
      `<wp:author_first_name>${cdata(a.first)}</wp:author_first_name><wp:author_last_name>${cdata(a.last)}</wp:author_last_name></wp:author>`);
  }
  for (const c of categoryList) {
    lines.push(`\t<wp:category>\n\t\t<wp:term_id>${c.termId}</wp:term_id>\n\t\t<wp:category_nicename>${cdata(c.nicename)}</wp:category_nicename>\n` +
      `\t\t<wp:category_parent>${cdata(c.parent)}</wp:category_parent>\n\t\t<wp:cat_name>${cdata(c.name)}</wp:cat_name>\n\t</wp:category>`);
  }
  let termId = 100;
  for (const first of TAG_FIRST) {
    for (const second of TAG_SECOND) {
      lines.push(`\t<wp:tag>\n\t\t<wp:term_id>${termId++}</wp:term_id>\n\t\t<wp:tag_slug>${cdata(`${first}-${second}`)}</wp:tag_slug>\n` +
        `\t\t<wp:tag_name>${cdata(tagName(`${first}-${second}`))}</wp:tag_name>\n\t</wp:tag>`);
    }
  }
  for (const [slug, name] of PEOPLE) {
    lines.push(`\t<wp:term><wp:term_id>${termId++}</wp:term_id><wp:term_taxonomy>${cdata('people')}</wp:term_taxonomy>` +
      `<wp:term_slug>${cdata(slug)}</wp:term_slug><wp:term_parent>${cdata('')}</wp:term_parent><wp:term_name>${cdata(name)}</wp:term_name></wp:term>`);
  }
  lines.push(`\t<wp:term><wp:term_id>${termId++}</wp:term_id><wp:term_taxonomy>${cdata('nav_menu')}</wp:term_taxonomy>` +
    `<wp:term_slug>${cdata('main-menu')}</wp:term_slug><wp:term_name>${cdata('Main menu')}</wp:term_name></wp:term>`);
  lines.push('\t<generator>https://wordpress.org/?v=6.5.2</generator>', '');
  return lines.join('\n');
}


function postItem(input: {
  random: Random; id: number; title: string; slug: string; link: string; date: Date; status: Status; password: string; sticky: boolean;
  content: string; featured: Picture | undefined; comments: string; categoryList: Category[];
}): string {
  const { random } = input;
  const author = AUTHORS[random.int(AUTHORS.length)]!;
  const pick = () => input.categoryList[random.int(input.categoryList.length)]!;
  const sections = [...new Set(random.chance(0.2) ? [pick(), pick()] : [pick()])];
  let extra = '';
  for (const c of sections) extra += term('category', c.nicename, c.name);
  const tags = new Set<string>();
  for (let n = random.int(7); n > 0; n -= 1) tags.add(`${TAG_FIRST[random.int(TAG_FIRST.length)]!}-${TAG_SECOND[random.int(TAG_SECOND.length)]!}`);
  for (const slug of tags) extra += term('post_tag', slug, tagName(slug));
  const person = random.chance(0.05) ? PEOPLE[random.int(PEOPLE.length)] : undefined;
  if (person) extra += term('people', person[0], person[1]);
  extra += meta('_edit_last', String(author.id));
  if (input.featured) extra += meta('_thumbnail_id', String(input.featured.id));
  if (random.chance(0.5)) extra += meta('_yoast_wpseo_title', `${input.title} | The Synthetic Gazette`);
  if (random.chance(0.6)) extra += meta('_yoast_wpseo_metadesc', sentence(random, 22));
  if (sections.length > 1) extra += meta('_yoast_wpseo_primary_category', String(sections[1]!.termId));
  return item({
    id: input.id, title: input.title, link: input.link, date: input.date, creator: author.login, content: input.content,
    excerpt: random.chance(0.3) ? sentence(random, 20) : '', slug: input.slug, status: input.status, parent: 0, type: 'post',
    password: input.password, sticky: input.sticky, extra: extra + input.comments,
  });
}

function postComments(input: { random: Random; count: number; firstId: number; after: Date; counts: SyntheticWxrCounts }): string {
  const { random, counts } = input;
  const approved: number[] = [];
  let xml = '';
  for (let n = 0; n < input.count; n += 1) {
    const id = input.firstId + n;
    const roll = random.next();
    const isPingback = roll < 0.03;
    const state = isPingback || roll < 0.88 ? '1' : roll < 0.96 ? '0' : 'spam';
    const parent = !isPingback && state === '1' && approved.length > 0 && random.chance(0.4) ? approved[random.int(approved.length)]! : 0;
    if (state === '1') counts.comments.approved += 1;
    else if (state === '0') counts.comments.pending += 1;
    else counts.comments.spam += 1;
    if (parent) counts.comments.replies += 1;
    if (isPingback) counts.comments.pingbacks += 1;
    if (state === '1' && !isPingback) approved.push(id);
    const date = wpDate(new Date(input.after.getTime() + (n + 1) * 2_400_000 + random.int(3_600_000)));
    const name = isPingback ? 'Another Blog' : words(random, 2).map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ');
    const content = isPingback ? `[&#8230;] ${sentence(random, 14)} [&#8230;]` : state === 'spam' ? `Cheap watches <a href="http://spam.example.net/">here</a>` : commentText(random);
    xml += `\t<wp:comment>
\t\t<wp:comment_id>${id}</wp:comment_id>
\t\t<wp:comment_author>${cdata(name)}</wp:comment_author>
\t\t<wp:comment_author_email>${cdata(isPingback ? '' : `${slugOf(name)}@mail.example.org`)}</wp:comment_author_email>
\t\t<wp:comment_author_url>${isPingback ? 'https://another-blog.example.org/2020/01/01/a-reply/' : random.chance(0.2) ? 'https://blog.example.org/' : ''}</wp:comment_author_url>
\t\t<wp:comment_author_IP>${cdata(`203.0.113.${random.int(250) + 1}`)}</wp:comment_author_IP>
\t\t<wp:comment_date>${cdata(date)}</wp:comment_date>
\t\t<wp:comment_date_gmt>${cdata(date)}</wp:comment_date_gmt>
\t\t<wp:comment_content>${cdata(content)}</wp:comment_content>
\t\t<wp:comment_approved>${cdata(state)}</wp:comment_approved>
\t\t<wp:comment_type>${cdata(isPingback ? 'pingback' : 'comment')}</wp:comment_type>
\t\t<wp:comment_parent>${parent}</wp:comment_parent>
\t\t<wp:comment_user_id>0</wp:comment_user_id>
\t</wp:comment>
`;
  }
  return xml;
}

function attachmentItem(input: { random: Random; picture: Picture; parent: number; parentLink: string | undefined; uploaded: Date }): string {
  const { random, picture } = input;
  const name = picture.path.slice(picture.path.lastIndexOf('/') + 1);
  const slug = slugOf(name.replace(/\.\w+$/, ''));
  const [width, height] = random.chance(0.7) ? [1600, 1067] : [1200, 1200];
  const mime = name.endsWith('.png') ? 'image/png' : 'image/jpeg';
  const size = (w: number, h: number) => ({ file: name.replace(/\.(\w+)$/, `-${w}x${h}.$1`), width: w, height: h, 'mime-type': mime });
  const caption = random.chance(0.3) ? sentence(random, 10) : '';
  const metadata = phpSerialize({
    width, height, file: picture.path, filesize: 180_000 + random.int(400_000),
    sizes: { thumbnail: size(150, 150), medium: size(300, Math.round((300 * height) / width)), large: size(1024, Math.round((1024 * height) / width)) },
    image_meta: {
      aperture: '2.8', credit: random.chance(0.6) ? `${random.chance(0.2) ? 'José Núñez' : 'Anna Berg'} / Gazette Pictures` : '',
      camera: 'X-T4', caption, created_timestamp: String(Math.floor(input.uploaded.getTime() / 1000)),
      copyright: random.chance(0.4) ? '© The Synthetic Gazette' : '', focal_length: '35', iso: '400', shutter_speed: '0.004',
      title: '', orientation: '1', keywords: [],
    },
  });
  let extra = meta('_wp_attached_file', picture.path) + meta('_wp_attachment_metadata', metadata);
  if (picture.alt) extra += meta('_wp_attachment_image_alt', picture.alt);
  return item({
    id: picture.id, title: slug.replace(/-/g, ' '), link: input.parentLink ? `${input.parentLink}${slug}/` : `${SYNTHETIC_SITE}/${slug}/`,
    date: input.uploaded, creator: AUTHORS[random.int(AUTHORS.length)]!.login, content: '', excerpt: caption, slug, status: 'inherit',
    parent: input.parent, type: 'attachment', guid: picture.url,
    extra: `\t<wp:attachment_url>${cdata(picture.url)}</wp:attachment_url>\n${extra}`,
  });
}

/** About us, Contact, and Our team under About us: a real site's few pages. */
function pages(firstId: number): string {
  const date = new Date(Date.UTC(2013, 11, 2, 10));
  const about = `${SYNTHETIC_SITE}/about-us/`;
  const page = (id: number, title: string, slug: string, link: string, parent: number) => item({
    id, title, link, date, creator: 'editor', slug, status: 'publish', parent, type: 'page',
    content: `We are an independent newsroom.\n\nWrite to us at <a href="mailto:desk@gazette.example.com">desk@gazette.example.com</a>.`,
    excerpt: '', extra: meta('_wp_page_template', 'default'),
  });
  return page(firstId, 'About us', 'about-us', about, 0) + page(firstId + 1, 'Contact', 'contact', `${SYNTHETIC_SITE}/contact/`, 0) +
    page(firstId + 2, 'Our team', 'our-team', `${about}our-team/`, firstId);
}

function menuItems(firstId: number): string {
  const date = new Date(Date.UTC(2014, 0, 2, 10));
  return [0, 1].map((n) => item({
    id: firstId + n, title: '', link: `${SYNTHETIC_SITE}/?p=${firstId + n}`, date, creator: 'editor', content: '', excerpt: '',
    slug: String(firstId + n), status: 'publish', parent: 0, type: 'nav_menu_item', order: n + 1,
    extra: term('nav_menu', 'main-menu', 'Main menu') + meta('_menu_item_type', 'post_type') + meta('_menu_item_menu_item_parent', '0') +
      meta('_menu_item_object_id', String(2 + n)) + meta('_menu_item_object', 'page') + meta('_menu_item_url', ''),
  })).join('');
}
