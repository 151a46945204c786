import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { AccountTokenKind } from '../../content/store-accounts.js';
import type { Store } from '../../content/store.js';

/** A secret for a link or a cookie: 256 random bits, URL-safe. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** What the store keeps of a secret: its SHA-256, so a leaked table opens nothing. */
export function secretId(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

// argon2id with the library's defaults (19 MiB, 2 passes): OWASP's minimum
// recommendation, about 30 ms here, cheap enough for a sign-in form.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Verified against when an email is unknown, so a wrong email takes as long as a wrong password. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  return (decoy ??= hash(newSecret()));
}

/** A one-time link's secret, stored as its hash with when it stops working; the secret itself goes in the email. */
export async function issueToken(
  store: Store,
  input: { userId: number; kind: AccountTokenKind; now: Date; validForMs: number },
): Promise<string> {
  const token = newSecret();
  await store.accounts.revokeTokens(input.userId, input.kind, input.now.toISOString());
  await store.accounts.createToken({
    id: secretId(token),
    userId: input.userId,
    kind: input.kind,
    createdAt: input.now.toISOString(),
    expiresAt: new Date(input.now.getTime() + input.validForMs).toISOString(),
  });
  return token;
}
