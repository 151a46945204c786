import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import pg from 'pg';
import { freePort, killAll, run, start, tempDir, waitFor200, type Result } from '../helpers/cli-process.js';
import { POSTGRES_URL } from '../helpers/engines.js';
import { startNginx, type RunningNginx } from '../helpers/nginx.js';
import { startS3Server, type S3TestServer } from '../helpers/s3-server.js';

/**
 * One site on three machines, on loopback: a PostgreSQL database of the test's
 * own on the shared server, a real S3-compatible server, three `masthead serve`
 * processes, each with a DATA_DIR of its own as separate machines have, and a
 * real nginx balancing over them. Everything the cluster test checks goes
 * through these real parts; nothing is mocked.
 */
export const INSTANCE_NAMES = ['a', 'b', 'c'] as const;
export type InstanceName = (typeof INSTANCE_NAMES)[number];

export interface Instance {
  name: InstanceName;
  /** http://127.0.0.1:PORT, to ask this instance alone. */
  url: string;
  /** Its own DATA_DIR, as a separate machine's disk. */
  dataDir: string;
  pid(): number | undefined;
  isRunning(): boolean;
  /** Settles when the process has gone, with what it wrote. */
  exited(): Promise<Result>;
}

export interface Cluster {
  databaseUrl: string;
  s3: S3TestServer;
  nginx: RunningNginx;
  instances: Instance[];
  instance(name: InstanceName): Instance;
  /** Starts the named instances at the same moment; resolves when each answers /readyz with 200 (or has exited, which is reported). */
  start(names: readonly InstanceName[]): Promise<Array<{ name: InstanceName; problem?: string }>>;
  /** Starts again every instance that is not running (after a kill, or a start that failed). */
  restartStopped(): Promise<void>;
  /** Kills the instance with SIGKILL, as a machine that loses power, and waits until it has gone. */
  kill(name: InstanceName): Promise<void>;
  /** Freezes (SIGSTOP) or thaws (SIGCONT) every running instance: thawed together, timers that fell due while frozen fire in all of them at once. */
  freeze(isFrozen: boolean): void;
  /** `masthead …` with the cluster's environment, as an operator on one of the machines runs it. */
  cli(args: string[], input?: string): Promise<Result>;
  sql<T extends Record<string, unknown> = Record<string, any>>(text: string, values?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 90_000;

function databaseUrlFor(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.href;
}

export interface ClusterOptions {
  /** Settings every instance gets on top of the cluster's own (WORKERS=2, CACHE_MAX_MB…). */
  environment?: Record<string, string>;
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const databaseName = `masthead_cluster_${process.pid}_${randomBytes(4).toString('hex')}`;
  const databaseUrl = databaseUrlFor(POSTGRES_URL, databaseName);
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  const stop = async () => {
    // Children first, so nothing holds the database or the ports when they are removed.
    killAll();
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        process.stderr.write(`cluster test: cleanup failed: ${(error as Error).message}\n`);
      }
    }
    cleanups.length = 0;
  };
  // A test runner stopped in the middle still takes the servers with it.
  process.once('exit', killAll);
  try {
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${databaseName}`);
    await admin.end();
    cleanups.push(async () => {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    });
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
    cleanups.push(() => pool.end());

    const s3 = await startS3Server({ bucket: 'masthead-cluster' });
    cleanups.push(() => s3.stop());
    const ports = new Map<InstanceName, number>();
    for (const name of INSTANCE_NAMES) ports.set(name, await freePort());
    const nginx = await startNginx({ upstreams: INSTANCE_NAMES.map((name) => `127.0.0.1:${ports.get(name)}`) });
    cleanups.push(() => nginx.stop());

    const dataDirs = new Map(INSTANCE_NAMES.map((name) => [name, tempDir()]));
    cleanups.push(() => {
      for (const dir of dataDirs.values()) rmSync(dir, { recursive: true, force: true });
    });
    const environment = (name: InstanceName): Record<string, string> => ({
      DATA_DIR: dataDirs.get(name)!,
      PORT: String(ports.get(name)),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      SITE_URL: nginx.url,
      TRUST_PROXY: '1',
      INSTANCE_NAME: name,
      // A killed instance's job is taken over 5 s after its last renewal rather than 30 s: the takeover under test, sooner.
      JOB_LEASE_S: '5',
      MEDIA_STORAGE: 's3',
      S3_BUCKET: s3.bucket,
      S3_REGION: s3.region,
      S3_ENDPOINT: s3.endpoint,
      S3_FORCE_PATH_STYLE: '1',
      AWS_ACCESS_KEY_ID: s3.accessKeyId,
      AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
      ...options.environment,
    });

    const running = new Map<InstanceName, { child: ReturnType<typeof start>['child']; done: Promise<Result>; hasExited: boolean }>();
    const instances: Instance[] = INSTANCE_NAMES.map((name) => ({
      name,
      url: `http://127.0.0.1:${ports.get(name)}`,
      dataDir: dataDirs.get(name)!,
      pid: () => running.get(name)?.child.pid,
      isRunning: () => running.has(name) && !running.get(name)!.hasExited,
      exited: () => running.get(name)?.done ?? Promise.resolve({ code: null, signal: null, stdout: '', stderr: '' }),
    }));
    const instance = (name: InstanceName) => instances.find((one) => one.name === name)!;

    const launch = async (name: InstanceName): Promise<{ name: InstanceName; problem?: string }> => {
      const started = start(['serve'], environment(name));
      const entry = { child: started.child, done: started.done, hasExited: false };
      void started.done.then(() => (entry.hasExited = true));
      running.set(name, entry);
      try {
        await waitFor200(`${instance(name).url}/readyz`, () => entry.hasExited, READY_TIMEOUT_MS);
        return { name };
      } catch (error) {
        const output = entry.hasExited ? await started.done : undefined;
        const said = output ? `; it wrote: ${(output.stderr + output.stdout).trim().slice(-2000)}` : '';
        return { name, problem: `${(error as Error).message}${said}` };
      }
    };

    return {
      databaseUrl,
      s3,
      nginx,
      instances,
      instance,
      start: (names) => Promise.all(names.map(launch)),
      async restartStopped() {
        const stopped = instances.filter((one) => !one.isRunning()).map((one) => one.name);
        const results = await Promise.all(stopped.map(launch));
        const failed = results.filter((result) => result.problem);
        if (failed.length > 0) throw new Error(`could not start again: ${failed.map((f) => `${f.name}: ${f.problem}`).join('\n')}`);
      },
      async kill(name) {
        const entry = running.get(name);
        if (!entry || entry.hasExited) return;
        entry.child.kill('SIGKILL');
        await entry.done;
      },
      freeze(isFrozen) {
        for (const entry of running.values()) if (!entry.hasExited) entry.child.kill(isFrozen ? 'SIGSTOP' : 'SIGCONT');
      },
      cli: (args, input) => run(args, { ...environment('a'), PORT: String(ports.get('a')) }, input),
      sql: async (text, values) => (await pool.query(text, values)).rows,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
