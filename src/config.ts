import { isIP } from 'node:net';
import { availableParallelism, hostname } from 'node:os';
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
  /** Whose X-Forwarded-For/-Proto to believe: nobody's, the nearest `hops` proxies', or proxies at these addresses and CIDR ranges. */
  trustProxy: TrustProxy;
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
  /** Where media files are kept: the local folder DATA_DIR/media, or an S3-compatible bucket. */
  mediaStorage: MediaStorageConfig;
  /** The address readers fetch media files from (a CDN, the bucket's own), no trailing slash; unset serves them from this server's /media/. */
  mediaPublicUrl: string | undefined;
  /** Connections each process keeps to PostgreSQL at most. */
  databasePoolMax: number;
  /** When set, every response names the instance that answered in an `X-Masthead-Instance` header. */
  instanceName: string | undefined;
  /** On SIGTERM, how long /readyz answers 503 (telling the load balancer) before the server stops taking requests. */
  drainMs: number;
  /** How long a job's claim lasts without being renewed: a killed instance's job is taken over by another this long after its last renewal. */
  jobLeaseMs: number;
  /** The response cache's bound in bytes (src/response-cache/); 0 turns it off. */
  responseCacheBytes: number;
  /** What a CDN or shared cache in front is told it may keep a page (s-maxage), in seconds. */
  cdnMaxAgeS: number;
  /** The CDN or shared cache told of each change (src/cdn-purge/), if any. */
  cdn: CdnConfig;
}

export type CdnConfig =
  | { driver: 'none' }
  /** Varnish with the xkey module: each address is sent a PURGE naming the changed keys. */
  | { driver: 'varnish'; urls: string[] }
  | { driver: 'fastly'; serviceId: string; token: string; apiUrl: string }
  | { driver: 'cloudflare'; zoneId: string; token: string; apiUrl: string };

export type TrustProxy = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'addresses'; addresses: string[] };

export type MediaStorageConfig =
  | { driver: 'local' }
  | {
      driver: 's3';
      bucket: string;
      region: string;
      /** For services other than AWS (R2, B2, MinIO…): their endpoint URL. */
      endpoint: string | undefined;
      /** Address the bucket as endpoint/bucket/key rather than bucket.endpoint/key (MinIO and most test servers need it). */
      isPathStyle: boolean;
    };

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
  'MEDIA_STORAGE',
  'S3_BUCKET',
  'S3_REGION',
  'S3_ENDPOINT',
  'S3_FORCE_PATH_STYLE',
  'MEDIA_PUBLIC_URL',
  'DATABASE_POOL_MAX',
  'INSTANCE_NAME',
  'SHUTDOWN_DRAIN_S',
  'JOB_LEASE_S',
  'CACHE_MAX_MB',
  'CDN_MAX_AGE_S',
  'CDN_PURGE',
  'VARNISH_PURGE_URLS',
  'FASTLY_SERVICE_ID',
  'FASTLY_API_TOKEN',
  'FASTLY_API_URL',
  'CLOUDFLARE_ZONE_ID',
  'CLOUDFLARE_API_TOKEN',
  'CLOUDFLARE_API_URL',
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
  const trustProxy = parseTrustProxy(read('TRUST_PROXY'), issues);

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

  const mediaStorageText = read('MEDIA_STORAGE') ?? 'local';
  let mediaStorage: MediaStorageConfig = { driver: 'local' };
  if (mediaStorageText === 's3') {
    const bucket = read('S3_BUCKET');
    if (!bucket) issues.push({ path: 'S3_BUCKET', message: 'is required with MEDIA_STORAGE=s3' });
    else if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) issues.push({ path: 'S3_BUCKET', message: `must be a bucket name: 3 to 63 lower-case letters, digits, dots and hyphens (got "${bucket}")` });
    const endpoint = read('S3_ENDPOINT');
    if (endpoint && !isHttpUrl(endpoint)) issues.push({ path: 'S3_ENDPOINT', message: `must be an http(s) URL such as https://<account>.r2.cloudflarestorage.com (got "${endpoint}")` });
    const region = read('S3_REGION') ?? 'us-east-1';
    if (!/^[a-z0-9-]{2,40}$/.test(region)) issues.push({ path: 'S3_REGION', message: `must be a region name such as eu-west-1 or auto (got "${region}")` });
    mediaStorage = { driver: 's3', bucket: bucket ?? '', region, endpoint: endpoint?.replace(/\/+$/, ''), isPathStyle: flag('S3_FORCE_PATH_STYLE', read('S3_FORCE_PATH_STYLE'), false, issues) };
  } else if (mediaStorageText !== 'local') {
    issues.push({ path: 'MEDIA_STORAGE', message: `must be local or s3 (got "${mediaStorageText}")` });
  }
  const mediaPublicUrlText = read('MEDIA_PUBLIC_URL');
  if (mediaPublicUrlText && (!isHttpUrl(mediaPublicUrlText) || /[?#]/.test(mediaPublicUrlText))) {
    issues.push({ path: 'MEDIA_PUBLIC_URL', message: `must be an absolute http(s) URL without query or fragment, like https://cdn.example.com/media (got "${mediaPublicUrlText}")` });
  }

  const poolText = read('DATABASE_POOL_MAX') ?? '10';
  const databasePoolMax = Number(poolText);
  if (!/^\d+$/.test(poolText) || databasePoolMax < 1 || databasePoolMax > 1000) issues.push({ path: 'DATABASE_POOL_MAX', message: `must be a whole number of connections from 1 to 1000 (got "${poolText}")` });

  const instanceText = read('INSTANCE_NAME');
  const instanceName = instanceText === 'auto' ? `${hostname()}-${process.pid}` : instanceText;
  if (instanceName !== undefined && !/^[\w.:-]{1,100}$/.test(instanceName)) issues.push({ path: 'INSTANCE_NAME', message: `must be up to 100 letters, digits, dots, colons, hyphens and underscores, or auto (got "${instanceName}")` });

  const drainText = read('SHUTDOWN_DRAIN_S') ?? '0';
  const drainS = Number(drainText);
  if (!/^\d+$/.test(drainText) || drainS > 300) issues.push({ path: 'SHUTDOWN_DRAIN_S', message: `must be a whole number of seconds from 0 to 300 (got "${drainText}")` });

  const leaseText = read('JOB_LEASE_S') ?? '30';
  const leaseS = Number(leaseText);
  if (!/^\d+$/.test(leaseText) || leaseS < 3 || leaseS > 3600) issues.push({ path: 'JOB_LEASE_S', message: `must be a whole number of seconds from 3 to 3600 (got "${leaseText}")` });

  const cacheText = read('CACHE_MAX_MB') ?? '64';
  const cacheMb = Number(cacheText);
  if (!/^\d+$/.test(cacheText) || cacheMb > 65_536) issues.push({ path: 'CACHE_MAX_MB', message: `must be a whole number of megabytes from 0 (off) to 65536 (got "${cacheText}")` });

  const cdn = parseCdn(read, issues);
  const cdnAgeText = read('CDN_MAX_AGE_S') ?? (cdn.driver === 'none' ? '60' : '86400');
  const cdnMaxAgeS = Number(cdnAgeText);
  if (!/^\d+$/.test(cdnAgeText) || cdnMaxAgeS > 31_536_000) issues.push({ path: 'CDN_MAX_AGE_S', message: `must be a whole number of seconds from 0 to 31536000 (got "${cdnAgeText}")` });

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
    trustProxy,
    workers,
    smtpUrl,
    mailFrom,
    maxUploadBytes: maxUploadMb * 1024 * 1024,
    requestTimeoutMs: requestTimeoutS * 1000,
    publicRateLimit,
    mediaStorage,
    mediaPublicUrl: mediaPublicUrlText?.replace(/\/+$/, ''),
    databasePoolMax,
    instanceName,
    drainMs: drainS * 1000,
    jobLeaseMs: leaseS * 1000,
    responseCacheBytes: cacheMb * 1024 * 1024,
    cdnMaxAgeS,
    cdn,
  });
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** CDN_PURGE and the variables of the service it names; a variable of another service is a mistake worth saying. */
function parseCdn(read: (name: (typeof ENV_VARIABLES)[number]) => string | undefined, issues: FieldIssue[]): CdnConfig {
  const driver = read('CDN_PURGE') ?? 'none';
  const need = (name: (typeof ENV_VARIABLES)[number], pattern: RegExp, example: string): string => {
    const value = read(name);
    if (value === undefined) issues.push({ path: name, message: `is required with CDN_PURGE=${driver}` });
    else if (!pattern.test(value)) issues.push({ path: name, message: `must look like ${example}` });
    return value ?? '';
  };
  const apiUrl = (name: 'FASTLY_API_URL' | 'CLOUDFLARE_API_URL', fallback: string): string => {
    const value = read(name) ?? fallback;
    if (!isHttpUrl(value)) issues.push({ path: name, message: `must be an http(s) URL (got "${value}")` });
    return value.replace(/\/+$/, '');
  };
  switch (driver) {
    case 'none':
      return { driver: 'none' };
    case 'varnish': {
      const urls = need('VARNISH_PURGE_URLS', /./, 'http://10.0.0.5:6081/ (one or more, comma-separated)').split(',').map((url) => url.trim()).filter(Boolean);
      const bad = urls.filter((url) => !isHttpUrl(url));
      if (bad.length > 0) issues.push({ path: 'VARNISH_PURGE_URLS', message: `must be http(s) URLs of the Varnish servers, comma-separated (not "${bad.join('", "')}")` });
      return { driver, urls };
    }
    case 'fastly':
      return {
        driver,
        serviceId: need('FASTLY_SERVICE_ID', /^[A-Za-z0-9]{1,64}$/, 'the service ID from the Fastly console (letters and digits)'),
        token: need('FASTLY_API_TOKEN', /^\S{8,}$/, 'an API token with purge scope'),
        apiUrl: apiUrl('FASTLY_API_URL', 'https://api.fastly.com'),
      };
    case 'cloudflare':
      return {
        driver,
        zoneId: need('CLOUDFLARE_ZONE_ID', /^[A-Za-z0-9]{1,64}$/, 'the zone ID from the Cloudflare dashboard (letters and digits)'),
        token: need('CLOUDFLARE_API_TOKEN', /^\S{8,}$/, 'an API token with the Cache Purge permission'),
        apiUrl: apiUrl('CLOUDFLARE_API_URL', 'https://api.cloudflare.com/client/v4'),
      };
    default:
      issues.push({ path: 'CDN_PURGE', message: `must be varnish, fastly or cloudflare, or unset for none (got "${driver}")` });
      return { driver: 'none' };
  }
}

/**
 * TRUST_PROXY: 0 (or unset) believes no X-Forwarded-* header; a number is
 * how many proxies in front are trusted (1: the load balancer); otherwise a
 * comma-separated list of the proxies' addresses and CIDR ranges. Either way
 * the client is the nearest address not trusted, so entries a client writes
 * into X-Forwarded-For itself never become its address.
 */
function parseTrustProxy(text: string | undefined, issues: FieldIssue[]): TrustProxy {
  if (text === undefined || ['0', 'false', 'no', 'off'].includes(text.toLowerCase())) return { kind: 'none' };
  if (['true', 'yes', 'on'].includes(text.toLowerCase())) return { kind: 'hops', hops: 1 };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 20) issues.push({ path: 'TRUST_PROXY', message: `must be at most 20 hops (got "${text}")` });
    return { kind: 'hops', hops };
  }
  const addresses = text.split(',').map((part) => part.trim()).filter(Boolean);
  const bad = addresses.filter((address) => !isAddressOrRange(address));
  if (bad.length > 0 || addresses.length === 0) {
    issues.push({ path: 'TRUST_PROXY', message: `must be 0, a number of proxies, or a comma-separated list of IP addresses and CIDR ranges such as 10.0.0.0/8 (not "${bad.join('", "') || text}")` });
  }
  return { kind: 'addresses', addresses };
}

function isAddressOrRange(text: string): boolean {
  const [address = '', bits, ...rest] = text.split('/');
  if (rest.length > 0) return false;
  const version = isIP(address);
  if (version === 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128);
}
