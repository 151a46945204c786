import { spawn } from 'node:child_process';
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Running {
  name: string;
  child: ChildProcess;
  /** Settles once the process has gone, whatever the reason; never rejects. */
  exited: Promise<Exit>;
  hasExited: () => boolean;
}

export function start(name: string, command: string, args: string[], options: SpawnOptions): Running {
  const child = spawn(command, args, options);
  let hasExited = false;
  const exited = new Promise<Exit>((resolve) => {
    // 'error' without 'close' happens when the binary cannot be started at all.
    child.once('error', (error) => {
      process.stderr.write(`bench: ${name} failed to start: ${error.message}\n`);
      hasExited = true;
      resolve({ code: null, signal: null });
    });
    child.once('close', (code, signal) => {
      hasExited = true;
      resolve({ code, signal });
    });
  });
  return { name, child, exited, hasExited: () => hasExited };
}

export function describeExit(exit: Exit): string {
  return exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code ?? 'unknown'}`;
}

/** Runs to completion, keeping stdout (and stderr, unless it is passed through) for the caller. */
export async function run(
  command: string,
  args: string[],
  options: SpawnOptions & { passStderr?: boolean } = {},
): Promise<Exit & { stdout: string; stderr: string }> {
  const running = start(command, command, args, { ...options, stdio: ['ignore', 'pipe', options.passStderr ? 'inherit' : 'pipe'] });
  let stdout = '';
  let stderr = '';
  running.child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  running.child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exit = await running.exited;
  return { ...exit, stdout, stderr };
}

/**
 * Asks politely with each signal in turn, waiting graceMs after each, so a clean
 * shutdown gets its chance but a stuck process cannot keep the bench (or a port) hanging.
 */
export async function stop(running: Running, signals: NodeJS.Signals[], graceMs: number): Promise<Exit | null> {
  for (const signal of [...signals, 'SIGKILL' as const]) {
    if (running.hasExited()) break;
    running.child.kill(signal);
    const exit = await Promise.race([running.exited, sleep(graceMs).then(() => null)]);
    if (exit) return exit;
  }
  return running.hasExited() ? running.exited : null;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The kernel picks a port that is free now; there is a small race until the
 * real server binds it, which is acceptable on a benchmark machine.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not read the port the kernel picked'))));
    });
  });
}

/** Like `command -v`, plus the sbin folders, which are not on every PATH and are where nginx lives. */
export async function findExecutable(name: string): Promise<string | null> {
  const folders = [...(process.env.PATH ?? '').split(delimiter), '/usr/local/sbin', '/usr/sbin', '/sbin'];
  for (const folder of folders.filter((f) => f !== '')) {
    const candidate = join(folder, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return null;
}
