import { availableParallelism } from 'node:os';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { parseConfig } from '../src/config.js';
import { AppError } from '../src/lib/errors.js';

const CWD = resolve('/srv/masthead');

/** The AppError that parseConfig throws for `env`; fails the test when it does not throw one. */
function configError(env: Record<string, string | undefined>): AppError {
  try {
    parseConfig(env, CWD);
  } catch (error) {
    assert.ok(error instanceof AppError, `expected an AppError, got ${String(error)}`);
    return error;
  }
  assert.fail(`parseConfig accepted ${JSON.stringify(env)}`);
}

function issuePaths(env: Record<string, string | undefined>): string[] {
  return configError(env).issues.map((issue) => issue.path);
}

describe('parseConfig', () => {
  test('gives the documented defaults for an empty environment', () => {
    assert.deepEqual(parseConfig({}, CWD), {
      port: 3000,
      host: '127.0.0.1',
      dataDir: resolve(CWD, 'data'),
      databaseUrl: undefined,
      nodeEnv: 'development',
      siteUrl: 'http://localhost:3000',
      isDemoEnabled: true,
      logLevel: 'info',
      trustProxy: { kind: 'none' },
      workers: 1,
      smtpUrl: undefined,
      mailFrom: 'Newsroom <newsroom@localhost>',
      maxUploadBytes: 20 * 1024 * 1024,
      requestTimeoutMs: 60_000,
      publicRateLimit: 120,
      mediaStorage: { driver: 'local' },
      mediaPublicUrl: undefined,
      databasePoolMax: 10,
      instanceName: undefined,
      drainMs: 0,
      jobLeaseMs: 30_000,
      responseCacheBytes: 64 * 1024 * 1024,
      cdnMaxAgeS: 60,
      cdn: { driver: 'none' },
    });
  });

  test('reads every variable it knows', () => {
    const config = parseConfig(
      {
        PORT: '8080',
        HOST: '0.0.0.0',
        DATA_DIR: '/var/lib/masthead',
        DATABASE_URL: 'postgres://news@db/news',
        NODE_ENV: 'production',
        SITE_URL: 'https://news.example.com',
        MASTHEAD_DEMO: '0',
        LOG_LEVEL: 'warn',
        TRUST_PROXY: 'yes',
        WORKERS: '3',
        SMTP_URL: 'smtps://news:secret@smtp.example.com:465',
        MAIL_FROM: 'The Desk <desk@news.example.com>',
        MAX_UPLOAD_MB: '50',
        REQUEST_TIMEOUT_S: '90',
        PUBLIC_RATE_LIMIT: '600',
        MEDIA_STORAGE: 's3',
        S3_BUCKET: 'news-media',
        S3_REGION: 'auto',
        S3_ENDPOINT: 'https://acct.r2.cloudflarestorage.com/',
        S3_FORCE_PATH_STYLE: '1',
        MEDIA_PUBLIC_URL: 'https://cdn.example.com/media/',
        DATABASE_POOL_MAX: '25',
        INSTANCE_NAME: 'web-2',
        SHUTDOWN_DRAIN_S: '10',
        JOB_LEASE_S: '12',
        CACHE_MAX_MB: '128',
        CDN_MAX_AGE_S: '3600',
        CDN_PURGE: 'fastly',
        FASTLY_SERVICE_ID: 'SU1Z0isxPaozGVKXdv0eY',
        FASTLY_API_TOKEN: 'fastly-purge-token',
        FASTLY_API_URL: 'https://fastly-api.example.com/',
      },
      CWD,
    );
    assert.deepEqual(config, {
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/var/lib/masthead',
      databaseUrl: 'postgres://news@db/news',
      nodeEnv: 'production',
      siteUrl: 'https://news.example.com',
      isDemoEnabled: false,
      logLevel: 'warn',
      trustProxy: { kind: 'hops', hops: 1 },
      workers: 3,
      smtpUrl: 'smtps://news:secret@smtp.example.com:465',
      mailFrom: 'The Desk <desk@news.example.com>',
      maxUploadBytes: 50 * 1024 * 1024,
      requestTimeoutMs: 90_000,
      publicRateLimit: 600,
      mediaStorage: { driver: 's3', bucket: 'news-media', region: 'auto', endpoint: 'https://acct.r2.cloudflarestorage.com', isPathStyle: true },
      mediaPublicUrl: 'https://cdn.example.com/media',
      databasePoolMax: 25,
      instanceName: 'web-2',
      drainMs: 10_000,
      jobLeaseMs: 12_000,
      responseCacheBytes: 128 * 1024 * 1024,
      cdnMaxAgeS: 3600,
      cdn: { driver: 'fastly', serviceId: 'SU1Z0isxPaozGVKXdv0eY', token: 'fastly-purge-token', apiUrl: 'https://fastly-api.example.com' },
    });
  });

  test('reads TRUST_PROXY as off, a number of hops, or proxy addresses and ranges', () => {
    assert.deepEqual(parseConfig({ TRUST_PROXY: '0' }, CWD).trustProxy, { kind: 'none' });
    assert.deepEqual(parseConfig({ TRUST_PROXY: '1' }, CWD).trustProxy, { kind: 'hops', hops: 1 });
    assert.deepEqual(parseConfig({ TRUST_PROXY: '2' }, CWD).trustProxy, { kind: 'hops', hops: 2 });
    assert.deepEqual(parseConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,fd00::/8' }, CWD).trustProxy, { kind: 'addresses', addresses: ['127.0.0.1', '10.0.0.0/8', 'fd00::/8'] });
    assert.deepEqual(issuePaths({ TRUST_PROXY: '10.0.0.0/33' }), ['TRUST_PROXY']);
    assert.deepEqual(issuePaths({ TRUST_PROXY: 'proxy.example.com' }), ['TRUST_PROXY']);
  });

  test('refuses S3 storage without a bucket, and bad storage, pool, instance and drain values', () => {
    assert.deepEqual(issuePaths({ MEDIA_STORAGE: 's3' }), ['S3_BUCKET']);
    assert.deepEqual(issuePaths({ MEDIA_STORAGE: 'ftp' }), ['MEDIA_STORAGE']);
    assert.deepEqual(issuePaths({ MEDIA_STORAGE: 's3', S3_BUCKET: 'Bad_Bucket', S3_ENDPOINT: 'localhost:9000' }), ['S3_BUCKET', 'S3_ENDPOINT']);
    assert.deepEqual(issuePaths({ MEDIA_PUBLIC_URL: '/media', DATABASE_POOL_MAX: '0', INSTANCE_NAME: 'a b', SHUTDOWN_DRAIN_S: '-1' }), ['MEDIA_PUBLIC_URL', 'DATABASE_POOL_MAX', 'INSTANCE_NAME', 'SHUTDOWN_DRAIN_S']);
    assert.deepEqual(issuePaths({ JOB_LEASE_S: '1' }), ['JOB_LEASE_S']);
    assert.deepEqual(issuePaths({ JOB_LEASE_S: '30s' }), ['JOB_LEASE_S']);
  });

  test('reads CDN_PURGE=varnish with one or more comma-separated VARNISH_PURGE_URLS', () => {
    assert.deepEqual(parseConfig({ CDN_PURGE: 'varnish', VARNISH_PURGE_URLS: 'http://10.0.0.5:6081/, http://10.0.0.6:6081/' }, CWD).cdn, {
      driver: 'varnish',
      urls: ['http://10.0.0.5:6081/', 'http://10.0.0.6:6081/'],
    });
  });

  test('reads CDN_PURGE=fastly and cloudflare with their credentials, and the public API address by default', () => {
    assert.deepEqual(parseConfig({ CDN_PURGE: 'fastly', FASTLY_SERVICE_ID: 'SU1Z0isxPaozGVKXdv0eY', FASTLY_API_TOKEN: 'fastly-purge-token' }, CWD).cdn, {
      driver: 'fastly',
      serviceId: 'SU1Z0isxPaozGVKXdv0eY',
      token: 'fastly-purge-token',
      apiUrl: 'https://api.fastly.com',
    });
    assert.deepEqual(parseConfig({ CDN_PURGE: 'cloudflare', CLOUDFLARE_ZONE_ID: '023e105f4ecef8ad9ca31a8372d0c353', CLOUDFLARE_API_TOKEN: 'cloudflare-purge-token' }, CWD).cdn, {
      driver: 'cloudflare',
      zoneId: '023e105f4ecef8ad9ca31a8372d0c353',
      token: 'cloudflare-purge-token',
      apiUrl: 'https://api.cloudflare.com/client/v4',
    });
  });

  test('lets a CDN keep pages a day by default, and only a minute without one', () => {
    assert.equal(parseConfig({ CDN_PURGE: 'varnish', VARNISH_PURGE_URLS: 'http://10.0.0.5:6081/' }, CWD).cdnMaxAgeS, 86_400);
    assert.equal(parseConfig({}, CWD).cdnMaxAgeS, 60);
  });

  test('refuses an unknown CDN_PURGE, listing the services it knows', () => {
    const error = configError({ CDN_PURGE: 'akamai' });
    assert.deepEqual(error.issues, [{ path: 'CDN_PURGE', message: 'must be varnish, fastly or cloudflare, or unset for none (got "akamai")' }]);
    assert.match(error.message, /CDN_PURGE must be varnish, fastly or cloudflare/);
  });

  test('asks for each variable the chosen CDN needs, naming the CDN', () => {
    assert.deepEqual(configError({ CDN_PURGE: 'varnish' }).issues, [{ path: 'VARNISH_PURGE_URLS', message: 'is required with CDN_PURGE=varnish' }]);
    assert.deepEqual(configError({ CDN_PURGE: 'fastly' }).issues, [
      { path: 'FASTLY_SERVICE_ID', message: 'is required with CDN_PURGE=fastly' },
      { path: 'FASTLY_API_TOKEN', message: 'is required with CDN_PURGE=fastly' },
    ]);
    assert.deepEqual(configError({ CDN_PURGE: 'cloudflare', CLOUDFLARE_ZONE_ID: '023e105f4ecef8ad9ca31a8372d0c353' }).issues, [
      { path: 'CLOUDFLARE_API_TOKEN', message: 'is required with CDN_PURGE=cloudflare' },
    ]);
  });

  test('refuses Varnish addresses that are not http(s) URLs, quoting each', () => {
    const error = configError({ CDN_PURGE: 'varnish', VARNISH_PURGE_URLS: 'http://10.0.0.5:6081/,10.0.0.6:6081,varnish' });
    assert.deepEqual(error.issues, [
      { path: 'VARNISH_PURGE_URLS', message: 'must be http(s) URLs of the Varnish servers, comma-separated (not "10.0.0.6:6081", "varnish")' },
    ]);
  });

  test('refuses malformed CDN credentials and API addresses, naming each and saying what they look like', () => {
    const fastly = configError({ CDN_PURGE: 'fastly', FASTLY_SERVICE_ID: 'my service', FASTLY_API_TOKEN: 'short', FASTLY_API_URL: 'api.fastly.com' });
    assert.deepEqual(fastly.issues, [
      { path: 'FASTLY_SERVICE_ID', message: 'must look like the service ID from the Fastly console (letters and digits)' },
      { path: 'FASTLY_API_TOKEN', message: 'must look like an API token with purge scope' },
      { path: 'FASTLY_API_URL', message: 'must be an http(s) URL (got "api.fastly.com")' },
    ]);
    const cloudflare = configError({ CDN_PURGE: 'cloudflare', CLOUDFLARE_ZONE_ID: 'zone/1', CLOUDFLARE_API_TOKEN: 'has a space', CLOUDFLARE_API_URL: 'ftp://api.example.com' });
    assert.deepEqual(cloudflare.issues.map((issue) => issue.path), ['CLOUDFLARE_ZONE_ID', 'CLOUDFLARE_API_TOKEN', 'CLOUDFLARE_API_URL']);
    assert.match(cloudflare.message, /CLOUDFLARE_API_TOKEN must look like an API token with the Cache Purge permission/);
  });

  test('never puts a CDN token into the error', () => {
    const error = configError({ CDN_PURGE: 'fastly', FASTLY_SERVICE_ID: 'bad id', FASTLY_API_TOKEN: 'secret token with spaces' });
    assert.doesNotMatch(error.message, /secret/);
    assert.doesNotMatch(JSON.stringify(error.issues), /secret/);
  });

  test('refuses a bad SMTP_URL, MAIL_FROM or MAX_UPLOAD_MB, naming each', () => {
    assert.deepEqual(issuePaths({ SMTP_URL: 'mail.example.com', MAIL_FROM: 'nobody', MAX_UPLOAD_MB: '0' }), ['SMTP_URL', 'MAIL_FROM', 'MAX_UPLOAD_MB']);
    assert.equal(parseConfig({ SITE_URL: 'https://news.example.com' }, CWD).mailFrom, 'Newsroom <newsroom@news.example.com>');
  });

  test('uses the port in the default site URL', () => {
    assert.equal(parseConfig({ PORT: '8080' }, CWD).siteUrl, 'http://localhost:8080');
  });

  test('resolves a relative DATA_DIR against the working directory', () => {
    assert.equal(parseConfig({ DATA_DIR: 'content/store' }, CWD).dataDir, resolve(CWD, 'content/store'));
  });

  test('treats empty and blank values as unset', () => {
    const config = parseConfig({ PORT: '', HOST: '   ', MASTHEAD_DEMO: '' }, CWD);
    assert.equal(config.port, 3000);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.isDemoEnabled, true);
  });

  test('logs at warn level by default under test', () => {
    assert.equal(parseConfig({ NODE_ENV: 'test' }, CWD).logLevel, 'warn');
  });

  test('accepts sqlite: DATABASE_URLs', () => {
    assert.equal(parseConfig({ DATABASE_URL: 'sqlite:/tmp/x.sqlite' }, CWD).databaseUrl, 'sqlite:/tmp/x.sqlite');
  });

  test('removes a trailing slash from SITE_URL', () => {
    assert.equal(parseConfig({ SITE_URL: 'https://news.example.com/' }, CWD).siteUrl, 'https://news.example.com');
    assert.equal(parseConfig({ SITE_URL: 'https://example.com/news/' }, CWD).siteUrl, 'https://example.com/news');
  });

  test('returns a frozen object', () => {
    const config = parseConfig({}, CWD);
    assert.equal(Object.isFrozen(config), true);
    assert.throws(() => {
      (config as { port: number }).port = 1;
    }, TypeError);
    assert.equal(config.port, 3000);
  });

  const badValues: Array<[string, string]> = [
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '0'],
    ['PORT', '80.5'],
    ['HOST', 'my host'],
    ['NODE_ENV', 'staging'],
    ['DATABASE_URL', 'mysql://x'],
    ['SITE_URL', 'ftp://x'],
    ['SITE_URL', 'news.example.com'],
    ['SITE_URL', 'https://example.com/?edition=us'],
    ['SITE_URL', 'https://example.com/#top'],
    ['MASTHEAD_DEMO', 'maybe'],
    ['TRUST_PROXY', 'maybe'],
    ['LOG_LEVEL', 'loud'],
  ];
  for (const [name, value] of badValues) {
    test(`refuses ${name}=${value}, naming ${name}`, () => {
      const error = configError({ [name]: value });
      assert.equal(error.code, 'CONFIG_INVALID');
      assert.ok(
        error.issues.some((issue) => issue.path === name),
        `issues: ${JSON.stringify(error.issues)}`,
      );
      assert.match(error.message, new RegExp(`\\b${name}\\b`));
    });
  }

  test('quotes the bad value in the message so the operator sees what was read', () => {
    const error = configError({ LOG_LEVEL: 'loud' });
    assert.equal(error.issues.length, 1);
    assert.match(error.issues[0]!.message, /"loud"/);
    assert.match(error.issues[0]!.message, /debug/);
  });

  test('reports every bad value at once', () => {
    assert.deepEqual(issuePaths({ PORT: 'abc', NODE_ENV: 'staging', SITE_URL: 'ftp://x', MASTHEAD_DEMO: 'maybe', LOG_LEVEL: 'loud' }).sort(), [
      'LOG_LEVEL',
      'MASTHEAD_DEMO',
      'NODE_ENV',
      'PORT',
      'SITE_URL',
    ]);
  });

  test('refuses an unknown MASTHEAD_ variable, naming it', () => {
    const error = configError({ MASTHEAD_FOO: '1' });
    assert.equal(error.code, 'CONFIG_INVALID');
    assert.deepEqual(error.issues.map((issue) => issue.path), ['MASTHEAD_FOO']);
  });

  test('ignores variables that are not Masthead settings', () => {
    assert.equal(parseConfig({ PATH: '/usr/bin', HOME: '/root', FOO: 'bar' }, CWD).port, 3000);
  });

  test('blames only PORT for a bad PORT when SITE_URL is unset', () => {
    assert.deepEqual(issuePaths({ PORT: 'abc' }), ['PORT']);
    assert.deepEqual(issuePaths({ PORT: '70000' }), ['PORT']);
  });

  test('takes WORKERS as a count or "auto" (one per CPU), and refuses anything else naming it', () => {
    assert.equal(parseConfig({ WORKERS: 'auto' }, CWD).workers, availableParallelism());
    assert.deepEqual(issuePaths({ WORKERS: '0' }), ['WORKERS']);
    assert.deepEqual(issuePaths({ WORKERS: 'many' }), ['WORKERS']);
  });

  test('refuses a SITE_URL with an empty query or fragment', () => {
    assert.deepEqual(issuePaths({ SITE_URL: 'https://example.com/?' }), ['SITE_URL']);
    assert.deepEqual(issuePaths({ SITE_URL: 'https://example.com/#' }), ['SITE_URL']);
  });
});
