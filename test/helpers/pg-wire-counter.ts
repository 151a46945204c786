import { createConnection, createServer, type Server, type Socket } from 'node:net';

/** One exchange the client waited for: a simple query, or an extended-protocol batch ended by Sync. */
export interface RoundTrip {
  connection: number;
  /** The SQL (simple query, or a Parse's text) or the prepared statement's name a Bind ran. */
  what: string;
}

export interface WireCounter {
  /** `postgres://…` pointing at the counter instead of the server. */
  url: string;
  /** Every round trip seen so far, in order. */
  roundTrips: RoundTrip[];
  /** Bytes the server has sent to clients so far, on all connections: what a read cost the network. */
  bytesFromServer(): number;
  close(): Promise<void>;
}

const PROTOCOL_3 = 196_608;

/**
 * A TCP relay in front of PostgreSQL that reads what the client sends and
 * counts the round trips it makes: each simple Query ('Q') and each Sync
 * ('S') that closes an extended-protocol batch waits for the server's
 * ReadyForQuery. BEGIN, COMMIT, SET and a pool's own statements are round
 * trips like any other, so nothing the driver does can hide from it.
 * Connection start-up is not counted (the pool does it once per connection).
 */
export async function startWireCounter(target: string): Promise<WireCounter> {
  const upstream = new URL(target);
  const roundTrips: RoundTrip[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  let fromServer = 0;

  const server: Server = createServer((client) => {
    const connection = ++connections;
    const server = createConnection({ host: upstream.hostname, port: Number(upstream.port || 5432) });
    for (const socket of [client, server]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.on('close', () => server.destroy());
    server.on('close', () => client.destroy());
    server.on('data', (chunk: Buffer) => {
      fromServer += chunk.length;
    });
    server.pipe(client);
    let buffered = Buffer.alloc(0);
    let isStarted = false;
    let batch: string[] = [];
    client.on('data', (chunk: Buffer) => {
      server.write(chunk);
      buffered = Buffer.concat([buffered, chunk]);
      for (;;) {
        if (!isStarted) {
          // Start-up messages have no type byte: a length, then a protocol code (or an SSL/GSS request code).
          if (buffered.length < 8) return;
          const length = buffered.readInt32BE(0);
          if (buffered.length < length) return;
          isStarted = buffered.readInt32BE(4) === PROTOCOL_3;
          buffered = buffered.subarray(length);
          continue;
        }
        if (buffered.length < 5) return;
        const type = String.fromCharCode(buffered[0]!);
        const length = buffered.readInt32BE(1);
        if (buffered.length < 1 + length) return;
        const body = buffered.subarray(5, 1 + length);
        buffered = buffered.subarray(1 + length);
        const strings = () => body.toString('utf8').split('\0');
        if (type === 'Q') roundTrips.push({ connection, what: strings()[0]! });
        else if (type === 'P') batch.push(strings()[1]!);
        else if (type === 'B' && strings()[1]) batch.push(`EXECUTE ${strings()[1]}`);
        else if (type === 'S') {
          roundTrips.push({ connection, what: batch.join('; ') || '(sync)' });
          batch = [];
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const url = new URL(target);
  url.host = `127.0.0.1:${port}`;
  return {
    url: url.toString(),
    roundTrips,
    bytesFromServer: () => fromServer,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
