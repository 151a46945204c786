import type { BodyDocument, TextRun } from '../../content/body.js';

const runs = (content: readonly TextRun[]) => content.map((run) => run.text).join('');

/**
 * A story's body as plain text, block by block: what "Copy my version" puts
 * on the clipboard, so refused words can be pasted back anywhere.
 */
export function bodyText(body: BodyDocument): string {
  return body
    .map((block) => {
      switch (block.type) {
        case 'paragraph':
          return runs(block.content);
        case 'heading':
          return `${'#'.repeat(block.level)} ${runs(block.content)}`;
        case 'list':
          return block.items.map((item, i) => `${block.isOrdered ? `${i + 1}.` : '-'} ${runs(item)}`).join('\n');
        case 'quote':
          return `“${block.text}”${block.speaker ? ` — ${block.speaker}` : ''}`;
        case 'image':
          return `[Picture ${block.media}${block.caption ? `: ${block.caption}` : ''}]`;
        case 'embed':
          return `[Embed ${block.url}]`;
        case 'separator':
          return '* * *';
        case 'html':
          return block.html;
      }
    })
    .join('\n\n');
}
