/**
 * Splits post content at Gutenberg's block comments
 * (`<!-- wp:image {"id":5} -->…<!-- /wp:image -->`). Only top-level blocks
 * are returned; a block's inner blocks stay in its `html`, where the handler
 * for that block can look at them. Text outside any block is `freeform`,
 * classic-editor content.
 */
export interface GutenbergBlock {
  /** Namespaced: `core/paragraph`, `core-embed/youtube`, `jetpack/slideshow`. */
  name: string;
  attributes: Record<string, unknown>;
  html: string;
}

const DELIMITER = /<!--\s+(\/)?wp:([a-z][a-z0-9_-]*(?:\/[a-z][a-z0-9_-]*)?)\s+(\{[\s\S]*?\}\s+)?(\/)?-->/g;

export const hasBlocks = (content: string): boolean => /<!--\s+wp:/.test(content);

function parseAttributes(json: string | undefined): Record<string, unknown> {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function splitBlocks(content: string): GutenbergBlock[] {
  const blocks: GutenbergBlock[] = [];
  let depth = 0;
  let open: { name: string; attributes: Record<string, unknown>; start: number } | undefined;
  let freeformStart = 0;
  const freeform = (end: number): void => {
    const html = content.slice(freeformStart, end);
    if (html.trim()) blocks.push({ name: 'core/freeform', attributes: {}, html });
  };
  for (const match of content.matchAll(DELIMITER)) {
    const [whole, closing, rawName, json, selfClosing] = match;
    const name = rawName!.includes('/') ? rawName! : `core/${rawName}`;
    const at = match.index;
    if (closing) {
      depth = Math.max(0, depth - 1);
      if (depth === 0 && open) {
        blocks.push({ name: open.name, attributes: open.attributes, html: content.slice(open.start, at) });
        open = undefined;
        freeformStart = at + whole.length;
      }
    } else if (depth === 0) {
      freeform(at);
      if (selfClosing) {
        blocks.push({ name, attributes: parseAttributes(json), html: '' });
        freeformStart = at + whole.length;
      } else {
        open = { name, attributes: parseAttributes(json), start: at + whole.length };
        depth = 1;
      }
    } else if (!selfClosing) {
      depth += 1;
    }
  }
  if (open) blocks.push({ name: open.name, attributes: open.attributes, html: content.slice(open.start) });
  else freeform(content.length);
  return blocks;
}
