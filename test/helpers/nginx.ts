import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './cli-process.js';

const NGINX = process.env.NGINX_BIN ?? '/usr/sbin/nginx';
const isCi = process.env.CI === 'true' || process.env.CI === '1';

export interface NginxOptions {
  /** The instances behind the balancer, as `host:port` or `http://host:port`. */
  upstreams: string[];
  /** Directives added to the `server { }` block after the recipe's own (a `location` of the test's, a header…). */
  extraConfig?: string;
  /** Parameters of each `server` line in the upstream; the README's recipe by default. */
  upstreamParameters?: string;
  /** The `proxy_next_upstream` conditions; the README's recipe by default. */
  nextUpstream?: string;
}

export interface RunningNginx {
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  /** The configuration it runs, for a failing test's message. */
  config: string;
  /** What nginx wrote to its error log so far (upstreams it marked failed, retries…). */
  errorLog(): string;
  /** One line per request: status, the upstream(s) that answered and their statuses. */
  accessLog(): string;
  /** Stops it at once (SIGTERM) and deletes its folder. */
  stop(): Promise<void>;
}

/** The node:test `skip` option: false when nginx is installed; in CI its absence is a failure. */
export function skipUnlessNginx(): string | false {
  if (existsSync(NGINX)) return false;
  const problem = `nginx not found at ${NGINX} (apt-get install nginx-light, or set NGINX_BIN)`;
  if (isCi) throw new Error(`${problem}. CI must run the balancer tests.`);
  return problem;
}

/**
 * A real nginx load balancer of a test's own, with the configuration the
 * README's "Running on several machines" recipe gives: a private folder for
 * its configuration, pid, logs and temporary files, `daemon off` so it is the
 * test's child, on a free loopback port.
 */
export async function startNginx(options: NginxOptions): Promise<RunningNginx> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options, await freePort());
    } catch (error) {
      // Another process may take the free port between freePort() and nginx binding it.
      if (attempt >= 3 || !/Address already in use/.test((error as Error).message)) throw error;
    }
  }
}

function configText(options: NginxOptions, input: { port: number; dir: string }): string {
  const { dir, port } = input;
  const parameters = options.upstreamParameters ?? 'max_fails=1 fail_timeout=2s';
  const servers = options.upstreams.map((upstream) => `    server ${upstream.replace(/^https?:\/\//, '').replace(/\/$/, '')} ${parameters};`).join('\n');
  return `daemon off;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 1024; }
http {
  log_format balancer '$status $request_method $request_uri upstream=$upstream_addr upstream_status=$upstream_status';
  access_log ${join(dir, 'access.log')} balancer;
  client_body_temp_path ${join(dir, 'tmp', 'body')};
  proxy_temp_path ${join(dir, 'tmp', 'proxy')};
  fastcgi_temp_path ${join(dir, 'tmp', 'fastcgi')};
  uwsgi_temp_path ${join(dir, 'tmp', 'uwsgi')};
  scgi_temp_path ${join(dir, 'tmp', 'scgi')};
  upstream masthead {
${servers}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 64m;
    location / {
      proxy_pass http://masthead;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host:$server_port;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_next_upstream ${options.nextUpstream ?? 'error timeout http_502 http_503'};
      proxy_next_upstream_tries 3;
      proxy_connect_timeout 2s;
    }
${options.extraConfig ?? ''}
  }
}
`;
}

async function startOnce(options: NginxOptions, port: number): Promise<RunningNginx> {
  const dir = mkdtempSync(join(tmpdir(), 'masthead-nginx-'));
  // Run as root, nginx's workers drop to an unprivileged account, which must reach the temporary folders.
  chmodSync(dir, 0o755);
  for (const name of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, 'tmp', name), { recursive: true, mode: 0o777 });
  for (const name of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) chmodSync(join(dir, 'tmp', name), 0o777);
  chmodSync(join(dir, 'tmp'), 0o755);
  const config = configText(options, { port, dir });
  const configFile = join(dir, 'nginx.conf');
  writeFileSync(configFile, config);
  const child = spawn(NGINX, ['-c', configFile, '-p', dir, '-e', join(dir, 'error.log')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  const read = (name: string) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : '');
  const stop = async () => {
    if (!hasExited) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForListening({ port, child, hasExited: () => hasExited });
  } catch (error) {
    const log = `${output}${read('error.log')}`;
    await stop();
    throw new Error(`nginx did not start: ${(error as Error).message}\n${log}`);
  }
  return { url: `http://127.0.0.1:${port}`, port, config, errorLog: () => read('error.log'), accessLog: () => read('access.log'), stop };
}

async function waitForListening(input: { port: number; child: ChildProcess; hasExited: () => boolean }): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (input.hasExited()) throw new Error(`it exited (${input.child.exitCode ?? input.child.signalCode})`);
    const isOpen = await new Promise<boolean>((resolve) => {
      const socket = connect({ port: input.port, host: '127.0.0.1' });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (isOpen) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('it did not listen within 10 s');
}
