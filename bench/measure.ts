import type { BenchOptions } from './args.js';
import { startCpuWindow, withChildren, type Watched } from './cpu.js';
import { checkInterrupted, Interrupted } from './lifecycle.js';
import type { BenchDatabase } from './postgres.js';
import type { TargetResult } from './report.js';
import type { Tools } from './tools.js';
import { parseWrk, runWrk } from './wrk.js';

const WARM_UP_SECONDS = 2;

export interface Target {
  name: string;
  url: string;
  /** The nginx row serving the same bytes this one is compared with; null for nginx's own rows. */
  baseline: string | null;
  /** Sent with every request of the run (wrk -H). */
  headers?: Readonly<Record<string, string>>;
  /** The processes whose CPU time the requests cost (see cpu.ts). */
  watch: () => Promise<Watched[]>;
}

/** Each target: a warm-up, then a measured run with the CPU its processes spent meanwhile. */
export async function measureTargets({ tools, options, targets }: { tools: Tools; options: BenchOptions; targets: readonly Target[] }): Promise<TargetResult[]> {
  const results: TargetResult[] = [];
  for (const { name, url, baseline, headers, watch } of targets) {
    checkInterrupted();
    process.stderr.write(`bench: ${name}: ${WARM_UP_SECONDS} s warm-up, then ${options.durationSeconds} s measured (${url})\n`);
    const common = { connections: options.connections, headers };
    const result = { name, url, baseline, headers: headers ?? {} };
    try {
      // Lets V8 optimise the hot paths and fills caches, so the measured run sees the steady state.
      await runWrk(tools.wrk, url, { ...common, durationSeconds: WARM_UP_SECONDS, withLatency: false });
      checkInterrupted();
      const window = await startCpuWindow(watch);
      const wrk = parseWrk(await runWrk(tools.wrk, url, { ...common, durationSeconds: options.durationSeconds, withLatency: true }));
      const cpu = await window.end(wrk.requests);
      results.push({ ...result, wrk, cpu, error: null });
    } catch (error) {
      if (error instanceof Interrupted) throw error;
      // One broken target should not hide the numbers for the others.
      process.stderr.write(`bench: ${name}: ${(error as Error).message}\n`);
      results.push({ ...result, wrk: null, cpu: null, error: (error as Error).message });
    }
  }
  return results;
}

/** A server's processes (the primary and its workers), and, on PostgreSQL, the backends serving its connections. */
export function processesOf(pid: number | undefined, database?: BenchDatabase): () => Promise<Watched[]> {
  return async () => {
    const app = pid === undefined ? [] : (await withChildren(pid)).map((p) => ({ pid: p, role: 'app' as const }));
    const db = database?.isLocal ? (await database.backendPids()).map((p) => ({ pid: p, role: 'db' as const })) : [];
    return [...app, ...db];
  };
}
