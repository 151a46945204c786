import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './cli-process.js';

const run = promisify(execFile);
const BIN = process.env.POSTGRES_BIN_DIR ?? '/usr/lib/postgresql/15/bin';
const isCi = process.env.CI === 'true' || process.env.CI === '1';

/**
 * A PostgreSQL server of a test's own, in a temporary folder, that the test
 * may stop and start at will. The shared test server is never stopped: other
 * test files run against it at the same time.
 */
export interface ThrowawayPostgres {
  /** `postgres://postgres@127.0.0.1:PORT/postgres`, with `application_name` left to the caller. */
  url: string;
  /** Stops the server at once, as a crash or a pulled plug would (`pg_ctl stop -m immediate`). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data; resolves when it accepts connections. */
  start(): Promise<void>;
  /** Stops it and deletes its folder. */
  destroy(): Promise<void>;
}

/** The node:test `skip` option: false when the PostgreSQL 15 binaries are there; in CI their absence is a failure. */
export function skipUnlessPostgresBinaries(): string | false {
  if (existsSync(join(BIN, 'initdb')) && existsSync(join(BIN, 'pg_ctl'))) return false;
  const problem = `PostgreSQL 15 binaries not found in ${BIN} (apt-get install postgresql-15, or set POSTGRES_BIN_DIR)`;
  if (isCi) throw new Error(`${problem}. CI must run the outage tests.`);
  return problem;
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'masthead-pg-'));
  // initdb refuses to run as root: as root, the cluster belongs to the postgres account.
  const isRoot = userInfo().uid === 0;
  const asOwner = (command: string, args: string[]) => (isRoot ? run('runuser', ['-u', 'postgres', '--', join(BIN, command), ...args]) : run(join(BIN, command), args));
  if (isRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: group } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(group.trim()));
  }
  const data = join(dir, 'data');
  const port = await freePort();
  await asOwner('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  // The socket goes in the folder too, so nothing is left in /var/run; fsync off: the data is thrown away anyway.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  const start = async () => {
    await asOwner('pg_ctl', ['start', '-D', data, '-w', '-t', '30', '-l', join(dir, 'server.log'), '-o', options]);
  };
  const stop = async () => {
    await asOwner('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']);
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop,
    start,
    async destroy() {
      await stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
