import { after, before } from 'node:test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENV_VARIABLES } from '../../src/config.js';

/** The `masthead` command run as a child process, the way an operator runs it. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const MAIN = join('src', 'cli', 'main.ts');
export const REFERENCE_SLUG = 'john-legend-reveals-how-politics-ruined-his-friendship-with-kanye-west';

export interface Result {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The parent's environment without any Masthead setting (or the test runner's own), plus `env`. */
export function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if ((ENV_VARIABLES as readonly string[]).includes(name) || name.startsWith('MASTHEAD_') || name.startsWith('NODE_TEST')) continue;
    clean[name] = value;
  }
  return { ...clean, LOG_LEVEL: 'warn', ...env };
}

const children = new Set<ChildProcess>();

export function start(args: string[], env: Record<string, string>, input?: string): { child: ChildProcess; done: Promise<Result> } {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: ROOT, env: childEnv(env), stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  if (input !== undefined) child.stdin!.end(input);
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<Result>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      children.delete(child);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, done };
}

export function run(args: string[], env: Record<string, string> = {}, input?: string): Promise<Result> {
  return start(args, env, input).done;
}

export function killAll(): void {
  for (const child of children) child.kill('SIGKILL');
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'masthead-cli-'));
}

/** A data folder of its own for the suite it is called in; its servers are killed and the folder removed after. */
export function useDataDir(set: (dir: string) => void): void {
  let dir = '';
  before(() => set((dir = tempDir())));
  after(() => {
    killAll();
    rmSync(dir, { recursive: true, force: true });
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Polls until `url` answers 200; fails when the child exits first or after `timeoutMs`. */
export async function waitFor200(url: string, exited: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (exited()) throw new Error(`the server exited before ${url} answered`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
      last = `status ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms (${last})`);
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
