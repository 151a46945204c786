import type { RunningServer } from './server.js';

export interface ApiAnswer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * The newsroom API as the admin app uses it: a session cookie kept between
 * requests and the CSRF token sent on every request that changes something.
 */
export class NewsroomClient {
  cookie: string | undefined;
  csrfToken: string | undefined;

  constructor(private readonly server: RunningServer) {}

  async request<T = any>(method: string, path: string, body?: unknown, options: { withCsrf?: boolean } = {}): Promise<ApiAnswer<T>> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if ((options.withCsrf ?? true) && this.csrfToken && method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    const response = await this.server.get(`/api/admin${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      const [pair] = setCookie.split(';');
      this.cookie = pair!.endsWith('=') ? undefined : pair;
    }
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  }

  /** A multipart upload, as the media library's form sends it. */
  async upload(path: string, form: FormData): Promise<ApiAnswer> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    const response = await this.server.get(`/api/admin${path}`, { method: 'POST', headers, body: form });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  }

  async signIn(email: string, password: string): Promise<ApiAnswer> {
    const answer = await this.request('POST', '/session', { email, password });
    if (answer.status === 201) this.csrfToken = answer.body.csrfToken;
    return answer;
  }
}
