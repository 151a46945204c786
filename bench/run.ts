/**
 * Masthead's performance floors, measured against nginx serving the same
 * bytes on the same machine. Usage: npm run bench -- --help
 * The report goes to stdout; progress and child output go to stderr.
 */
import { USAGE, UsageError, parseBenchArgs } from './args.js';
import type { BenchOptions } from './args.js';
import { floors, wrkProblems } from './floors.js';
import { cleanUp, isInterrupted, stopOnSignals, tempDir } from './lifecycle.js';
import { seedDemo } from './masthead.js';
import { measurePostgres } from './postgres-runs.js';
import { formatReport, writeResults } from './report.js';
import type { Measurements } from './report.js';
import { measureCached, measureCold } from './sqlite-runs.js';
import { ensureTools } from './tools.js';

async function bench(options: BenchOptions): Promise<number> {
  const tools = await ensureTools();
  const dataDir = await tempDir('masthead-bench-data-');
  await seedDemo(dataDir, options.articles);

  const cached = await measureCached({ tools, options, dataDir });
  // One server at a time, so each has the machine as the others had it.
  const cold = await measureCold({ tools, options, dataDir, article: cached.article, port: cached.port });
  const m: Measurements = {
    options,
    startToFirstResponseMs: cached.startToFirstResponseMs,
    articlePage: cached.articlePage,
    memory: [cached.memory, cold.memory],
    cache: cached.cache,
    targets: [...cached.targets, ...cold.targets],
    postgres: null,
  };
  if (options.postgresUrl) {
    const postgres = await measurePostgres({ tools, options, adminUrl: options.postgresUrl });
    m.postgres = postgres.postgres;
    m.memory.push(...postgres.memory);
  }

  const floorList = floors(m);
  const problems = wrkProblems(m);
  const isOk = floorList.every((f) => f.isMet) && problems.length === 0;
  process.stdout.write(formatReport(m, floorList, problems));
  const file = await writeResults(m, floorList, problems, isOk);
  process.stdout.write(`\n${isOk ? 'All floors met.' : 'FAILED: see above.'} Results written to ${file}\n`);
  return isOk ? 0 : 1;
}

async function main(): Promise<number> {
  let options: BenchOptions | null;
  try {
    options = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`bench: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options === null) {
    process.stdout.write(USAGE);
    return 0;
  }
  stopOnSignals();
  try {
    return await bench(options);
  } catch (error) {
    if (!isInterrupted()) process.stderr.write(`bench: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await cleanUp();
  }
}

process.exitCode = await main();
