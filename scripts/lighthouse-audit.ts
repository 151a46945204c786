import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import lighthouse from 'lighthouse';
import { CHROMIUM_PATH } from '../test/helpers/browser.js';

/**
 * Lighthouse 12 (the last to run on Node 20) on Debian's Chromium, with its
 * default configuration: a mid-range phone on a slow 4G connection, simulated.
 */

export type Category = 'performance' | 'accessibility' | 'best-practices' | 'seo';
export const CATEGORIES: readonly Category[] = ['performance', 'accessibility', 'best-practices', 'seo'];
/** The categories whose scores do not depend on how busy the machine is: the test suite asserts these; the performance score is asserted by `npm run check:distribution` and the bench. */
export const DETERMINISTIC_CATEGORIES: readonly Category[] = ['accessibility', 'best-practices', 'seo'];

/** The "Distribution" issue's bar, in Lighthouse's 0–100 scores. */
export const THRESHOLDS: Readonly<Record<Category, number>> = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 100 };

/**
 * The machine may have no way out: each of these stops Chrome from reaching
 * Google's services on its own, which would otherwise stall and log errors.
 */
const CHROME_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** An audit that keeps a category below 100, and where: enough to know what to fix. */
export interface AuditProblem {
  category: Category;
  id: string;
  title: string;
  /** 0–1; null for audits that only inform. */
  score: number | null;
  /** What Lighthouse shows beside the title, e.g. "11.6 s". */
  value?: string;
  details: string[];
}

export interface LighthouseResult {
  url: string;
  scores: Record<Category, number>;
  /** Weighted audits that scored below 1: each one costs its category points. */
  problems: AuditProblem[];
  /** Performance opportunities, which cost no points themselves but say how the metrics would improve. */
  opportunities: AuditProblem[];
  /** Requests that failed or answered 400 and above (status -1: no response at all). */
  failedRequests: Array<{ url: string; status: number }>;
  /** Milliseconds, as Lighthouse simulated them, and the first paint Chrome really saw. */
  metrics: { firstContentfulPaint: number; largestContentfulPaint: number; speedIndex: number; totalBlockingTime: number; cumulativeLayoutShift: number; observedFirstPaint: number };
  runWarnings: string[];
}

type ChromeLauncher = typeof import('chrome-launcher');

/**
 * chrome-launcher is Lighthouse's dependency, not ours: loading it from
 * Lighthouse's own folder gets the version Lighthouse was released with.
 */
async function loadChromeLauncher(): Promise<ChromeLauncher> {
  const require = createRequire(import.meta.url);
  const fromLighthouse = createRequire(join(dirname(require.resolve('lighthouse/package.json')), 'package.json'));
  return (await import(pathToFileURL(fromLighthouse.resolve('chrome-launcher')).href)) as ChromeLauncher;
}

type Lhr = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'];
type AuditResult = Lhr['audits'][string];

const MAX_DETAILS = 6;
const clip = (text: string) => (text.length > 240 ? `${text.slice(0, 239)}…` : text);

function describeItem(item: Record<string, unknown>): string {
  const parts: string[] = [];
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  const node = item.node as { snippet?: string; nodeLabel?: string; explanation?: string } | undefined;
  const location = (item.sourceLocation ?? item.source) as { url?: string } | undefined;
  const label = text(item.description) ?? text(item.label) ?? text(node?.nodeLabel);
  if (label) parts.push(label);
  if (node?.snippet) parts.push(node.snippet);
  const url = text(item.url) ?? text(location?.url);
  if (url) parts.push(url);
  if (typeof item.wastedMs === 'number' && item.wastedMs > 0) parts.push(`${Math.round(item.wastedMs)} ms`);
  if (typeof item.wastedBytes === 'number' && item.wastedBytes > 0) parts.push(`${Math.round(item.wastedBytes / 1024)} KiB`);
  if (node?.explanation) parts.push(clip(node.explanation.replace(/\s+/g, ' ')));
  return parts.join(' — ') || JSON.stringify(item).slice(0, 200);
}

/**
 * The rows of an audit's details, whatever their shape: a table or opportunity
 * has `items`, a list nests other details, a checklist is an object of rows.
 */
function detailItems(details: unknown): Array<Record<string, unknown>> {
  if (!details || typeof details !== 'object') return [];
  const { type, items } = details as { type?: string; items?: unknown };
  if (type === 'list' && Array.isArray(items)) return items.flatMap(detailItems);
  if (Array.isArray(items)) return items as Array<Record<string, unknown>>;
  if (items && typeof items === 'object') return Object.values(items) as Array<Record<string, unknown>>;
  return [];
}

function describeDetails(audit: AuditResult): string[] {
  const lines: string[] = [];
  if (audit.explanation) lines.push(audit.explanation);
  if (audit.errorMessage) lines.push(audit.errorMessage);
  const items = detailItems(audit.details);
  for (const item of items.slice(0, MAX_DETAILS)) lines.push(describeItem(item));
  if (items.length > MAX_DETAILS) lines.push(`… and ${items.length - MAX_DETAILS} more`);
  return lines;
}

function problem(category: Category, audit: AuditResult): AuditProblem {
  return { category, id: audit.id, title: audit.title, score: audit.score, ...(audit.displayValue ? { value: audit.displayValue } : {}), details: describeDetails(audit) };
}

function summarise(lhr: Lhr): LighthouseResult {
  const scores = {} as Record<Category, number>;
  const problems: AuditProblem[] = [];
  for (const category of CATEGORIES) {
    const result = lhr.categories[category];
    if (!result) throw new Error(`Lighthouse returned no ${category} category for ${lhr.finalDisplayedUrl}`);
    scores[category] = Math.round((result.score ?? 0) * 100);
    for (const ref of result.auditRefs) {
      const audit = lhr.audits[ref.id];
      if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) problems.push(problem(category, audit));
    }
  }
  const opportunities = Object.values(lhr.audits)
    .filter((audit) => audit.metricSavings && audit.score !== null && audit.score < 1 && audit.scoreDisplayMode === 'metricSavings')
    .map((audit) => problem('performance', audit));
  const requests = (lhr.audits['network-requests']?.details as { items?: Array<{ url: string; statusCode: number }> } | undefined)?.items ?? [];
  const metrics = (lhr.audits.metrics?.details as { items?: Array<Record<string, number>> } | undefined)?.items?.[0] ?? {};
  return {
    url: lhr.finalDisplayedUrl,
    scores,
    problems,
    opportunities,
    failedRequests: requests.filter((r) => r.statusCode === -1 || r.statusCode >= 400).map((r) => ({ url: r.url, status: r.statusCode })),
    metrics: {
      firstContentfulPaint: metrics.firstContentfulPaint ?? NaN,
      largestContentfulPaint: metrics.largestContentfulPaint ?? NaN,
      speedIndex: metrics.speedIndex ?? NaN,
      totalBlockingTime: metrics.totalBlockingTime ?? NaN,
      cumulativeLayoutShift: metrics.cumulativeLayoutShift ?? NaN,
      observedFirstPaint: metrics.observedFirstContentfulPaint ?? NaN,
    },
    runWarnings: lhr.runWarnings.map(String),
  };
}

/**
 * Lighthouse's own trace-recording failures, which its message says to answer
 * by running again: they say nothing about the page, so one fresh try is made.
 */
const TRACE_FAILURES = new Set(['NO_NAVSTART', 'NO_TRACING_STARTED', 'NO_DCL']);

class TraceFailure extends Error {}

/** One Lighthouse run in a Chromium of its own, closed afterwards whatever happens (a failed trace recording is tried once more). `blockedUrlPatterns` are requests the page makes that the run refuses. */
export async function runLighthouse(url: string, options: { blockedUrlPatterns?: string[] } = {}): Promise<LighthouseResult> {
  try {
    return await runLighthouseOnce(url, options);
  } catch (error) {
    if (!(error instanceof TraceFailure)) throw error;
    return runLighthouseOnce(url, options);
  }
}

async function runLighthouseOnce(url: string, options: { blockedUrlPatterns?: string[] }): Promise<LighthouseResult> {
  const { launch } = await loadChromeLauncher();
  const chrome = await launch({ chromePath: CHROMIUM_PATH, chromeFlags: CHROME_FLAGS, logLevel: 'silent' });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
      blockedUrlPatterns: options.blockedUrlPatterns ?? [],
    });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const { lhr } = result;
    if (lhr.runtimeError) {
      const Failure = TRACE_FAILURES.has(lhr.runtimeError.code) ? TraceFailure : Error;
      throw new Failure(`Lighthouse could not audit ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    }
    return summarise(lhr);
  } finally {
    chrome.kill();
  }
}

function formatProblem(p: AuditProblem): string {
  const score = p.score === null ? '' : ` (score ${p.score})`;
  return [`  ${p.id}: ${p.title}${p.value ? ` — ${p.value}` : ''}${score}`, ...p.details.map((line) => `      ${line}`)].join('\n');
}

/** Why `category` is below its bar, audit by audit; empty when it is met. */
export function shortfall(result: LighthouseResult, category: Category): string {
  if (result.scores[category] >= THRESHOLDS[category]) return '';
  const lines = [`${category} ${result.scores[category]} < ${THRESHOLDS[category]} on ${result.url}`];
  lines.push(...result.problems.filter((p) => p.category === category).map(formatProblem));
  if (category === 'performance') {
    const m = result.metrics;
    lines.push(
      `  metrics: FCP ${Math.round(m.firstContentfulPaint)} ms, LCP ${Math.round(m.largestContentfulPaint)} ms, Speed Index ${Math.round(m.speedIndex)} ms, TBT ${Math.round(m.totalBlockingTime)} ms, CLS ${m.cumulativeLayoutShift.toFixed(3)}; first paint Chrome saw at ${Math.round(m.observedFirstPaint)} ms`,
    );
    if (result.opportunities.length > 0) lines.push('  what would help:', ...result.opportunities.map(formatProblem));
  }
  if (result.failedRequests.length > 0 && (category === 'performance' || category === 'best-practices')) lines.push(`  failed requests: ${result.failedRequests.map((r) => `${r.url} (${r.status === -1 ? 'no response' : r.status})`).join(', ')}`);
  return lines.join('\n');
}

/**
 * The AMP runtime and components come from Google's CDN, which the machines
 * the checks run on cannot reach (and which is not ours to measure). The AMP
 * page is served laid out in advance, so it reads without them; the run
 * refuses them, and Lighthouse does not count refused requests as console
 * errors. What is measured is our page.
 */
export const AMP_CDN_PATTERN = 'https://cdn.ampproject.org/*';

export interface PageAudit {
  page: string;
  path: string;
  result: LighthouseResult;
}

/** Lighthouse on an article and its AMP version, one after the other (two Chromes at once would slow each other's measurements). */
export async function auditArticleAndAmp(siteUrl: string, paths: { article: string; amp: string }, onStart?: (path: string) => void): Promise<PageAudit[]> {
  const audits: PageAudit[] = [];
  for (const [page, path, blocked] of [
    ['article', paths.article, []],
    ['AMP version', paths.amp, [AMP_CDN_PATTERN]],
  ] as const) {
    onStart?.(path);
    audits.push({ page, path, result: await runLighthouse(siteUrl + path, { blockedUrlPatterns: [...blocked] }) });
  }
  return audits;
}
