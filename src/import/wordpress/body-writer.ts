import type { Mark, TextRun } from '../../content/body.js';
import { embedProvider } from '../../content/embeds.js';
import { sanitizeMarkup } from '../../render/sanitize.js';
import type { ConvertedContent, ImportedBlock } from './imported-body.js';

/**
 * Collects blocks in order while inline text accumulates into the paragraph
 * being written, the way `wpautop` turns loose text into paragraphs: any
 * block-level thing (a picture, a heading, raw HTML) ends the paragraph first.
 */
export class BodyWriter {
  readonly blocks: ImportedBlock[] = [];
  readonly unmatched: ConvertedContent['unmatched'] = [];
  private runs: TextRun[] = [];

  text(text: string, marks: readonly Mark[]): void {
    const flat = text.replace(/\s+/g, ' ');
    if (flat) this.runs.push(marks.length > 0 ? { text: flat, marks: [...marks] } : { text: flat });
  }

  /** The runs written since the last paragraph, taken away from it (for headings and list items). */
  takeRuns(): TextRun[] {
    const runs = normalizeRuns(this.runs);
    this.runs = [];
    return runs;
  }

  endParagraph(): void {
    const content = this.takeRuns();
    if (content.length === 0) return;
    const whole = content.map((run) => run.text).join('');
    const shortcode = /^\[([a-z][\w-]*)[^\]]*\]/i.exec(whole);
    if (shortcode) return this.raw({ kind: `[${shortcode[1]!.toLowerCase()}]`, html: whole });
    const embed = embedUrl(whole);
    if (embed) return this.add({ type: 'embed', url: embed });
    this.blocks.push({ type: 'paragraph', content });
  }

  add(block: ImportedBlock): void {
    this.endParagraph();
    this.blocks.push(block);
  }

  /** Markup with no block of its own: kept sanitised, and listed for the report. */
  raw(options: { kind: string; html: string }): void {
    this.endParagraph();
    // cut under the block's limit, then sanitised again to close what the cut left open
    const html = sanitizeMarkup(sanitizeMarkup(options.html).slice(0, 190_000)).trim();
    if (!html) return;
    this.blocks.push({ type: 'html', html });
    this.unmatched.push({ kind: options.kind, snippet: options.html.trim().slice(0, 200) });
  }

  result(): ConvertedContent {
    this.endParagraph();
    return { body: this.blocks, unmatched: this.unmatched };
  }
}

/** WordPress turns a bare provider URL on its own line into an embed (oEmbed). */
export function embedUrl(text: string): string | undefined {
  const url = text.trim().replace(/^http:\/\//, 'https://');
  return /^\S+$/.test(url) && embedProvider(url) && url.length <= 2048 ? url : undefined;
}

const sameMarks = (a: TextRun, b: TextRun): boolean => JSON.stringify(a.marks ?? []) === JSON.stringify(b.marks ?? []);

function normalizeRuns(runs: TextRun[]): TextRun[] {
  const merged: TextRun[] = [];
  for (const run of runs) {
    const last = merged.at(-1);
    let text = run.text;
    if (!last || last.text.endsWith(' ')) text = text.replace(/^ /, '');
    if (!text) continue;
    if (last && sameMarks(last, run)) last.text += text;
    else merged.push({ ...run, text });
  }
  let last = merged.at(-1);
  while (last && !(last.text = last.text.replace(/ $/, ''))) {
    merged.pop();
    last = merged.at(-1);
  }
  return merged.map((run) => ({ ...run, text: run.text.slice(0, 100_000) }));
}
