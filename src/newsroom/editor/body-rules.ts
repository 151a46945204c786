import type { Block, TextRun } from '../../content/body.js';
import { embedProvider } from '../../content/embeds.js';

/**
 * The content model's rules for a body (src/content/body.ts), restated for
 * the browser. The model compiles its schema with `new Function`, which a
 * strict Content-Security-Policy refuses, and would add TypeBox to the bundle;
 * test/newsroom/editor-conversion.test.ts fails when the two disagree.
 */
export const BODY_LIMITS = {
  blocks: 2000,
  runText: 100_000,
  marks: 3,
  quoteText: 5000,
  attributionLine: 300,
  href: 2048,
  caption: 2000,
  embedUrl: 2048,
  html: 200_000,
} as const;

const HREF = /^(https?:\/\/[^\s]+|mailto:[^\s]+|tel:[+0-9()\- ]+|\/[^\s]*|#[^\s]*)$/;
const HEADING_LEVELS: readonly number[] = [2, 3, 4];

/** A problem inside one block; `at` is the path below the block, "" for the block itself. */
export interface BlockProblem {
  at: string;
  message: string;
}

/** http(s), mailto:, tel:, a path on this site or a #fragment, as the content model allows. */
export function isAllowedHref(href: string): boolean {
  return href.length <= BODY_LIMITS.href && HREF.test(href);
}

export function isSupportedEmbedUrl(url: string): boolean {
  return url.startsWith('https://') && url.length <= BODY_LIMITS.embedUrl && embedProvider(url) !== undefined;
}

export const HREF_HINT = 'must be an http(s), mailto: or tel: address, a path on this site (/…) or a #fragment, with no spaces';
export const EMBED_HINT = 'must be the https address of a YouTube, X, Instagram or TikTok post';

export function blockProblems(block: Block): BlockProblem[] {
  switch (block.type) {
    case 'paragraph':
      return runsProblems(block.content, '/content', 'must have text');
    case 'heading':
      return [
        ...(HEADING_LEVELS.includes(block.level) ? [] : [{ at: '/level', message: 'must be level 2, 3 or 4' }]),
        ...runsProblems(block.content, '/content', 'a heading must have text'),
      ];
    case 'list':
      if (block.items.length === 0) return [{ at: '/items', message: 'a list must have at least one item' }];
      return block.items.flatMap((item, index) => runsProblems(item, `/items/${index}`, 'a list item must have text'));
    case 'quote':
      return [
        ...textProblems(block.text, '/text', { max: BODY_LIMITS.quoteText, empty: 'a quote must have text' }),
        ...optionalLineProblems(block.speaker, '/speaker'),
        ...optionalLineProblems(block.context, '/context'),
        ...optionalLineProblems(block.source, '/source'),
        ...(block.sourceUrl === undefined || isAllowedHref(block.sourceUrl) ? [] : [{ at: '/sourceUrl', message: HREF_HINT }]),
      ];
    case 'image':
      return [
        ...(Number.isInteger(block.media) && block.media >= 1 ? [] : [{ at: '/media', message: 'must be a picture from the media library' }]),
        ...captionProblems(block.caption),
      ];
    case 'embed':
      return [...(isSupportedEmbedUrl(block.url) ? [] : [{ at: '/url', message: EMBED_HINT }]), ...captionProblems(block.caption)];
    case 'separator':
      return [];
    case 'html':
      return textProblems(block.html, '/html', { max: BODY_LIMITS.html, empty: 'an HTML block must have some HTML' });
    default:
      return [{ at: '/type', message: 'is not a kind of block the body can hold' }];
  }
}

function runsProblems(runs: readonly TextRun[], at: string, emptyMessage: string): BlockProblem[] {
  if (runs.length === 0) return [{ at, message: emptyMessage }];
  return runs.flatMap((run, index) => {
    const runAt = `${at}/${index}`;
    const problems = textProblems(run.text, `${runAt}/text`, { max: BODY_LIMITS.runText, empty: 'must have text' });
    const marks = run.marks ?? [];
    if (marks.length > BODY_LIMITS.marks) problems.push({ at: `${runAt}/marks`, message: `must have at most ${BODY_LIMITS.marks} marks` });
    marks.forEach((mark, markIndex) => {
      if (mark.type === 'link' && !isAllowedHref(mark.href)) problems.push({ at: `${runAt}/marks/${markIndex}/href`, message: `a link ${HREF_HINT}` });
    });
    return problems;
  });
}

function textProblems(text: string, at: string, rule: { max: number; empty: string }): BlockProblem[] {
  if (text.length === 0) return [{ at, message: rule.empty }];
  if (text.length > rule.max) return [{ at, message: `must be at most ${rule.max.toLocaleString('en')} characters` }];
  return [];
}

function optionalLineProblems(line: string | undefined, at: string): BlockProblem[] {
  if (line === undefined) return [];
  return textProblems(line, at, { max: BODY_LIMITS.attributionLine, empty: 'must not be empty' });
}

function captionProblems(caption: string | undefined): BlockProblem[] {
  if (caption === undefined || caption.length <= BODY_LIMITS.caption) return [];
  return [{ at: '/caption', message: `must be at most ${BODY_LIMITS.caption.toLocaleString('en')} characters` }];
}
