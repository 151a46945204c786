import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { observatoryFindings } from '../helpers/observatory.js';

/** A header set the Observatory scores A+, to which each test does one harm. */
const GOOD: Record<string, string> = {
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'sha256-abc='; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
};

function findings(changes: Record<string, string | null>, options: { isHttps?: boolean; cookies?: string[] } = {}): string[] {
  const headers = new Headers();
  for (const [name, value] of Object.entries({ ...GOOD, ...changes })) if (value !== null) headers.set(name, value);
  for (const cookie of options.cookies ?? []) headers.append('set-cookie', cookie);
  return observatoryFindings(headers, { isHttps: options.isHttps ?? true });
}

function assertFinds(found: string[], rule: string) {
  assert.ok(found.some((f) => f.startsWith(rule)), `expected ${rule} among ${JSON.stringify(found)}`);
}

describe('the Observatory header checker', () => {
  test('passes a header set the Observatory grades A+', () => {
    assert.deepEqual(findings({}, { cookies: ['pass=abc; Path=/; HttpOnly; Secure; SameSite=Lax'] }), []);
  });

  test('fails a policy whose scripts may be inline or evaluated', () => {
    assertFinds(findings({ 'content-security-policy': "default-src 'self'; script-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'" }), 'csp-implemented-with-unsafe-inline');
    assertFinds(findings({ 'content-security-policy': "default-src 'self' 'unsafe-eval'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'" }), 'csp-implemented-with-unsafe-eval');
  });

  test('fails a policy that lets scripts come from any HTTPS host', () => {
    assertFinds(findings({ 'content-security-policy': "default-src 'self'; script-src https:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'" }), 'csp-implemented-with-insecure-scheme');
  });

  test('fails a policy without default-src or script-src, object-src, frame-ancestors, base-uri or form-action', () => {
    const found = findings({ 'content-security-policy': "img-src 'self'" });
    for (const rule of ['csp-implemented-with-unsafe', 'csp: object-src', 'csp: frame-ancestors', 'csp: base-uri', 'csp: form-action']) assertFinds(found, rule);
  });

  test('fails a response with no policy at all', () => {
    assertFinds(findings({ 'content-security-policy': null }), 'csp-not-implemented');
  });

  test('accepts default-src none in place of object-src none', () => {
    assert.deepEqual(findings({ 'content-security-policy': "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'" }), []);
  });

  test('fails a missing nosniff, and framing allowed by neither header', () => {
    assertFinds(findings({ 'x-content-type-options': null }), 'x-content-type-options-not-implemented');
    const framable = findings({ 'x-frame-options': null, 'content-security-policy': "default-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'" });
    assertFinds(framable, 'x-frame-options-not-implemented');
  });

  test('fails a referrer policy that leaks the address, or none', () => {
    assertFinds(findings({ 'referrer-policy': 'unsafe-url' }), 'referrer-policy-unsafe');
    assertFinds(findings({ 'referrer-policy': 'no-referrer-when-downgrade' }), 'referrer-policy-unsafe');
    assertFinds(findings({ 'referrer-policy': null }), 'referrer-policy-unsafe');
  });

  test('over HTTPS, fails a missing or short HSTS and cookies without Secure, HttpOnly or SameSite', () => {
    assertFinds(findings({ 'strict-transport-security': null }), 'hsts-not-implemented');
    assertFinds(findings({ 'strict-transport-security': 'max-age=86400' }), 'hsts-implemented-max-age-less-than-six-months');
    const found = findings({}, { cookies: ['session=abc; Path=/'] });
    for (const rule of ['cookies-without-secure-flag', 'cookies-session-without-httponly-flag', 'cookies-samesite-flag-invalid']) assertFinds(found, rule);
  });

  test('over plain HTTP, asks for neither HSTS nor Secure cookies', () => {
    assert.deepEqual(findings({ 'strict-transport-security': null }, { isHttps: false, cookies: ['pass=abc; Path=/'] }), []);
  });
});
