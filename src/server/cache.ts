import type { MiddlewareHandler } from 'hono';

/**
 * A response cache for reads. While the server runs, the database changes only through its own
 * writes (a read-only server holds the file; another process cannot write it), so a GET answer
 * stays right until a write succeeds: `invalidate()` then drops everything. Identical requests
 * that arrive together share one computation, so fifty clients asking for a cold country sheet
 * cost one query run, not fifty. Entries are evicted least-recently-used past `maxBytes`.
 */
export interface ResponseCache {
  middleware: MiddlewareHandler;
  invalidate: () => void;
  stats: () => { entries: number; bytes: number; hits: number; misses: number };
}

interface Entry {
  status: number;
  headers: [string, string][];
  body: ArrayBuffer;
  etag: string | null;
}

export function responseCache({ maxBytes = 64 * 1024 * 1024, maxEntryBytes = 8 * 1024 * 1024 } = {}): ResponseCache {
  const entries = new Map<string, Entry>();
  const pending = new Map<string, Promise<Entry | null>>();
  let bytes = 0;
  let hits = 0;
  let misses = 0;
  let generation = 0;

  const respond = (e: Entry, ifNoneMatch: string | undefined) => {
    if (e.etag && ifNoneMatch && ifNoneMatch.split(/\s*,\s*/).includes(e.etag)) return new Response(null, { status: 304, headers: { ETag: e.etag } });
    // A view, not a copy: reading a response never writes to its bytes.
    return new Response(new Uint8Array(e.body), { status: e.status, headers: e.headers });
  };

  const middleware: MiddlewareHandler = async (c, next) => {
    if (c.req.method !== 'GET') {
      await next();
      // Any write that succeeded may have changed what reads return.
      if (c.res.status < 400) invalidate();
      return;
    }
    const url = new URL(c.req.url);
    const gzip = /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
    const key = `${url.pathname}?${url.search}|${gzip ? 'gzip' : 'identity'}`;
    const ifNoneMatch = c.req.header('if-none-match');
    const cached = entries.get(key);
    if (cached) {
      hits++;
      entries.delete(key); // refresh its place in the LRU order
      entries.set(key, cached);
      c.res = respond(cached, ifNoneMatch);
      return;
    }
    const waiting = pending.get(key);
    if (waiting) {
      const e = await waiting;
      if (e) {
        hits++;
        c.res = respond(e, ifNoneMatch);
        return;
      }
    }
    misses++;
    const startedIn = generation;
    let settle: (e: Entry | null) => void = () => {};
    pending.set(key, new Promise((resolve) => (settle = resolve)));
    try {
      // Compute without the client's validator so the stored answer is the full one.
      await next();
      const res = c.res;
      if (res.status !== 200 || startedIn !== generation) return settle(null);
      const body = await res.clone().arrayBuffer();
      if (body.byteLength > maxEntryBytes) return settle(null);
      const entry: Entry = { status: res.status, headers: [...res.headers], body, etag: res.headers.get('etag') };
      entries.set(key, entry);
      bytes += body.byteLength;
      for (const [k, e] of entries) {
        if (bytes <= maxBytes) break;
        entries.delete(k);
        bytes -= e.body.byteLength;
      }
      settle(entry);
    } catch (error) {
      settle(null);
      throw error;
    } finally {
      pending.delete(key);
    }
  };

  function invalidate() {
    generation++;
    entries.clear();
    bytes = 0;
  }

  return { middleware, invalidate, stats: () => ({ entries: entries.size, bytes, hits, misses }) };
}
