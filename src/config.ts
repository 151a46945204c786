import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { AppError, type FieldIssue } from './lib/errors.js';

/**
 * Configuration, read from the environment once at start, checked, and frozen.
 * Nothing else reads process.env. Every variable is listed in the README.
 */
export interface Config {
  /** TCP port the HTTP server listens on. */
  port: number;
  /** Interface to bind; 0.0.0.0 to accept connections from other machines. */
  host: string;
  /** Folder for the SQLite database and uploaded media. */
  dataDir: string;
  /** postgres://… for PostgreSQL; unset (or sqlite:FILE) for SQLite in dataDir. */
  databaseUrl: string | undefined;
  nodeEnv: 'development' | 'production' | 'test';
  /** The public address of the site, used in canonical links, feeds and sitemaps. No trailing slash. */
  siteUrl: string;
  /** Seed the reference article into an empty store on start. */
  isDemoEnabled: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Believe X-Forwarded-For/-Proto from a proxy in front (load balancer, CDN). */
  isBehindProxy: boolean;
  /** HTTP worker processes sharing the port; "auto" in the environment means one per CPU. */
  workers: number;
  /** smtp(s)://user:pass@host:port for invitations and password resets; unset writes those emails to the log. */
  smtpUrl: string | undefined;
  /** The From: of those emails. */
  mailFrom: string;
  /** The largest picture the newsroom accepts, in bytes. */
  maxUploadBytes: number;
  /** How long a client may take to send a whole request (headers and body) before its socket is closed. */
  requestTimeoutMs: number;
  /** Requests per minute one address may make to feeds, search and /wp-json/; 0 turns the limit off. */
  publicRateLimit: number;
}

export const ENV_VARIABLES = [
  'PORT',
  'HOST',
  'DATA_DIR',
  'DATABASE_URL',
  'NODE_ENV',
  'SITE_URL',
  'MASTHEAD_DEMO',
  'LOG_LEVEL',
  'TRUST_PROXY',
  'WORKERS',
  'SMTP_URL',
  'MAIL_FROM',
  'MAX_UPLOAD_MB',
  'REQUEST_TIMEOUT_S',
  'PUBLIC_RATE_LIMIT',
] as const;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const NODE_ENVS = ['development', 'production', 'test'] as const;

function oneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

function flag(name: string, value: string | undefined, fallback: boolean, issues: FieldIssue[]): boolean {
  if (value === undefined || value === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(value.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(value.toLowerCase())) return false;
  issues.push({ path: name, message: `must be 1 or 0 (got "${value}")` });
  return fallback;
}

export function parseConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Readonly<Config> {
  const issues: FieldIssue[] = [];
  const read = (name: (typeof ENV_VARIABLES)[number]) => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };

  // A misspelt MASTHEAD_ variable would otherwise be ignored without a word.
  for (const name of Object.keys(env)) {
    if (name.startsWith('MASTHEAD_') && !(ENV_VARIABLES as readonly string[]).includes(name)) {
      issues.push({ path: name, message: `is not a Masthead setting (known: ${ENV_VARIABLES.join(', ')})` });
    }
  }

  const portText = read('PORT') ?? '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) issues.push({ path: 'PORT', message: `must be a port number from 1 to 65535 (got "${portText}")` });

  const host = read('HOST') ?? '127.0.0.1';
  if (!/^[\w.:-]+$/.test(host)) issues.push({ path: 'HOST', message: `must be a host name or IP address (got "${host}")` });

  const nodeEnv = read('NODE_ENV') ?? 'development';
  if (!oneOf(NODE_ENVS, nodeEnv)) issues.push({ path: 'NODE_ENV', message: `must be one of ${NODE_ENVS.join(', ')} (got "${nodeEnv}")` });

  const databaseUrl = read('DATABASE_URL');
  if (databaseUrl && !/^(postgres(ql)?:\/\/.+|sqlite:.+)$/.test(databaseUrl)) {
    issues.push({ path: 'DATABASE_URL', message: 'must start with postgres:// (or sqlite: followed by a file path)' });
  }

  // A bad PORT is reported once, not again through the SITE_URL made from it.
  const siteUrlText = read('SITE_URL') ?? `http://localhost:${Number.isInteger(port) && port >= 1 && port <= 65535 ? port : 3000}`;
  let siteUrl = siteUrlText.replace(/\/+$/, '');
  try {
    const url = new URL(siteUrlText);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
    if (/[?#]/.test(siteUrlText) || url.username || url.password) throw new Error('query');
    siteUrl = url.href.replace(/\/+$/, '');
  } catch {
    issues.push({ path: 'SITE_URL', message: `must be an absolute http(s) URL without query, fragment or credentials, like https://example.com (got "${siteUrlText}")` });
  }

  const logLevel = read('LOG_LEVEL') ?? (nodeEnv === 'test' ? 'warn' : 'info');
  if (!oneOf(LOG_LEVELS, logLevel)) issues.push({ path: 'LOG_LEVEL', message: `must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")` });

  const isDemoEnabled = flag('MASTHEAD_DEMO', read('MASTHEAD_DEMO'), true, issues);
  const isBehindProxy = flag('TRUST_PROXY', read('TRUST_PROXY'), false, issues);

  const workersText = read('WORKERS') ?? '1';
  const workers = workersText === 'auto' ? availableParallelism() : Number(workersText);
  if (!(workersText === 'auto' || (/^\d+$/.test(workersText) && workers >= 1 && workers <= 64))) {
    issues.push({ path: 'WORKERS', message: `must be a whole number from 1 to 64, or auto (got "${workersText}")` });
  }

  const smtpUrl = read('SMTP_URL');
  if (smtpUrl && !/^smtps?:\/\/[^\s]+$/.test(smtpUrl)) issues.push({ path: 'SMTP_URL', message: 'must look like smtps://user:password@smtp.example.com:465 (or smtp://…)' });
  const mailFrom = read('MAIL_FROM') ?? `Newsroom <newsroom@${(() => { try { return new URL(siteUrl).hostname; } catch { return 'localhost'; } })()}>`;
  if (!/@/.test(mailFrom)) issues.push({ path: 'MAIL_FROM', message: `must be an email address, e.g. "Newsroom <newsroom@example.com>" (got "${mailFrom}")` });

  const uploadText = read('MAX_UPLOAD_MB') ?? '20';
  const maxUploadMb = Number(uploadText);
  if (!/^\d+$/.test(uploadText) || maxUploadMb < 1 || maxUploadMb > 500) issues.push({ path: 'MAX_UPLOAD_MB', message: `must be a whole number of megabytes from 1 to 500 (got "${uploadText}")` });

  const timeoutText = read('REQUEST_TIMEOUT_S') ?? '60';
  const requestTimeoutS = Number(timeoutText);
  if (!/^\d+$/.test(timeoutText) || requestTimeoutS < 1 || requestTimeoutS > 3600) issues.push({ path: 'REQUEST_TIMEOUT_S', message: `must be a whole number of seconds from 1 to 3600 (got "${timeoutText}")` });

  const rateText = read('PUBLIC_RATE_LIMIT') ?? '120';
  const publicRateLimit = Number(rateText);
  if (!/^\d+$/.test(rateText) || publicRateLimit > 100_000) issues.push({ path: 'PUBLIC_RATE_LIMIT', message: `must be a whole number of requests per minute from 0 (off) to 100000 (got "${rateText}")` });

  if (issues.length > 0) {
    const lines = issues.map((i) => `  ${i.path} ${i.message}`).join('\n');
    throw new AppError('CONFIG_INVALID', `Invalid configuration:\n${lines}`, { issues });
  }
  return Object.freeze({
    port,
    host,
    dataDir: resolve(cwd, read('DATA_DIR') ?? './data'),
    databaseUrl,
    nodeEnv: nodeEnv as Config['nodeEnv'],
    siteUrl,
    isDemoEnabled,
    logLevel: logLevel as Config['logLevel'],
    isBehindProxy,
    workers,
    smtpUrl,
    mailFrom,
    maxUploadBytes: maxUploadMb * 1024 * 1024,
    requestTimeoutMs: requestTimeoutS * 1000,
    publicRateLimit,
  });
}
