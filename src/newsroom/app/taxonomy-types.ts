import type { TagKind } from '../../content/types.js';

export interface CategoryItem {
  id: number;
  slug: string;
  name: string;
  description: string | null;
  parentId: number | null;
}

export interface TagItem {
  id: number;
  slug: string;
  name: string;
  kind: TagKind;
  description: string | null;
  imageMediaId: number | null;
}

export interface TagPage {
  items: TagItem[];
  total?: number;
  page?: number;
  perPage?: number;
}

export const TAG_KIND_CHOICES: ReadonlyArray<{ value: TagKind; label: string }> = [
  { value: 'topic', label: 'Topic' },
  { value: 'person', label: 'Person' },
  { value: 'organization', label: 'Organization' },
];

export function kindLabel(kind: TagKind): string {
  return TAG_KIND_CHOICES.find((choice) => choice.value === kind)?.label ?? kind;
}

/** The created or changed term, whether the API wraps it (`{ tag }`) or not. */
export function unwrap<T>(answer: unknown, key: string): T {
  const wrapped = (answer as Record<string, unknown> | undefined)?.[key];
  return (wrapped ?? answer) as T;
}
