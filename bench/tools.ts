import { findExecutable, run } from './proc.js';

export interface Tools {
  nginx: string;
  wrk: string;
}

/** Both tools come from Debian packages of the same name. */
const PACKAGES = ['nginx', 'wrk'] as const;

async function apt(args: string[]): Promise<void> {
  process.stderr.write(`bench: running apt-get ${args.join(' ')}\n`);
  // apt output goes to stderr so stdout stays the report alone.
  const result = await run('apt-get', args, {
    passStderr: true,
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.stdout) process.stderr.write(result.stdout);
  if (result.code !== 0) {
    throw new Error(
      `apt-get ${args.join(' ')} failed (${result.signal ?? `exit code ${result.code}`}). ` +
        `Install them yourself (apt-get install -y ${PACKAGES.join(' ')}) and run the bench again.`,
    );
  }
}

/** Finds nginx and wrk, installing the missing ones with apt-get (we run as root in CI and dev boxes). */
export async function ensureTools(): Promise<Tools> {
  const found = { nginx: await findExecutable('nginx'), wrk: await findExecutable('wrk') };
  const missing = PACKAGES.filter((name) => found[name] === null);
  if (missing.length > 0) {
    process.stderr.write(`bench: ${missing.join(' and ')} not found; installing with apt-get\n`);
    if (typeof process.getuid === 'function' && process.getuid() !== 0) {
      throw new Error(`${missing.join(' and ')} missing and not running as root, so apt-get cannot install them. Run: sudo apt-get install -y ${missing.join(' ')}`);
    }
    await apt(['update']);
    await apt(['install', '-y', ...missing]);
    for (const name of missing) found[name] = await findExecutable(name);
  }
  const { nginx, wrk } = found;
  if (!nginx || !wrk) throw new Error(`apt-get finished but ${nginx ? 'wrk' : 'nginx'} is still not on the PATH`);
  return { nginx, wrk };
}
