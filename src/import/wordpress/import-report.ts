/**
 * What an import did, item by item: the counts the end of a run prints, and
 * every item that was not simply created or left unchanged (skipped, failed,
 * or brought over with something to look at) with its WordPress ID and why.
 */

export const OUTCOMES = ['created', 'updated', 'unchanged', 'skipped', 'failed'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const REPORTED_TYPES = ['author', 'category', 'tag', 'term', 'attachment', 'post', 'page', 'comment', 'menu', 'redirect', 'other'] as const;
export type ReportedType = (typeof REPORTED_TYPES)[number];

export interface ReportEntry {
  type: ReportedType;
  /** The WordPress ID (or login, or slug, where the export gives no ID). */
  wpId: string;
  title?: string;
  /** Where the item starts in the export. */
  line: number;
  outcome: Outcome;
  /** Why it was skipped or failed. */
  reason?: string;
  /** What came over differently: content kept as raw HTML, a picture whose file was missing. */
  notes?: string[];
}

export interface ImportReport {
  file: string;
  /** The WordPress site the export came from: items are keyed by it. */
  source: string;
  startedAt: string;
  finishedAt: string;
  counts: Record<ReportedType, Record<Outcome, number>>;
  /** Items skipped, failed, or with notes; items created or unchanged without notes are only counted. */
  items: ReportEntry[];
}

export class ReportBuilder {
  private readonly counts = Object.fromEntries(
    REPORTED_TYPES.map((type) => [type, Object.fromEntries(OUTCOMES.map((outcome) => [outcome, 0]))]),
  ) as ImportReport['counts'];
  private readonly items: ReportEntry[] = [];
  /** Items handled so far, for the progress bar. */
  handled = 0;

  add(entry: ReportEntry): void {
    this.counts[entry.type][entry.outcome] += 1;
    if (entry.type !== 'redirect') this.handled += 1;
    const isNoteworthy = entry.outcome === 'skipped' || entry.outcome === 'failed' || (entry.notes?.length ?? 0) > 0;
    // Cloned: its texts can be slices of a post's content, which would otherwise stay in memory for the whole run.
    if (isNoteworthy) this.items.push(structuredClone(entry.notes?.length === 0 ? { ...entry, notes: undefined } : entry));
  }

  count(type: ReportedType, outcome: Outcome): number {
    return this.counts[type][outcome];
  }

  finish(header: Pick<ImportReport, 'file' | 'source' | 'startedAt' | 'finishedAt'>): ImportReport {
    return { ...header, counts: this.counts, items: this.items };
  }
}

const LABELS: Record<ReportedType, string> = {
  author: 'Authors',
  category: 'Categories',
  tag: 'Tags',
  term: 'Other terms',
  attachment: 'Attachments',
  post: 'Posts',
  page: 'Pages',
  comment: 'Comments',
  menu: 'Menu links',
  redirect: 'Redirects',
  other: 'Other items',
};

/** The report as the end of a run prints it: a table of counts, then each item to look at. */
export function reportText(report: ImportReport, options: { maxItems?: number } = {}): string {
  const rows = REPORTED_TYPES.filter((type) => OUTCOMES.some((outcome) => report.counts[type][outcome] > 0));
  const width = Math.max(...rows.map((type) => LABELS[type].length), 5);
  const lines = [
    `${''.padEnd(width)}  ${OUTCOMES.map((o) => o.padStart(9)).join(' ')}`,
    ...rows.map((type) => `${LABELS[type].padEnd(width)}  ${OUTCOMES.map((o) => String(report.counts[type][o]).padStart(9)).join(' ')}`),
  ];
  const max = options.maxItems ?? 50;
  const shown = report.items.slice(0, max);
  if (shown.length > 0) lines.push('', 'To look at:');
  for (const item of shown) {
    const what = `${item.type} ${item.wpId}${item.title ? ` “${item.title}”` : ''} (line ${item.line})`;
    const why = [item.reason, ...(item.notes ?? [])].filter(Boolean).join('; ');
    lines.push(`  ${item.outcome.padEnd(9)} ${what}: ${why}`);
  }
  if (report.items.length > max) lines.push(`  … and ${report.items.length - max} more (write them all with --report FILE)`);
  return `${lines.join('\n')}\n`;
}
