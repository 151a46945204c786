import { escapeHtml } from '../lib/html.js';
import type { TextRun } from '../content/body.js';

/** Text runs to HTML: link outermost, then bold, then italic, so nesting is always valid. */
export function inlineHtml(runs: TextRun[]): string {
  let out = '';
  for (const run of runs) {
    let piece = escapeHtml(run.text);
    let href: string | undefined;
    if (run.marks) {
      for (const mark of run.marks) {
        if (mark.type === 'italic') piece = `<em>${piece}</em>`;
      }
      for (const mark of run.marks) {
        if (mark.type === 'bold') piece = `<strong>${piece}</strong>`;
        else if (mark.type === 'link') href = mark.href;
      }
    }
    if (href !== undefined) {
      const isExternal = /^https?:\/\//.test(href);
      piece = `<a href="${escapeHtml(href)}"${isExternal ? ' rel="noopener"' : ''}>${piece}</a>`;
    }
    out += piece;
  }
  return out;
}

export function inlineText(runs: TextRun[]): string {
  return runs.map((run) => run.text).join('');
}
