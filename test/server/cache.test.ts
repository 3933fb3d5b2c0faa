import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { etag } from 'hono/etag';
import { responseCache } from '../../src/server/cache.ts';

function counterApp() {
  const cache = responseCache();
  const app = new Hono();
  let computed = 0;
  app.use(cache.middleware);
  app.use(etag());
  app.get('/n', async (c) => {
    computed++;
    await new Promise((r) => setTimeout(r, 5));
    return c.json({ computed });
  });
  app.get('/missing', (c) => c.json({ error: 'no' }, 404));
  app.post('/write', (c) => c.json({ ok: true }));
  return { app, cache, computed: () => computed };
}

describe('the response cache', () => {
  it('computes a read once and serves the same answer after', async () => {
    const { app, computed } = counterApp();
    const a = await (await app.request('/n')).json();
    const b = await (await app.request('/n')).json();
    assert.deepEqual([a, b, computed()], [{ computed: 1 }, { computed: 1 }, 1]);
  });

  it('computes once for fifty identical requests that arrive together', async () => {
    const { app, computed, cache } = counterApp();
    const bodies = await Promise.all(Array.from({ length: 50 }, async () => (await app.request('/n')).json()));
    assert.equal(computed(), 1);
    assert.deepEqual(new Set(bodies.map((b) => JSON.stringify(b))), new Set(['{"computed":1}']));
    assert.deepEqual(cache.stats().misses, 1);
  });

  it('answers 304 from the cache when the ETag matches', async () => {
    const { app } = counterApp();
    const tag = (await app.request('/n')).headers.get('etag')!;
    assert.equal((await app.request('/n', { headers: { 'If-None-Match': tag } })).status, 304);
  });

  it('forgets everything after a write succeeds', async () => {
    const { app, computed } = counterApp();
    await app.request('/n');
    await app.request('/write', { method: 'POST' });
    const after = await (await app.request('/n')).json();
    assert.deepEqual([after, computed()], [{ computed: 2 }, 2]);
  });

  it('does not keep error answers', async () => {
    const { app, cache } = counterApp();
    await app.request('/missing');
    assert.equal(cache.stats().entries, 0);
  });
});
