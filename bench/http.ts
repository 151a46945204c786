import { request, type Agent, type IncomingHttpHeaders } from 'node:http';

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The bytes as sent: never decoded, whatever Content-Encoding says. */
  body: Buffer;
  /** The connection it came over, so a caller can tell whether a keep-alive agent kept it. */
  socketId: number;
}

let sockets = 0;
const socketIds = new WeakMap<object, number>();

/**
 * One GET with exactly the headers given. Not fetch(): it asks for gzip
 * unasked and decodes it, and the bench must see and compare the bytes each
 * server sends for each Accept-Encoding.
 */
/** `agent: false` opens a connection of its own, which the kernel may hand to any of a server's worker processes. */
export function get(url: string, options: { headers?: Record<string, string>; agent?: Agent | false } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: options.headers ?? {}, agent: options.agent }, (response) => {
      // Taken now: a keep-alive agent detaches the socket from the response once it ends.
      const socket = response.socket;
      let socketId = socketIds.get(socket);
      if (socketId === undefined) socketIds.set(socket, (socketId = ++sockets));
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('error', reject);
      response.once('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks), socketId }));
    });
    req.once('error', reject);
    req.end();
  });
}

/** GET insisting on a 200: wrk would count a redirect or a 304 as a success. */
export async function getOk(url: string, headers: Record<string, string> = {}, agent?: Agent | false): Promise<Answer> {
  const answer = await get(url, { headers, agent });
  if (answer.status !== 200) throw new Error(`GET ${url} answered ${answer.status}, expected 200`);
  return answer;
}
