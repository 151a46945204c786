import { run } from './proc.js';

export interface WrkResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** wrk counts responses with status ≥ 400 here (it calls them "Non-2xx or 3xx"). */
  badResponses: number;
  socketErrors: { connect: number; read: number; write: number; timeout: number };
  /** Why the run does not count, or null when it is clean. */
  problem: string | null;
  raw: string;
}

export interface WrkOptions {
  connections: number;
  durationSeconds: number;
  /** Adds the latency distribution (the 50% and 99% lines) to the output. */
  withLatency: boolean;
  /** Request headers sent with every request (wrk -H), e.g. Accept-Encoding or If-None-Match. */
  headers?: Readonly<Record<string, string>>;
}

// wrk prints times with the largest unit that keeps the number ≥ 1 (see format_time in wrk's units.c).
const MS_PER_UNIT: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function timeToMs(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m|h)$/.exec(text.trim());
  const unit = match?.[2];
  if (!match || unit === undefined) throw new Error(`wrk printed a time I cannot read: "${text}"`);
  return Number(match[1]) * (MS_PER_UNIT[unit] ?? Number.NaN);
}

function percentile(output: string, label: '50%' | '99%'): number {
  const match = new RegExp(`^\\s*${label}\\s+(\\S+)\\s*$`, 'm').exec(output);
  if (!match?.[1]) throw new Error(`no ${label} latency line in wrk output`);
  return timeToMs(match[1]);
}

/** Reads wrk's human-readable report; wrk has no machine-readable output without a Lua script. */
export function parseWrk(output: string): WrkResult {
  const rps = /^Requests\/sec:\s+([\d.]+)/m.exec(output)?.[1];
  const requests = /^\s*(\d+) requests in /m.exec(output)?.[1];
  if (rps === undefined || requests === undefined) throw new Error('no Requests/sec line in wrk output');
  // Both lines are absent when the count is zero.
  const bad = /Non-2xx or 3xx responses:\s+(\d+)/.exec(output)?.[1];
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const socketErrors = {
    connect: Number(socket?.[1] ?? 0),
    read: Number(socket?.[2] ?? 0),
    write: Number(socket?.[3] ?? 0),
    timeout: Number(socket?.[4] ?? 0),
  };
  const badResponses = Number(bad ?? 0);
  const problems: string[] = [];
  if (Number(requests) === 0) problems.push('no requests completed');
  if (badResponses > 0) problems.push(`${badResponses} non-2xx responses`);
  const socketTotal = socketErrors.connect + socketErrors.read + socketErrors.write + socketErrors.timeout;
  if (socketTotal > 0) {
    const s = socketErrors;
    problems.push(`socket errors: connect ${s.connect}, read ${s.read}, write ${s.write}, timeout ${s.timeout}`);
  }
  return {
    requestsPerSecond: Number(rps),
    p50Ms: percentile(output, '50%'),
    p99Ms: percentile(output, '99%'),
    requests: Number(requests),
    badResponses,
    socketErrors,
    problem: problems.length > 0 ? problems.join('; ') : null,
    raw: output,
  };
}

/** One wrk thread, as asked; returns wrk's stdout, throwing if wrk itself failed. */
export async function runWrk(wrk: string, url: string, options: WrkOptions): Promise<string> {
  const headers = Object.entries(options.headers ?? {}).flatMap(([name, value]) => ['-H', `${name}: ${value}`]);
  const args = ['-t1', `-c${options.connections}`, `-d${options.durationSeconds}s`, ...(options.withLatency ? ['--latency'] : []), ...headers, url];
  const result = await run(wrk, args);
  if (result.code !== 0) {
    throw new Error(`wrk ${args.join(' ')} failed (${result.signal ?? `exit code ${result.code}`}):\n${(result.stderr || result.stdout).trim()}`);
  }
  return result.stdout;
}
