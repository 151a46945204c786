import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT, freePort } from './cli-process.js';

const VARNISHD = process.env.VARNISHD_BIN ?? '/usr/sbin/varnishd';
const VARNISHSTAT = process.env.VARNISHSTAT_BIN ?? '/usr/bin/varnishstat';
const isCi = process.env.CI === 'true' || process.env.CI === '1';
/** The VCL the deploy/ folder ships: the one the tests run unless told otherwise. */
export const MASTHEAD_VCL = join(ROOT, 'deploy', 'varnish', 'masthead.vcl');

export interface VarnishOptions {
  /** The backend, `http://127.0.0.1:PORT`: it replaces the `.host` and `.port` of the VCL's first backend. */
  backend: string;
  /** The VCL to run; deploy/varnish/masthead.vcl by default. */
  vclPath?: string;
  /** A change a test makes to that VCL (a faster health probe, another ACL); it must change something. */
  editVcl?: (vcl: string) => string;
}

/** Counters from varnishstat (MAIN.*), all since it started. */
export interface VarnishStats {
  hits: number;
  misses: number;
  /** Hits on an object past its TTL, served while a fresh one is fetched. */
  graceHits: number;
  passes: number;
  /** Requests sent to the backend (fetches, passes and background refreshes). */
  backendRequests: number;
  /** Objects in the cache now. */
  objects: number;
}

export interface RunningVarnish {
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  /** Where Masthead would send its PURGE (a VARNISH_PURGE_URLS entry). */
  purgeUrl: string;
  /** The VCL it runs, with the backend filled in, for a failing test's message. */
  vcl: string;
  stats(): Promise<VarnishStats>;
  /** What varnishd printed so far. */
  output(): string;
  /** Stops it (SIGTERM to the manager, which stops its child) and deletes its folder. */
  stop(): Promise<void>;
}

/** The node:test `skip` option: false when varnishd, varnishstat and the xkey module are installed; in CI their absence is a failure. */
export function skipUnlessVarnish(): string | false {
  const missing = [VARNISHD, VARNISHSTAT].filter((file) => !existsSync(file));
  const problem =
    missing.length > 0
      ? `${missing.join(' and ')} not found (apt-get install varnish varnish-modules, or set VARNISHD_BIN and VARNISHSTAT_BIN)`
      : xkeyProblem();
  if (!problem) return false;
  if (isCi) throw new Error(`${problem}. CI must run the Varnish tests.`);
  return problem;
}

/** Whether VCL that imports xkey compiles: the module comes in a package of its own. */
function xkeyProblem(): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'masthead-varnish-check-'));
  try {
    writeFileSync(join(dir, 'check.vcl'), 'vcl 4.1;\nimport xkey;\nbackend default none;\nsub vcl_recv { set req.http.n = xkey.purge("k"); }\n');
    execFileSync(VARNISHD, ['-C', '-j', 'none', '-n', dir, '-f', join(dir, 'check.vcl')], { stdio: 'pipe' });
    return undefined;
  } catch (error) {
    const output = String((error as { stderr?: Buffer }).stderr ?? error);
    return `varnishd cannot compile VCL that imports xkey (apt-get install varnish-modules): ${output.split('\n').find((line) => /xkey|VMOD/i.test(line)) ?? output.slice(0, 200)}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A real varnishd of a test's own: a private working folder (-n) for its
 * shared memory and compiled VCL, in the foreground (-F) so it is the test's
 * child, on a free loopback port, with a small malloc store, and no
 * management port (-T none: stop() signals it). `-j none` keeps it from
 * switching to the varnish users, as it otherwise does when started as root
 * (CI is), who could not read the private folder; started by anyone else it
 * cannot switch anyway.
 */
export async function startVarnish(options: VarnishOptions): Promise<RunningVarnish> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options, await freePort());
    } catch (error) {
      // Another process may take the free port between freePort() and varnishd binding it.
      if (attempt >= 3 || !/Address already in use|Could not get socket/.test((error as Error).message)) throw error;
    }
  }
}

/** The VCL with its first backend pointed at `backend`. */
function vclFor(options: VarnishOptions): string {
  const backend = new URL(options.backend);
  const read = readFileSync(options.vclPath ?? MASTHEAD_VCL, 'utf8');
  const source = options.editVcl ? options.editVcl(read) : read;
  if (source === read && options.editVcl) throw new Error('editVcl changed nothing in the VCL: what it looks for is not there');
  if (!/\.host = "[^"]*";/.test(source) || !/\.port = "[^"]*";/.test(source)) throw new Error('The VCL has no `.host = "…";` and `.port = "…";` lines to fill in');
  return source.replace(/\.host = "[^"]*";/, `.host = "${backend.hostname}";`).replace(/\.port = "[^"]*";/, `.port = "${backend.port || '80'}";`);
}

async function startOnce(options: VarnishOptions, port: number): Promise<RunningVarnish> {
  const dir = mkdtempSync(join(tmpdir(), 'masthead-varnish-'));
  const vcl = vclFor(options);
  const vclFile = join(dir, 'masthead.vcl');
  writeFileSync(vclFile, vcl);
  // A worker adds its counters to varnishstat's every 10 requests by default; these make it do so after each
  // one, even while it holds a keep-alive connection, so stats() right after an answer counts it.
  const stats = ['-p', 'thread_stats_rate=0', '-p', 'feature=+busy_stats_rate'];
  const args = ['-F', '-j', 'none', '-n', dir, '-a', `127.0.0.1:${port}`, '-T', 'none', '-f', vclFile, '-s', 'malloc,64m', ...stats];
  const child = spawn(VARNISHD, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  let hasExited = false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => (hasExited = true));
  const stop = async () => {
    if (!hasExited) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilServing({ url, hasExited: () => hasExited });
  } catch (error) {
    await stop();
    throw new Error(`varnishd did not start: ${(error as Error).message}\n${output}`);
  }
  return { url, port, purgeUrl: `${url}/`, vcl, stats: () => readStats(dir), output: () => output, stop };
}

/**
 * The manager listens before its child has loaded the VCL; a PURGE of a key
 * nobody uses is answered only once the child serves, and counts as neither
 * hit nor miss.
 */
async function waitUntilServing(input: { url: string; hasExited: () => boolean }): Promise<void> {
  const deadline = Date.now() + 20_000;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (input.hasExited()) throw new Error('it exited');
    try {
      const response = await fetch(`${input.url}/`, { method: 'PURGE', headers: { 'xkey-purge': 'test-harness-ready' }, signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      return;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`it did not answer within 20 s (${last})`);
}

async function readStats(dir: string): Promise<VarnishStats> {
  const { stdout } = await promisify(execFile)(VARNISHSTAT, ['-n', dir, '-1', '-j']);
  const counters = (JSON.parse(stdout) as { counters: Record<string, { value: number }> }).counters;
  const value = (name: string) => counters[`MAIN.${name}`]?.value ?? 0;
  return {
    hits: value('cache_hit'),
    misses: value('cache_miss'),
    graceHits: value('cache_hit_grace'),
    passes: value('s_pass'),
    backendRequests: value('backend_req'),
    objects: value('n_object'),
  };
}
