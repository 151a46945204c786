/**
 * How fast a big WordPress site imports, and in how much memory: a synthetic
 * export (10,000 posts, 20,000 comments, 10,000 attachments by default) is
 * imported by the built CLI, as a site would run it, into a fresh store; then
 * imported again, which must change nothing. Usage: npm run bench:import -- --help
 * The report goes to stdout; progress and the CLI's own output to stderr.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import sharp from 'sharp';
import type { ImportReport } from '../src/import/wordpress/import-report.js';
import { createSharpIngest } from '../src/media/sharp-ingest.js';
import { writeSyntheticWxr, type SyntheticWxrCounts } from '../test/helpers/synthetic-wxr.js';
import { describeExit, start, stop } from './proc.js';
import type { Running } from './proc.js';

const CLI = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const REPO = fileURLToPath(new URL('..', import.meta.url));
const TIME_FLOOR_S = 60;
const MEMORY_FLOOR_MB = 300;

const USAGE = `Usage: npm run bench:import -- [--posts N] [--comments-per-post C] [--attachments A] [--files F] [--postgres URL]

  --posts N              posts in the synthetic export (default 10000)
  --comments-per-post C  comments, on average, per post (default 2: 20,000 for 10,000 posts)
  --attachments A        attachments (default 10000)
  --files F              attachments given a real picture file in the uploads folder (default: all of them)
  --postgres URL         also import into PostgreSQL: a fresh database is created on that server and
                         dropped afterwards (default: $BENCH_DATABASE_URL; SQLite only without either)
`;

interface Options {
  posts: number;
  commentsPerPost: number;
  attachments: number;
  files: number;
  postgresUrl: string | undefined;
}

function parseOptions(argv: string[]): Options | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      posts: { type: 'string' }, 'comments-per-post': { type: 'string' }, attachments: { type: 'string' }, files: { type: 'string' },
      postgres: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return null;
  const whole = (flag: string, text: string | undefined, fallback: number) => {
    if (text === undefined) return fallback;
    if (!/^\d+$/.test(text) || Number(text) > 1_000_000) throw new Error(`--${flag} must be a whole number up to 1,000,000 (got "${text}")`);
    return Number(text);
  };
  const attachments = whole('attachments', values.attachments, 10_000);
  return {
    posts: whole('posts', values.posts, 10_000),
    commentsPerPost: whole('comments-per-post', values['comments-per-post'], 2),
    attachments,
    files: whole('files', values.files, attachments),
    postgresUrl: values.postgres ?? process.env.BENCH_DATABASE_URL ?? undefined,
  };
}

// Newest first, once, whether the bench ends normally, throws or is interrupted.
const cleanups: Array<() => Promise<unknown>> = [];
async function cleanUp(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((error: Error) => process.stderr.write(`bench: cleanup failed: ${error.message}\n`));
}
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.once(signal, () => void cleanUp().finally(() => process.exit(code)));
}

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Loaded into the CLI with --import: at exit it writes the process's peak
 * resident memory (getrusage's ru_maxrss, in KiB) to file descriptor 3. Exact,
 * where sampling /proc could miss a peak in the last moments of the run.
 */
const PEAK_MEMORY_HOOK = `data:text/javascript,${encodeURIComponent(
  "import { writeSync } from 'node:fs'; process.on('exit', () => { try { writeSync(3, String(process.resourceUsage().maxRSS)); } catch {} });",
)}`;

interface Run {
  seconds: number;
  peakMiB: number;
  report: ImportReport;
}

async function runImport(input: { file: string; uploadsDir: string; reportFile: string; env: Record<string, string> }): Promise<Run> {
  const base = { ...process.env };
  // An inherited DATABASE_URL would point the import at someone's real database.
  delete base.DATABASE_URL;
  delete base.SITE_URL;
  const startedAt = performance.now();
  const child: Running = start('masthead import', process.execPath, [
    // The import alone: the pictures' variants are background work after it (timed on their own below).
    '--import', PEAK_MEMORY_HOOK, CLI, 'import', 'wordpress', input.file, '--uploads', input.uploadsDir, '--report', input.reportFile, '--defer-sizes',
  ], { cwd: REPO, env: { ...base, NODE_ENV: 'production', ...input.env }, stdio: ['ignore', 2, 2, 'pipe'] });
  cleanups.push(() => stop(child, ['SIGTERM'], 5_000));
  let peakKiB = '';
  (child.child.stdio[3] as Readable | null)?.setEncoding('utf8').on('data', (chunk: string) => (peakKiB += chunk));
  const exit = await child.exited;
  const seconds = (performance.now() - startedAt) / 1000;
  if (exit.code !== 0) throw new Error(`masthead import wordpress failed (${describeExit(exit)})`);
  const report = JSON.parse(await readFile(input.reportFile, 'utf8')) as ImportReport;
  return { seconds, peakMiB: Number(peakKiB) / 1024, report };
}

/** Everything the importer handled, as its progress bar counts them: all but the redirects. */
function itemsOf(report: ImportReport): number {
  return Object.entries(report.counts).filter(([type]) => type !== 'redirect').reduce((sum, [, o]) => sum + o.created + o.updated + o.unchanged + o.skipped + o.failed, 0);
}

/** What must be true of the runs for their figures to mean anything: the first brought everything over, the second changed nothing. */
function problemsOf(engine: string, counts: SyntheticWxrCounts, first: ImportReport, second: ImportReport): string[] {
  const c = first.counts;
  const problems: string[] = [];
  const expect = (what: string, actual: number, wanted: number) => {
    if (actual !== wanted) problems.push(`${engine}: ${what}: ${actual}, expected ${wanted}`);
  };
  expect('posts created', c.post.created, counts.posts.total);
  expect('comments created', c.comment.created, counts.comments.total);
  expect('pictures created', c.attachment.created, counts.attachments.withFiles);
  expect('items failed', Object.values(c).reduce((sum, o) => sum + o.failed, 0), 0);
  expect('items changed by the second run', Object.values(second.counts).reduce((sum, o) => sum + o.created + o.updated, 0), 0);
  return problems;
}

/** A fresh PostgreSQL database on the server at `url`, dropped again at the end: the import runs in `public`, as a site's would. */
async function freshPostgres(url: string): Promise<string> {
  const name = `masthead_bench_${randomBytes(4).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  cleanups.push(() => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

/**
 * What one picture costs, measured on its own. The import stores the
 * original (its metadata read, the file written); its variants and sharing
 * crops are made afterwards, by the import command or any server in the
 * background. Timed on the run's own small files, and on a picture the size
 * WordPress keeps of a camera's photo (2560 px, its "big image" size), which
 * is what a real site's uploads hold.
 */
interface PictureCost {
  storeMs: number;
  smallSizesMs: number;
  smallCount: number;
  cameraSizesMs: number;
  cameraCount: number;
}

async function pictureCost(uploadsDir: string): Promise<PictureCost> {
  const mediaDir = await tempDir('masthead-bench-pictures-');
  const ingest = createSharpIngest({ mediaDir });
  const stored = async (picture: { bytes: Buffer; name: string }) => {
    await ingest.readDetails(picture.bytes);
    return ingest.ingest({ ...picture, createdAt: new Date() }, { sizes: 'later' });
  };
  const timeEach = async <T>(items: T[], work: (item: T) => Promise<unknown>) => {
    await work(items[0]!); // loads libvips's codecs outside the timing
    const startedAt = performance.now();
    for (const item of items) await work(item);
    return (performance.now() - startedAt) / items.length;
  };
  const files = (await readdir(uploadsDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).slice(0, 20);
  const small = await Promise.all(files.map(async (f) => ({ bytes: await readFile(join(f.parentPath, f.name)), name: f.name })));
  const camera = await Promise.all([0, 1, 2].map(async (n) => ({
    // Noise, softened: about as hard to compress as a photo, unlike a flat colour.
    bytes: await sharp({ create: { width: 2560, height: 1707, channels: 3, background: { r: 90 + n * 40, g: 120, b: 160 }, noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
      .blur(1.5).jpeg({ quality: 85 }).toBuffer(),
    name: `camera-${n}.jpg`,
  })));
  const storeMs = small.length > 0 ? await timeEach(small, stored) : NaN;
  const smallImages = await Promise.all(small.map(stored));
  const cameraImages = await Promise.all(camera.map(stored));
  return {
    storeMs,
    smallSizesMs: smallImages.length > 0 ? await timeEach(smallImages, (image) => ingest.makeSizes(image)) : NaN,
    smallCount: smallImages.length,
    cameraSizesMs: await timeEach(cameraImages, (image) => ingest.makeSizes(image)),
    cameraCount: cameraImages.length,
  };
}

const mb = (n: number) => `${n.toFixed(1)} MB`;
const thousands = (n: number) => Math.round(n).toLocaleString('en-GB');

async function bench(options: Options): Promise<number> {
  const work = await tempDir('masthead-bench-import-');
  const file = join(work, 'synthetic.WordPress.xml');
  const uploadsDir = join(work, 'uploads');
  await mkdir(uploadsDir);
  process.stderr.write(`bench: writing a synthetic export (${options.posts} posts, ${options.attachments} attachments, ${options.files} with files) to ${file}\n`);
  const generatedAt = performance.now();
  const counts = await writeSyntheticWxr(file, {
    posts: options.posts, commentsPerPost: options.commentsPerPost, attachments: options.attachments, seed: 1, uploadsDir, filesWithBytes: options.files,
  });
  process.stderr.write(`bench: ${mb(counts.bytes / 1024 / 1024)} written in ${((performance.now() - generatedAt) / 1000).toFixed(1)} s\n`);

  const engines: Array<{ name: string; env: () => Promise<Record<string, string>> }> = [
    { name: 'sqlite', env: async () => ({ DATA_DIR: await tempDir('masthead-bench-data-') }) },
  ];
  if (options.postgresUrl) {
    const url = options.postgresUrl;
    engines.push({ name: 'postgres', env: async () => ({ DATA_DIR: await tempDir('masthead-bench-data-'), DATABASE_URL: await freshPostgres(url) }) });
  }
  const rows: Array<{ engine: string; run: string; result: Run }> = [];
  const problems: string[] = [];
  for (const engine of engines) {
    const env = await engine.env();
    const runs: Run[] = [];
    for (const run of ['first', 'again']) {
      process.stderr.write(`bench: ${engine.name}: import (${run})\n`);
      const result = await runImport({ file, uploadsDir, reportFile: join(work, `${engine.name}-${run}.json`), env });
      rows.push({ engine: engine.name, run, result });
      runs.push(result);
    }
    problems.push(...problemsOf(engine.name, counts, runs[0]!.report, runs[1]!.report));
  }
  process.stderr.write('bench: timing pictures on their own\n');
  const pictures = await pictureCost(uploadsDir);

  const floors = rows.filter((r) => r.run === 'first').flatMap(({ engine, result }) => [
    { name: `import time (${engine})`, limit: `< ${TIME_FLOOR_S} s`, actual: `${result.seconds.toFixed(1)} s`, isMet: result.seconds < TIME_FLOOR_S },
    { name: `peak memory (${engine})`, limit: `< ${MEMORY_FLOOR_MB} MB`, actual: mb(result.peakMiB), isMet: result.peakMiB < MEMORY_FLOOR_MB },
  ]);
  // A peak the hook did not report is NaN, which meets no floor, so a broken run cannot pass.
  const isOk = floors.every((f) => f.isMet) && problems.length === 0;
  process.stdout.write(formatReport({ options, counts, rows, pictures, floors, problems }));
  const outDir = fileURLToPath(new URL('./out/', import.meta.url));
  await mkdir(outDir, { recursive: true });
  const resultsFile = `${outDir}import-results.json`;
  await writeFile(resultsFile, `${JSON.stringify({
    date: new Date().toISOString(), node: process.version, isOk, options: { ...options, postgresUrl: options.postgresUrl ? 'given' : undefined }, counts, pictures, floors, problems,
    runs: rows.map(({ engine, run, result }) => ({ engine, run, seconds: result.seconds, peakMiB: result.peakMiB, items: itemsOf(result.report), counts: result.report.counts })),
  }, null, 2)}\n`);
  process.stdout.write(`\n${isOk ? 'All floors met.' : 'FAILED: see above.'} Results written to ${resultsFile}\n`);
  return isOk ? 0 : 1;
}

function formatReport(input: {
  options: Options; counts: SyntheticWxrCounts; rows: Array<{ engine: string; run: string; result: Run }>;
  pictures: Awaited<ReturnType<typeof pictureCost>>; floors: Array<{ name: string; limit: string; actual: string; isMet: boolean }>; problems: string[];
}): string {
  const { options, counts, rows, pictures, floors, problems } = input;
  const header = ['engine', 'run', 'seconds', 'items', 'items/s', 'peak MB', 'created', 'unchanged'];
  const body = rows.map(({ engine, run, result }) => {
    const total = (outcome: 'created' | 'unchanged') => Object.values(result.report.counts).reduce((sum, o) => sum + o[outcome], 0);
    const items = itemsOf(result.report);
    return [engine, run, result.seconds.toFixed(1), thousands(items), thousands(items / result.seconds), result.peakMiB.toFixed(1), thousands(total('created')), thousands(total('unchanged'))];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  // The background work a real site's pictures would take after the import: the camera-sized figure, for every attachment.
  const backgroundHours = (counts.attachments.withFiles * pictures.cameraSizesMs) / 3_600_000;
  const lines = [
    '',
    `Masthead import benchmark: a synthetic WordPress export, ${thousands(counts.posts.total)} posts, ${thousands(counts.comments.total)} comments, ` +
      `${thousands(counts.attachments.total)} attachments (${thousands(counts.attachments.withFiles)} with a real 64×48 picture${counts.attachments.withFiles < counts.attachments.total ? ', the rest missing' : ''}), Node ${process.version}`,
    `export file: ${mb(counts.bytes / 1024 / 1024)}; ${counts.authors} authors, ${counts.categories} categories, ${counts.tags} tags, ${counts.pages} pages`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...body.map(line),
    '',
    'one picture, on its own:',
    `  stored by the import (metadata read, original written)   ${pictures.storeMs.toFixed(1)} ms each (mean of ${pictures.smallCount})`,
    `  its variants and crops, made after the import:`,
    `    64×48 JPEG as in the run    ${pictures.smallSizesMs.toFixed(0)} ms each (mean of ${pictures.smallCount})`,
    `    2560×1707 camera-size JPEG  ${pictures.cameraSizesMs.toFixed(0)} ms each (mean of ${pictures.cameraCount})`,
    `  were all ${thousands(counts.attachments.withFiles)} pictures camera-sized, making their sizes would be about ${backgroundHours.toFixed(1)} h of background work; the site shows the originals meanwhile`,
    '',
    'Floors (first import of each engine):',
    ...floors.map((f) => `  ${f.isMet ? 'PASS' : 'FAIL'}  ${f.name.padEnd(24)}  ${f.limit.padEnd(9)}  ${f.actual}`),
  ];
  if (problems.length > 0) lines.push('', 'Problems (these fail the run):', ...problems.map((p) => `  ${p}`));
  if (options.postgresUrl === undefined) lines.push('', 'PostgreSQL not measured (give --postgres URL or BENCH_DATABASE_URL).');
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<number> {
  let options: Options | null;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options === null) {
    process.stdout.write(USAGE);
    return 0;
  }
  try {
    return await bench(options);
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await cleanUp();
  }
}

process.exitCode = await main();
