import { CdnPurgeFailed, type CdnService } from './cdn-purger.js';

/** How long one purge request may take: a hung service must not hold a purge (or a job's claim) for ever. */
export const PURGE_TIMEOUT_MS = 10_000;
/** How much of a refusal's body goes into the error: enough for the service's reason, not a whole error page. */
const BODY_EXCERPT = 500;

export interface PurgeSender {
  /** Sends one request; resolves with the body of a 2xx answer, rejects with CdnPurgeFailed for anything else. */
  send(request: { method: 'POST' | 'PURGE'; url: string; headers: Record<string, string>; body?: string }): Promise<string>;
  /** Aborts the requests in flight and refuses new ones. */
  close(): Promise<void>;
}

/** The HTTP side every driver shares: Node's fetch, a timeout, and errors that say who answered what. */
export function purgeSender(input: { service: CdnService; timeoutMs?: number }): PurgeSender {
  const timeoutMs = input.timeoutMs ?? PURGE_TIMEOUT_MS;
  const closing = new AbortController();
  return {
    async send(request) {
      const fail = (problem: string, options: { status?: number; cause?: unknown } = {}) =>
        new CdnPurgeFailed({ service: input.service, method: request.method, url: request.url, problem, ...options });
      if (closing.signal.aborted) throw fail('was not sent: the process is stopping');
      let response: Response;
      let body: string;
      try {
        response = await fetch(request.url, {
          method: request.method,
          headers: request.headers,
          body: request.body,
          signal: AbortSignal.any([closing.signal, AbortSignal.timeout(timeoutMs)]),
        });
        body = await response.text();
      } catch (error) {
        if (closing.signal.aborted) throw fail('was abandoned: the process is stopping', { cause: error });
        if (error instanceof Error && error.name === 'TimeoutError') throw fail(`did not answer within ${timeoutMs / 1000} s`, { cause: error });
        throw fail(`could not be reached (${reasonOf(error)})`, { cause: error });
      }
      if (!response.ok) throw fail(`answered ${response.status}${body.trim() ? `: ${excerpt(body)}` : ''}`, { status: response.status });
      return body;
    },
    async close() {
      closing.abort();
    },
  };
}

/** fetch says "fetch failed"; the cause says why (ECONNREFUSED, a DNS error…). */
function reasonOf(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}

export function excerpt(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  return text.length > BODY_EXCERPT ? `${text.slice(0, BODY_EXCERPT)}…` : text;
}
