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
      isBehindProxy: false,
      workers: 1,
      smtpUrl: undefined,
      mailFrom: 'Newsroom <newsroom@localhost>',
      maxUploadBytes: 20 * 1024 * 1024,
      requestTimeoutMs: 60_000,
      publicRateLimit: 120,
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
      isBehindProxy: true,
      workers: 3,
      smtpUrl: 'smtps://news:secret@smtp.example.com:465',
      mailFrom: 'The Desk <desk@news.example.com>',
      maxUploadBytes: 50 * 1024 * 1024,
      requestTimeoutMs: 90_000,
      publicRateLimit: 600,
    });
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
    ['TRUST_PROXY', '2'],
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
