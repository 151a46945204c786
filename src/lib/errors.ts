/**
 * One error type for everything the application reports on purpose. Each code
 * is stable (clients and logs match on it), documented in the README's error
 * table, and carries the HTTP status it maps to and whether its message may be
 * shown to a reader. Anything that is not an AppError is an internal error and
 * its message is never shown.
 */
export const ERROR_CODES = {
  CONFIG_INVALID: { status: 500, isPublic: false, title: 'The configuration is invalid' },
  VALIDATION_FAILED: { status: 422, isPublic: true, title: 'The content is not valid' },
  BAD_REQUEST: { status: 400, isPublic: true, title: 'The request is not valid' },
  NOT_FOUND: { status: 404, isPublic: true, title: 'Not found' },
  CONFLICT: { status: 409, isPublic: true, title: 'It conflicts with what is stored' },
  UNAUTHORIZED: { status: 401, isPublic: true, title: 'Sign in first' },
  FORBIDDEN: { status: 403, isPublic: true, title: 'Not allowed' },
  TOO_MANY_REQUESTS: { status: 429, isPublic: true, title: 'Too many attempts; wait and try again' },
  MEDIA_INVALID: { status: 422, isPublic: true, title: 'The file is not a usable image' },
  STORE_UNAVAILABLE: { status: 503, isPublic: true, title: 'The store cannot be reached' },
  MEDIA_STORAGE_UNAVAILABLE: { status: 502, isPublic: true, title: 'The media storage cannot be reached' },
  INTERNAL: { status: 500, isPublic: false, title: 'Something went wrong' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** A problem with one field of the input, named by its JSON-pointer-like path. */
export interface FieldIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly isPublic: boolean;
  readonly issues: readonly FieldIssue[];
  /** More a client can act on, sent with the error (a refused save's stored and refused versions). */
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, message: string, options: { issues?: FieldIssue[]; cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.isPublic = ERROR_CODES[code].isPublic;
    this.issues = options.issues ?? [];
    this.details = options.details;
  }
}

export function notFound(what: string): AppError {
  return new AppError('NOT_FOUND', `${what} was not found`);
}

export function validationFailed(issues: FieldIssue[]): AppError {
  const summary = issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ');
  return new AppError('VALIDATION_FAILED', `Invalid content — ${summary}`, { issues });
}
