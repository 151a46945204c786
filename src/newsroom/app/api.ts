/**
 * The newsroom's only way to the server: the JSON API under /api/admin/.
 * Every request that changes something carries the session's CSRF token and
 * a JSON body (or, for an upload, a multipart form); every error comes back
 * as an ApiError holding the server's own message and field issues.
 */

export interface FieldIssue {
  path: string;
  message: string;
}

/** Who saved a post after the editor opened it, from a refused (409) save. */
export interface ConflictingSave {
  revision: number;
  savedBy: { id: number; name: string } | null;
  savedAt: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: readonly FieldIssue[] = [],
    readonly current?: ConflictingSave,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const BASE = '/api/admin';
let csrfToken: string | undefined;
let onUnauthorized: (() => void) | undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called when a request finds the session over (expired, or ended from another device), so the app can say so. */
export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

export function apiUrl(path: string, query?: Record<string, string | number | boolean | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${BASE}${path}${search ? `?${search}` : ''}`;
}

export interface RequestOptions {
  /** Lets the request outlive the page (an autosave sent while leaving). */
  isKeepalive?: boolean;
}

export async function api<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path.startsWith(BASE) ? path : BASE + path, { method, headers, body: payload, credentials: 'same-origin', keepalive: options.isKeepalive ?? false });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The server could not be reached. Check your connection; nothing you typed has been lost.');
  }
  const text = await response.text();
  const data = text ? parseJson(text) : undefined;
  if (response.ok) return data as T;
  const error = (data as { error?: { code?: string; message?: string; issues?: FieldIssue[]; current?: ConflictingSave } } | undefined)?.error;
  if (response.status === 401 && !path.endsWith('/session')) onUnauthorized?.();
  throw new ApiError(
    response.status,
    error?.code ?? 'HTTP_' + response.status,
    error?.message ?? `The server answered ${response.status} ${response.statusText}.`,
    error?.issues ?? [],
    error?.current,
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const get = <T>(path: string, query?: Parameters<typeof apiUrl>[1]) => api<T>('GET', apiUrl(path, query));
export const post = <T>(path: string, body: unknown = {}) => api<T>('POST', path, body);
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const del = <T>(path: string) => api<T>('DELETE', path);
