import Fastify, { type FastifyInstance } from 'fastify';

export interface RouteEntry {
  method: string;
  /** Fastify's pattern: `/tag/:slug/page/:page/`, `/admin/*`, `/sitemap-posts-:number(^\d{1,6}).xml`. */
  url: string;
}

/**
 * Every route a Fastify instance has registered, read from its own route
 * tree (`printRoutes({ commonPrefix: false })`), so a route added to the
 * program shows up here without anyone editing a list. Each line of the tree
 * is a path segment whose full path is the concatenation of its ancestors.
 */
export function registeredRoutes(app: FastifyInstance): RouteEntry[] {
  const text = app.printRoutes({ commonPrefix: false });
  const stack: string[] = [];
  const routes: RouteEntry[] = [];
  for (const line of text.split('\n')) {
    const match = /^((?:[│ ]   )*)[├└]── (.*) \(([A-Z, ]+)\)$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    stack.length = depth;
    stack.push(match[2]!);
    const url = stack.join('');
    for (const method of match[3]!.split(', ')) routes.push({ method, url });
  }
  return routes;
}

/**
 * The routes a plugin registers, without serving it: for the applications
 * the program builds on first use (the newsroom, /wp-json/), whose own
 * instances a test cannot reach.
 */
export async function pluginRoutes<O extends object>(plugin: (app: FastifyInstance, options: O) => Promise<void>, options: O): Promise<RouteEntry[]> {
  const app = Fastify({ logger: false });
  try {
    await app.register(plugin, options);
    await app.ready();
    return registeredRoutes(app);
  } finally {
    await app.close();
  }
}
