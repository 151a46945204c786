import { Agent, request as httpRequest } from 'node:http';

/**
 * HTTP for the cluster test, on node:http rather than fetch because two checks
 * must speak from a loopback address of their own (127.0.0.x): nginx puts the
 * connection's address into X-Forwarded-For, and the sign-in limits count per
 * address, so each check gets a fresh one instead of sharing 127.0.0.1's count.
 */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text(): string;
  json(): any;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** The source address of the connection, e.g. 127.0.0.5 (Linux routes all of 127/8 to loopback). */
  localAddress?: string;
  timeoutMs?: number;
  agent?: Agent;
}

export function request(url: string, options: RequestOptions = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      url,
      {
        method: options.method ?? 'GET',
        headers: { ...(options.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(options.body)) }), ...options.headers },
        localAddress: options.localAddress,
        agent: options.agent,
        timeout: options.timeoutMs ?? 10_000,
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body, text: () => body.toString('utf8'), json: () => JSON.parse(body.toString('utf8')) });
        });
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`${options.method ?? 'GET'} ${url} took longer than ${options.timeoutMs ?? 10_000} ms`)));
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

/** A keep-alive agent for many reads, as a browser or a crawler keeps its connections. */
export function keepAliveAgent(maxSockets = 16): Agent {
  return new Agent({ keepAlive: true, maxSockets });
}

/** A signed-in member of staff on the newsroom API: the session cookie and the CSRF token it was given. */
export interface Newsroom {
  /** The session's Cookie header, for reading the public site as that member of staff. */
  cookie: string;
  call(method: string, path: string, body?: unknown): Promise<Answer>;
  /** Uploads a picture (multipart) to /api/admin/media. */
  upload(input: { bytes: Buffer; name: string; alt: string }): Promise<Answer>;
}

/** `agent`: the calls' own; one keep-alive socket sends every call to the same worker process of an instance. */
export async function signIn(input: { base: string; email: string; password: string; agent?: Agent }): Promise<Newsroom> {
  const answer = await request(`${input.base}/api/admin/session`, {
    agent: input.agent,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: input.email, password: input.password }),
  });
  if (answer.status !== 201) throw new Error(`signing in as ${input.email} answered ${answer.status}: ${answer.text()}`);
  const setCookie = answer.headers['set-cookie'] ?? [];
  const cookie = (Array.isArray(setCookie) ? setCookie : [setCookie]).map((line) => line.split(';')[0]).join('; ');
  const csrf = String(answer.json().csrfToken);
  const headers = { cookie, 'x-csrf-token': csrf };
  return {
    cookie,
    call: (method, path, body) =>
      request(`${input.base}/api/admin${path}`, {
        method,
        headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        timeoutMs: 30_000,
        agent: input.agent,
      }),
    async upload({ bytes, name, alt }) {
      const form = new FormData();
      form.append('alt', alt);
      form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), name);
      const encoded = new Response(form);
      return request(`${input.base}/api/admin/media`, {
        method: 'POST',
        headers: { ...headers, 'content-type': encoded.headers.get('content-type')! },
        body: Buffer.from(await encoded.arrayBuffer()),
        timeoutMs: 30_000,
        agent: input.agent,
      });
    },
  };
}
