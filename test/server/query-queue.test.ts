import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { errorResponse } from '../../src/server/app.ts';
import { queryQueue, DEFAULT_QUEUE, type QueryQueue } from '../../src/server/query-queue.ts';
import { startServer } from '../../src/server/serve.ts';
import { Store } from '../../src/store/store.ts';
import { tempDb, until } from '../helpers.ts';
import { writeSyntheticLegs } from './synthetic-legs.ts';

const agent = new Agent({ keepAlive: false, maxSockets: Infinity });

/** One GET over its own TCP connection; `abort` closes the connection before the answer. */
function get(base: string, path: string, { abort }: { abort?: AbortSignal } = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(new URL(path, base), { agent, signal: abort }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', (e) => (abort?.aborted ? resolve({ status: -1, body: '' }) : reject(e)));
    req.end();
  });
}

/**
 * The line itself, on Node's HTTP server in front of a route that answers when the test opens its
 * gate: which requests run, which wait, which are refused, in what order they are answered.
 */
describe('the line of questions', () => {
  let server: ServerType;
  let base: string;
  let queue: QueryQueue;
  let gate: () => void = () => {};
  let opened = new Promise<void>((resolve) => (gate = resolve));
  const started: number[] = [];
  const whenStarted = async (n: number) => {
    await until(() => started.length >= n, `${n} requests started`);
  };
  const whenWaiting = async (n: number) => {
    await until(() => queue.stats().waiting >= n, `${n} requests waiting`);
  };

  before(async () => {
    queue = queryQueue({ running: 2, waiting: 3, maxWaitMs: 600_000 });
    const app = new Hono();
    app.onError((e, c) => errorResponse(e, c));
    app.use('/api/*', queue.middleware);
    app.get('/api/slow/:n', async (c) => {
      started.push(Number(c.req.param('n')));
      await opened;
      return c.json({ n: Number(c.req.param('n')) });
    });
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
        base = `http://127.0.0.1:${info.port}/`;
        resolve();
      });
    });
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('runs two at once, lets three wait, refuses the sixth at once, then answers the five in the order they came', async () => {
    const first = [1, 2].map((n) => get(base, `/api/slow/${n}`));
    await whenStarted(2);
    const waiting: Promise<{ status: number; body: string }>[] = [];
    for (const n of [3, 4, 5]) {
      waiting.push(get(base, `/api/slow/${n}`));
      await whenWaiting(n - 2);
    }
    const refused = await get(base, '/api/slow/6');
    assert.deepEqual([refused.status, JSON.parse(refused.body).error], [503, { code: 'BUSY', message: 'server busy: 2 requests running and 3 waiting, retry in a few seconds' }]);
    assert.deepEqual(started, [1, 2]);
    gate();
    const all = await Promise.all([...first, ...waiting]);
    assert.deepEqual(all.map((r) => r.status), [200, 200, 200, 200, 200]);
    assert.deepEqual(started, [1, 2, 3, 4, 5]);
    assert.deepEqual(queue.stats(), { running: 0, waiting: 0, served: 5, refusedFull: 1, refusedWait: 0, abandoned: 0 });
    opened = new Promise<void>((resolve) => (gate = resolve));
  });

  it('never runs a waiting request whose client has gone away', async () => {
    started.length = 0;
    const running = [7, 8].map((n) => get(base, `/api/slow/${n}`));
    await whenStarted(2);
    const leaving = new AbortController();
    const gone = get(base, '/api/slow/9', { abort: leaving.signal });
    await whenWaiting(1);
    leaving.abort();
    assert.equal((await gone).status, -1);
    await until(() => queue.stats().abandoned >= 1, 'the abandoned request');
    const staying = get(base, '/api/slow/10');
    await whenWaiting(1);
    gate();
    assert.deepEqual((await Promise.all([...running, staying])).map((r) => r.status), [200, 200, 200]);
    assert.deepEqual(started, [7, 8, 10]);
    assert.equal(queue.stats().waiting, 0);
    opened = new Promise<void>((resolve) => (gate = resolve));
  });

  it('answers 503 with Retry-After to a request that waited longer than the limit', async () => {
    const strict = queryQueue({ running: 1, waiting: 5, maxWaitMs: 1 });
    const app = new Hono();
    app.onError((e, c) => errorResponse(e, c));
    app.use('/api/*', strict.middleware);
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    app.get('/api/held', async (c) => {
      await held;
      return c.text('ok');
    });
    const holding = app.request('/api/held');
    const late = await app.request('/api/held');
    assert.deepEqual([late.status, late.headers.get('retry-after'), ((await late.json()) as { error: { message: string } }).error.message], [503, '1', 'server busy: waited 0 s behind 1 running requests, retry later']);
    release();
    assert.equal((await holding).status, 200);
  });

  it('is sized to the machine: as many at once as it has cores, at least two', async () => {
    const { availableParallelism } = await import('node:os');
    assert.deepEqual(DEFAULT_QUEUE, { running: Math.max(2, availableParallelism()), waiting: 256, maxWaitMs: 30_000 });
  });
});

/**
 * The real server over a real database: 100 different heavy questions at once (more than the
 * 64 the server used to take before answering "busy") are all answered.
 */
describe('the server under 100 concurrent heavy questions', () => {
  let store: Store;
  before(async () => {
    store = await Store.open(tempDb());
    await writeSyntheticLegs(store, { days: 120 });
  });
  after(() => store.close());

  it('answers every one 200, none "busy"', async () => {
    const server = await startServer({ store, port: 0, rateLimitPerMinute: false, queue: { maxWaitMs: 600_000 } });
    try {
      // Each a different period (so none is answered from the cache), of 2 to 4 months of legs.
      const day = (offset: number) => new Date(Date.UTC(2024, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
      const paths = Array.from({ length: 100 }, (_, i) => `/api/${i % 2 ? 'map.svg' : 'legs'}?from=${day(i % 10)}&to=${day(60 + 6 * Math.floor(i / 10))}`);
      const statuses = (await Promise.all(paths.map((p) => get(server.url, p)))).map((r) => r.status);
      assert.deepEqual(statuses, paths.map(() => 200));
    } finally {
      await server.close();
    }
  });
});
