import type { AmpValidator } from '../helpers/amp-validator.js';
import { urls } from '../../src/render/urls.js';

export interface AmpPageFailure {
  path: string;
  problems: string[];
}

/** Every page is checked; the report names each one that failed and why. */
export interface AmpPagesReport {
  checked: number;
  failures: AmpPageFailure[];
}

async function checkPage(input: { siteUrl: string; path: string; validator: AmpValidator }): Promise<AmpPageFailure | undefined> {
  const { path } = input;
  let response: Response;
  try {
    response = await fetch(input.siteUrl + path, { redirect: 'manual' });
  } catch (error) {
    return { path, problems: [`could not be fetched: ${(error as Error).message}`] };
  }
  const text = await response.text();
  if (response.status !== 200) {
    const location = response.headers.get('location');
    return { path, problems: [`answered ${response.status}${location ? ` → ${location}` : ''}, not an AMP page`] };
  }
  const problems = input.validator.errors(text);
  return problems.length > 0 ? { path, problems } : undefined;
}

/**
 * Fetches and validates the AMP version of each article, a few at a time: the
 * server is faster with several requests in flight, and validating is
 * synchronous, so more would only queue.
 */
export async function validateAmpPages(input: { siteUrl: string; slugs: readonly string[]; validator: AmpValidator; concurrency?: number }): Promise<AmpPagesReport> {
  const failures: AmpPageFailure[] = [];
  let next = 0;
  const worker = async () => {
    while (next < input.slugs.length) {
      const path = urls.amp(input.slugs[next++]!);
      const failure = await checkPage({ siteUrl: input.siteUrl, path, validator: input.validator });
      if (failure) failures.push(failure);
    }
  };
  await Promise.all(Array.from({ length: input.concurrency ?? 8 }, worker));
  failures.sort((a, b) => a.path.localeCompare(b.path));
  return { checked: input.slugs.length, failures };
}

/** The first `limit` failures with their errors, for a test message or the console. */
export function describeAmpFailures(report: AmpPagesReport, limit = 10): string {
  const lines = [`${report.failures.length} of ${report.checked} AMP pages are not valid AMP:`];
  for (const failure of report.failures.slice(0, limit)) lines.push(`  ${failure.path}`, ...failure.problems.slice(0, 10).map((problem) => `      ${problem}`));
  if (report.failures.length > limit) lines.push(`  … and ${report.failures.length - limit} more pages`);
  return lines.join('\n');
}
