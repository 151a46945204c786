import { can, type Capability, type Role } from '../../content/roles.js';
import { ApiError, get, setCsrfToken } from './api.js';

export interface SessionUser {
  id: number;
  name: string;
  email: string;
  role: Role;
}

export interface SessionAnswer {
  user: SessionUser;
  csrfToken: string;
}

let current: SessionUser | undefined;

/** Remembers who signed in (from sign-in, setup or the session check) and the token their changes must carry. */
export function startSession(answer: SessionAnswer): SessionUser {
  current = answer.user;
  setCsrfToken(answer.csrfToken);
  return answer.user;
}

export function endSession(): void {
  current = undefined;
  setCsrfToken(undefined);
}

export function signedInUser(): SessionUser | undefined {
  return current;
}

/** What the role may do, to leave out controls it cannot use; the server checks again on every request. */
export function userCan(capability: Capability): boolean {
  return current !== undefined && can(current.role, capability);
}

/**
 * The open session, or undefined when there is none (401); other failures
 * are thrown. `isCookieKnownMissing` (the shell saw no session cookie) skips
 * asking: the answer would only be a refusal in the console.
 */
export async function resumeSession(options: { isCookieKnownMissing?: boolean } = {}): Promise<SessionUser | undefined> {
  if (options.isCookieKnownMissing) return undefined;
  try {
    return startSession(await get<SessionAnswer>('/session'));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return undefined;
    throw error;
  }
}
