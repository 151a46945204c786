import type { RedirectOrigin, RedirectStatus } from '../../content/store-redirects.js';

/** A redirect as the API sends it: its target is toPath or postId, the other null. */
export interface RedirectItem {
  id: number;
  fromPath: string;
  toPath: string | null;
  postId: number | null;
  /** The post it leads to, named (in lists). */
  post?: { id: number; title: string; slug: string; status: string } | null;
  statusCode: RedirectStatus;
  origin: RedirectOrigin;
  createdAt: string;
  updatedAt: string;
}

export interface RedirectPage {
  items: RedirectItem[];
  total: number;
  page: number;
  perPage: number;
}

export const STATUS_CHOICES: ReadonlyArray<{ value: string; label: string }> = [
  { value: '301', label: '301 Moved for good (the usual)' },
  { value: '308', label: '308 Moved for good, keeping the method' },
  { value: '302', label: '302 Moved for now' },
  { value: '307', label: '307 Moved for now, keeping the method' },
];

export const ORIGIN_LABELS: Record<RedirectOrigin, string> = { newsroom: 'Newsroom', import: 'Import' };

/** An address as a person reads it: `/%CE%BB/` shown as `/λ/`. */
export function readableAddress(address: string): string {
  try {
    return decodeURI(address);
  } catch {
    return address;
  }
}
