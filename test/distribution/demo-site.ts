import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENV_VARIABLES } from '../../src/config.js';
import type { Cursor } from '../../src/content/store.js';
import { openStore } from '../../src/store/open-store.js';

/**
 * The demo site as an operator runs it: `masthead demo --articles N` into a
 * throwaway SQLite store, then `masthead serve`, both from the sources, so the
 * checks see the code as it is now and not a stale build.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = join('src', 'cli', 'main.ts');
export const REFERENCE_SLUG = 'john-legend-reveals-how-politics-ruined-his-friendship-with-kanye-west';

export interface DemoSite {
  /** The origin, also the site's SITE_URL, so canonical and AMP links lead back to this server. */
  url: string;
  /** Every published article, the reference article among them. */
  articleSlugs: string[];
  close(): Promise<void>;
}

/** The parent's environment without any Masthead setting or test-runner variable. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if ((ENV_VARIABLES as readonly string[]).includes(name) || name.startsWith('MASTHEAD_') || name.startsWith('NODE_TEST')) continue;
    clean[name] = value;
  }
  return { ...clean, NODE_ENV: 'production', LOG_LEVEL: 'warn', MASTHEAD_DEMO: '1', ...env };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

function spawnCli(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: string) => (output = (output + chunk).slice(-4000));
  child.stdout!.setEncoding('utf8').on('data', keep);
  child.stderr!.setEncoding('utf8').on('data', keep);
  const exited = new Promise<number | null>((resolve) => {
    child.once('error', (error) => {
      keep(error.message);
      resolve(null);
    });
    child.once('close', (code) => resolve(code));
  });
  return { child, output: () => output, exited };
}

/** Published articles, newest first, read page by page the way the archives read them. */
async function listArticleSlugs(dataDir: string): Promise<string[]> {
  const store = await openStore({ engine: 'sqlite', file: join(dataDir, 'masthead.sqlite') }, { shouldMigrate: false });
  try {
    const slugs: string[] = [];
    const now = new Date().toISOString();
    let after: Cursor | undefined;
    for (;;) {
      const page = await store.posts.listPublished({ scope: { kind: 'all' }, now, limit: 100, after });
      slugs.push(...page.filter((post) => post.kind === 'article').map((post) => post.slug));
      const last = page.at(-1);
      if (!last || page.length < 100) return slugs;
      after = { publishedAt: last.publishedAt, id: last.id };
    }
  } finally {
    await store.close();
  }
}

async function waitForHealth(url: string, hasExited: () => boolean, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const response = await fetch(`${url}/healthz`);
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    if (hasExited()) throw new Error(`masthead serve stopped before answering:\n${output()}`);
    if (Date.now() > deadline) throw new Error(`masthead serve did not answer ${url}/healthz within 60 s:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function startDemoSite(input: { articles: number }): Promise<DemoSite> {
  const dataDir = mkdtempSync(join(tmpdir(), 'masthead-distribution-'));
  const removeData = () => rmSync(dataDir, { recursive: true, force: true });
  try {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env = childEnv({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', SITE_URL: url });
    const demo = spawnCli(['demo', '--articles', String(input.articles)], env);
    const code = await demo.exited;
    if (code !== 0) throw new Error(`masthead demo --articles ${input.articles} failed (exit ${code}):\n${demo.output()}`);
    const articleSlugs = await listArticleSlugs(dataDir);

    const server = spawnCli(['serve'], env);
    let hasExited = false;
    // A run that ends without close() (an uncaught error, Ctrl-C caught by chrome-launcher) must not leave the server behind.
    const killOnExit = () => server.child.kill('SIGKILL');
    process.once('exit', killOnExit);
    void server.exited.then(() => {
      hasExited = true;
      process.off('exit', killOnExit);
    });
    try {
      await waitForHealth(url, () => hasExited, server.output);
    } catch (error) {
      server.child.kill('SIGKILL');
      throw error;
    }
    return {
      url,
      articleSlugs,
      async close() {
        if (!hasExited) {
          server.child.kill('SIGTERM');
          const timer = setTimeout(() => server.child.kill('SIGKILL'), 5000);
          await server.exited;
          clearTimeout(timer);
        }
        removeData();
      },
    };
  } catch (error) {
    removeData();
    throw error;
  }
}
