import { h } from './dom.js';

/** One changed stretch of a field: kept, added or removed. */
export interface DiffPart {
  text: string;
  change: 'same' | 'added' | 'removed';
}

export interface FieldChange {
  field: string;
  label: string;
  parts: DiffPart[];
  before?: string;
  after?: string;
}

type RawPart = { value?: string; text?: string; added?: boolean; removed?: boolean; change?: DiffPart['change'] };
type RawChange = { field: string; label?: string; before?: unknown; after?: unknown; parts?: RawPart[] };

const asText = (value: unknown): string => (value === null || value === undefined ? '(none)' : typeof value === 'string' ? value : JSON.stringify(value));

/** The diff answer in one shape, whether it lists `changes` with `{ value, added, removed }` parts or `fields` with `{ text, change }` parts. */
export function readDiff(answer: { changes?: RawChange[]; fields?: RawChange[] }): FieldChange[] {
  return (answer.changes ?? answer.fields ?? []).map((raw) => {
    const parts = (raw.parts ?? []).map((part) => ({ text: part.text ?? part.value ?? '', change: part.change ?? (part.added ? 'added' : part.removed ? 'removed' : 'same') }) as DiffPart);
    return {
      field: raw.field,
      label: raw.label ?? raw.field,
      parts: parts.length > 0 ? parts : [{ text: asText(raw.before), change: 'removed' }, { text: asText(raw.after), change: 'added' }],
    };
  });
}

/**
 * A field's change as people read a marked-up proof: removed words struck
 * through, added ones underlined, each also said in words for a screen reader
 * (which does not announce <del> and <ins> on its own).
 */
export function diffView(change: FieldChange): HTMLElement {
  return h(
    'p',
    { class: 'diff' },
    change.parts.map((part) =>
      part.change === 'same'
        ? part.text
        : h(part.change === 'added' ? 'ins' : 'del', null, h('span', { class: 'visually-hidden' }, part.change === 'added' ? ' [added: ' : ' [removed: '), part.text, h('span', { class: 'visually-hidden' }, '] ')),
    ),
  );
}
