import type { Role, UserStatus } from './roles.js';

/** A newsroom account: the user's public fields plus what signing in needs. */
export interface Account {
  id: number;
  slug: string;
  name: string;
  email: string | null;
  role: Role;
  status: UserStatus;
  /** argon2id, PHC string; null until the person has set a password. */
  passwordHash: string | null;
  createdAt: string;
}

export interface SessionRecord {
  /** SHA-256 of the cookie's token: a stolen database holds no usable session. */
  id: string;
  userId: number;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  userAgent: string | null;
}

export type AccountTokenKind = 'invitation' | 'password-reset';

/** The store's reads and writes for accounts (operations/accounts/); implemented in store/queries/accounts.ts. */
export interface AccountStore {
  findByEmail(email: string): Promise<Account | undefined>;
  findById(id: number): Promise<Account | undefined>;
  /** Everyone with an account, by name. */
  list(): Promise<Account[]>;
  countActiveAdministrators(): Promise<number>;
  /** Accounts that can sign in (have a password): bylines and imported authors without one do not count. */
  countWithPassword(): Promise<number>;
  setPassword(id: number, passwordHash: string): Promise<void>;
  setStatus(id: number, status: UserStatus): Promise<void>;
  setRole(id: number, role: Role): Promise<void>;

  createSession(session: SessionRecord): Promise<void>;
  /** A session that has not expired, with its account. */
  findSession(id: string, now: string): Promise<{ session: SessionRecord; account: Account } | undefined>;
  deleteSession(id: string): Promise<void>;
  deleteSessionsOf(userId: number): Promise<number>;

  createToken(token: { id: string; userId: number; kind: AccountTokenKind; createdAt: string; expiresAt: string }): Promise<void>;
  /** Marks a valid, unused, unexpired token used and returns its user; undefined otherwise. Atomic: a token works once. */
  useToken(id: string, kind: AccountTokenKind, now: string): Promise<number | undefined>;
  /** Unused tokens of a kind stop working (a second invitation replaces the first). */
  revokeTokens(userId: number, kind: AccountTokenKind, now: string): Promise<void>;

  /**
   * Remembers a device the account signed in from (the SHA-256 of its cookie's
   * token), or extends it; the account's expired devices are forgotten.
   */
  rememberDevice(device: { id: string; userId: number; createdAt: string; expiresAt: string }): Promise<void>;
  /** The account a known, unexpired device belongs to. */
  findDeviceOwner(id: string, now: string): Promise<number | undefined>;
}
