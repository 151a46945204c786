import { onCleanUp } from './lifecycle.js';
import { startServer, waitForOk, type ServerOptions } from './masthead.js';
import { describeExit, freePort, stop, type Running } from './proc.js';

export interface Launched {
  running: Running;
  port: number;
  base: string;
  /** Spawn to the first 200 from /healthz. */
  startToFirstResponseMs: number;
  /** Stops it (also done at clean-up, if not before); says so when it ended other than asked. */
  stop(): Promise<void>;
}

/**
 * Starts `masthead serve` and waits for it to answer: on the port given (so it
 * renders the same links as the server that had it, its SITE_URL being made
 * from it), or on a free one.
 */
export async function launchServer(options: Omit<ServerOptions, 'port'> & { port?: number }): Promise<Launched> {
  const port = options.port ?? (await freePort());
  const base = `http://127.0.0.1:${port}`;
  // Node loads fetch's HTTP client on first use; do that now so it is not billed to the server's start.
  await fetch(`${base}/healthz`).catch(() => undefined);
  const spawnedAt = performance.now();
  const running = startServer({ ...options, port });
  const stopIt = async () => {
    const exit = await stop(running, ['SIGTERM'], 10_000);
    if (exit && exit.code !== 0 && exit.signal !== 'SIGTERM') process.stderr.write(`bench: server ended with ${describeExit(exit)}\n`);
  };
  onCleanUp(stopIt);
  const startToFirstResponseMs = await waitForOk(`${base}/healthz`, running, spawnedAt);
  return { running, port, base, startToFirstResponseMs, stop: stopIt };
}

/** After the runs: a server that died during them would have answered wrk with errors, or not at all. */
export async function checkAlive(server: Launched, what: string): Promise<void> {
  if (server.running.hasExited()) throw new Error(`the ${what} server died during the runs (${describeExit(await server.running.exited)})`);
}
