/**
 * `npm run check:distribution`: the real-tool checks of the "Distribution" work
 * on a fresh demo site with 200 synthetic articles. The official AMP validator
 * on the AMP page of every article, then Lighthouse (mobile) on the reference
 * article and its AMP version, with a table of their scores. Exits 1 with the
 * reasons when a check fails, 2 when it cannot run.
 */
import { parseArgs } from 'node:util';
import { loadAmpValidator } from '../test/helpers/amp-validator.js';
import { skipWithoutBrowser } from '../test/helpers/browser.js';
import { AMP_CDN_PATTERN, CATEGORIES, THRESHOLDS, auditArticleAndAmp, shortfall, type PageAudit } from './lighthouse-audit.js';
import { describeAmpFailures, validateAmpPages } from '../test/distribution/amp-pages.js';
import { REFERENCE_SLUG, startDemoSite } from '../test/distribution/demo-site.js';
import { urls } from '../src/render/urls.js';

const SYNTHETIC_ARTICLES = 200;

const say = (line: string) => process.stderr.write(`check:distribution: ${line}\n`);
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

function scoreTable(rows: PageAudit[]): string {
  const cell = (text: string, width: number) => text.padStart(width);
  const widths = CATEGORIES.map((c) => Math.max(c.length, 6));
  const pageWidth = Math.max(...rows.map((r) => r.page.length), 'required'.length);
  const line = (page: string, cells: string[]) => `| ${page.padEnd(pageWidth)} | ${cells.map((c, i) => cell(c, widths[i]!)).join(' | ')} |`;
  return [
    line('page', [...CATEGORIES]),
    `|${'-'.repeat(pageWidth + 2)}|${widths.map((w) => `${'-'.repeat(w + 1)}:`).join('|')}|`,
    ...rows.map(({ page, result }) => line(page, CATEGORIES.map((c) => `${result.scores[c] < THRESHOLDS[c] ? '✗ ' : ''}${result.scores[c]}`))),
    line('required', CATEGORIES.map((c) => (THRESHOLDS[c] === 100 ? '100' : `≥ ${THRESHOLDS[c]}`))),
  ].join('\n');
}

async function main(): Promise<number> {
  parseArgs({ args: process.argv.slice(2), options: {}, strict: true, allowPositionals: false });
  const failures: string[] = [];
  const browserProblem = skipWithoutBrowser();
  const validator = loadAmpValidator();
  // The validator is fetched while the site is seeded; a failure is reported below, not unhandled.
  validator.catch(() => undefined);

  let started = performance.now();
  say(`seeding the demo site with ${SYNTHETIC_ARTICLES} synthetic articles and starting it`);
  const site = await startDemoSite({ articles: SYNTHETIC_ARTICLES });
  say(`serving ${site.articleSlugs.length} articles at ${site.url} (${seconds(started)})`);
  try {
    started = performance.now();
    try {
      const report = await validateAmpPages({ siteUrl: site.url, slugs: site.articleSlugs, validator: await validator });
      process.stdout.write(`AMP validator: ${report.checked - report.failures.length} of ${report.checked} AMP pages valid (${seconds(started)})\n`);
      if (report.failures.length > 0) failures.push(describeAmpFailures(report));
    } catch (error) {
      failures.push(`the AMP pages were not validated: ${(error as Error).message}`);
    }

    if (browserProblem) {
      failures.push(`Lighthouse did not run: ${browserProblem}`);
    } else {
      const rows = await auditArticleAndAmp(site.url, { article: urls.post(REFERENCE_SLUG), amp: urls.amp(REFERENCE_SLUG) }, (path) => {
        say(`Lighthouse (mobile) on ${path}`);
      });
      process.stdout.write(`\nLighthouse ${CATEGORIES.join(', ')} on ${REFERENCE_SLUG}:\n\n${scoreTable(rows)}\n`);
      for (const { result } of rows) failures.push(...CATEGORIES.map((c) => shortfall(result, c)).filter(Boolean));
      process.stdout.write(`\n(The AMP run refuses ${AMP_CDN_PATTERN}: the page reads without the AMP runtime, which is Google's to serve, not ours.)\n`);
    }
  } finally {
    await site.close();
  }

  if (failures.length === 0) {
    process.stdout.write('\nAll distribution checks passed.\n');
    return 0;
  }
  process.stdout.write(`\n${failures.length} check${failures.length === 1 ? '' : 's'} failed:\n\n${failures.join('\n\n')}\n`);
  return 1;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`check:distribution: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 2;
  },
);
