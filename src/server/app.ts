import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { etag } from 'hono/etag';
import { HTTPException } from 'hono/http-exception';
import { CharterwatchError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { responseCache } from './cache.ts';
import { apiRoutes, type ApiRoute } from './routes.ts';
import { openApiDocument } from './openapi.ts';
import { parsePath, parseQuery } from './params.ts';
import { AllowedHosts, requireAllowedHost } from './allowed-hosts.ts';
import { queryQueue, type QueryQueueOptions } from './query-queue.ts';
import { rateLimit, requireTokenForWrites, standardHeaders } from './security.ts';
import { serveWebFile } from './static.ts';
import { wellFormedUrl } from './url-check.ts';

export interface AppOptions {
  store: Store;
  /** The operator's token: writes need `Authorization: Bearer TOKEN`; without one the API is read-only. */
  token?: string;
  /** Requests per client per minute; false turns the limit off (benchmarks). */
  rateLimitPerMinute?: number | false;
  /** Questions worked on at once, how many may wait and how long (src/server/query-queue.ts). */
  queue?: QueryQueueOptions;
  /** The names the server answers for (the `Host` check); loopback names when absent. */
  allowedHosts?: AllowedHosts;
  /** Largest body a write may send, in bytes. */
  maxBodyBytes?: number;
  /** Memory for cached GET answers, in bytes; 0 turns the cache off. */
  cacheBytes?: number;
}

/**
 * The HTTP API and the dashboard as one Hono app. Test it in-process with `app.request(url)`;
 * `charterwatch serve` runs it on Node's HTTP server.
 */
export function createApp({ store, token, rateLimitPerMinute = 1200, queue, allowedHosts = new AllowedHosts(), maxBodyBytes = 64 * 1024, cacheBytes = 64 * 1024 * 1024 }: AppOptions): Hono {
  const app = new Hono();

  app.onError((error, c) => errorResponse(error, c));
  app.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: `no such page: ${c.req.method} ${new URL(c.req.url).pathname.slice(0, 200)}` } }, 404));

  app.use(standardHeaders());
  // Against DNS rebinding: only the names the server is meant to be reached by.
  app.use(requireAllowedHost(allowedHosts));
  // Over-long URLs (414) and broken percent-encodings (400) before any route decodes them.
  app.use(wellFormedUrl());
  // Writes are refused before anything reads their body.
  app.use(requireTokenForWrites(token));
  if (rateLimitPerMinute !== false) app.use(rateLimit({ requests: rateLimitPerMinute, windowMs: 60_000 }, clientAddress));
  if (cacheBytes > 0) {
    const cache = responseCache({ maxBytes: cacheBytes });
    // Other writers of the open database (a watch or an ingest run by this process as its
    // owner, docs/store.md) change what reads return: a commit anywhere empties the cache.
    let commits = store.commits;
    app.use(async (_c, next) => {
      if (store.commits !== commits) {
        commits = store.commits;
        cache.invalidate();
      }
      await next();
    });
    // Cached answers are served at once; the questions that reach the database wait their turn.
    app.use(cache.middleware);
  }
  app.use('/api/*', queryQueue(queue).middleware);
  app.use(compress());
  app.use(etag());

  for (const route of apiRoutes) register(app, route, store, maxBodyBytes);
  app.get('/openapi.json', (c) => c.json(openApiDocument(apiRoutes)));
  app.get('/api', (c) => c.json({ endpoints: apiRoutes.map((r) => ({ method: r.method, path: r.path, summary: r.summary })), openapi: '/openapi.json' }));

  // The dashboard: index.html for the page, the rest of src/web/ as files.
  app.get('/', (c) => serveWebFile(c, 'index.html'));
  app.get('/static/*', (c) => serveWebFile(c, decodeURIComponent(new URL(c.req.url).pathname.slice('/static/'.length))));
  return app;
}

function register(app: Hono, route: ApiRoute, store: Store, maxBodyBytes: number): void {
  const handler = async (c: Context) => {
    const path = await parsePath(route.params ?? [], (name) => c.req.param(name));
    const query = await parseQuery(new URL(c.req.url).searchParams, route.params ?? []);
    let body: unknown;
    if (route.method === 'POST') {
      const text = await c.req.text();
      try {
        body = text ? JSON.parse(text) : {};
      } catch {
        throw new CharterwatchError('USAGE', 'the body must be JSON');
      }
    }
    return route.handle({ c, store, query, path, body });
  };
  const honoPath = route.path.replace(/\{(\w+)\}/g, ':$1');
  if (route.method === 'GET') app.get(honoPath, handler);
  else
    app.post(
      honoPath,
      bodyLimit({ maxSize: maxBodyBytes, onError: () => { throw new HTTPException(413, { message: `body larger than ${maxBodyBytes} bytes` }); } }),
      handler,
    );
}

function clientAddress(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'local';
}

const STATUS: Record<string, 400 | 404 | 422 | 500 | 503> = { USAGE: 400, BAD_INPUT: 422, NOT_FOUND: 404, STORE: 503, FAILED: 500 };

/** The one place errors become HTTP responses: a JSON body `{error: {code, message}}`. */
export function errorResponse(error: Error, c: Context): Response {
  if (error instanceof CharterwatchError) {
    return c.json({ error: { code: error.code, message: error.message } }, STATUS[error.code] ?? 500);
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    const code = status === 413 ? 'TOO_LARGE' : status === 414 ? 'URL_TOO_LONG' : status === 503 ? 'BUSY' : status === 401 ? 'UNAUTHORIZED' : 'HTTP';
    if (status === 503) c.header('Retry-After', '1');
    return c.json({ error: { code, message: error.message || 'request refused' } }, status);
  }
  // Anything else is a bug or a database failure: log it, say little.
  console.error(error);
  return c.json({ error: { code: 'FAILED', message: 'internal error' } }, 500);
}
