import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const RUNNER = fileURLToPath(new URL('./publish-due-runner.ts', import.meta.url));

export interface SchedulerProcess {
  /** Lets it publish what is due (it waits, so several can be started and let go at once). */
  go(): void;
  result: Promise<{ published: number[]; failed: string[] }>;
}

/** Starts a scheduler process on a store (publish-due-runner.ts) that waits for "go"; resolves once it is ready. */
export function startSchedulerProcess(location: unknown, now: string): Promise<SchedulerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', RUNNER, JSON.stringify(location), now], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk) => (err += chunk));
  const result = new Promise<{ published: number[]; failed: string[] }>((resolve, reject) => {
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.split('\n').filter(Boolean).pop()!)) : reject(new Error(`runner exited ${code}: ${err}`))));
  });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.startsWith('ready\n')) resolve({ go: () => child.stdin.write('go\n'), result });
    });
    child.on('error', reject);
    result.catch(reject);
  });
}
