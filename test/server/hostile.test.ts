import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import { createApp } from '../../src/server/app.ts';
import { apiRoutes } from '../../src/server/routes.ts';
import { startServer, type RunningServer } from '../../src/server/serve.ts';
import { Store } from '../../src/store/store.ts';
import { tempDb } from '../helpers.ts';
import { writeSyntheticLegs } from './synthetic-legs.ts';

const TOKEN = 'a-long-operator-token-for-tests';
let store: Store;
let app: Hono;

before(async () => {
  store = await Store.open(tempDb());
  await writeSyntheticLegs(store, { days: 3 });
  app = createApp({ store, token: TOKEN });
});
after(() => store.close());

const error = async (url: string, init?: RequestInit) => {
  const res = await app.request(url, init);
  const body = (await res.json()) as { error: { code: string; message: string } };
  return { status: res.status, code: body.error.code, message: body.error.message };
};

describe('hostile input', () => {
  const cases: [string, string, number, string][] = [
    ['a huge limit', '/api/legs?limit=100000000', 400, 'limit expects a whole number from 1 to 1000, got 100000000'],
    ['a negative offset', '/api/legs?offset=-1', 400, 'offset expects a whole number from 0 to 10000000, got "-1"'],
    ['a limit with SQL in it', "/api/legs?limit=1;DROP TABLE legs", 400, 'limit expects a whole number from 1 to 1000, got "1;DROP TABLE legs"'],
    ['a SQL-like country', "/api/legs?country=' OR 1=1 --", 400, `country: "' OR 1=1 --" is not a country code or a known country name`],
    ['a SQL-like sort', '/api/legs?sort=id;DELETE FROM legs', 400, 'sort expects one of departure, -departure, arrival, -arrival, registration, -registration, operator, -operator, kind, -kind, from, -from, to, -to, country, -country, got "id;DELETE FROM legs"'],
    ['a malformed date', '/api/legs?from=2024-13-45', 400, 'from: "2024-13-45" is not a real date'],
    ['the 30th of February', '/api/legs?to=2024-02-30', 400, 'to: "2024-02-30" is not a real date'],
    ['a date in words', '/api/legs?from=yesterday', 400, 'from expects a date as YYYY-MM-DD (UTC) or an ISO time, got "yesterday"'],
    ['a NUL byte', '/api/legs?country=C%00N', 400, 'parameter "country" contains a control character'],
    ['a very long value', `/api/legs?aircraft=${'x'.repeat(500)}`, 400, 'parameter "aircraft" is too long (500 characters, at most 100)'],
    ['an unknown parameter', '/api/legs?admin=1', 400, 'unknown parameter "admin"; this endpoint takes from, to, kind, country, aircraft, airport, mission, sort, limit, offset, format'],
    ['a repeated parameter', '/api/legs?kind=removal&kind=return', 400, 'parameter "kind" given more than once'],
    ['a bad month in the path', '/api/reports/monthly/2024-13', 400, 'month expects a month as YYYY-MM, got "2024-13"'],
    ['a mission id that is not a number', '/api/missions/1%20OR%201=1', 400, 'id expects a whole number from 1 to 999999999, got "1 OR 1=1"'],
    ['an unknown country in the path', '/api/countries/Atlantis', 400, 'country: "Atlantis" is not a country code or a known country name'],
    ['a missing required parameter', '/api/encounters?fy=2024', 400, 'parameter "citizenship" is required: ISO code or name: CN, China, "CHINA, PEOPLES REPUBLIC OF"'],
    ['a fiscal year out of range', '/api/encounters?citizenship=CN&fy=99999', 400, 'fy expects a fiscal year such as 2024 or FY2024, got "99999"'],
  ];
  for (const [what, url, status, message] of cases) {
    it(`answers ${status} to ${what}`, async () => {
      const e = await error(url);
      assert.deepEqual([e.status, e.message], [status, message]);
    });
  }

  const traversal = ['/static/../../package.json', '/static/..%2f..%2fpackage.json', '/static/%2e%2e/%2e%2e/package.json', '/static/..%5c..%5cpackage.json', '/static/app.js%00.css', '/static//etc/passwd', '/static/.hidden.js'];
  for (const url of traversal) {
    it(`never serves a file outside the dashboard folder: ${url}`, async () => {
      const res = await app.request(url);
      assert.equal(res.status, 404);
      const text = await res.text();
      assert.equal(text.includes('"name": "charterwatch"'), false);
    });
  }

  it('refuses a write without the token with 401, before reading its 10 MB body', async () => {
    const e = await error('/api/legs/rebuild', { method: 'POST', body: 'x'.repeat(10 * 1024 * 1024), headers: { 'content-type': 'application/json' } });
    assert.deepEqual([e.status, e.code], [401, 'UNAUTHORIZED']);
  });

  it('refuses a write with a wrong token with 401', async () => {
    const e = await error('/api/legs/rebuild', { method: 'POST', body: '{}', headers: { authorization: 'Bearer wrong' } });
    assert.equal(e.status, 401);
  });

  it('refuses a 10 MB body with 413 even with the token', async () => {
    const e = await error('/api/legs/rebuild', { method: 'POST', body: 'x'.repeat(10 * 1024 * 1024), headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' } });
    assert.deepEqual([e.status, e.code], [413, 'TOO_LARGE']);
  });

  it('accepts a write with the token and a small JSON body', async () => {
    const res = await app.request('/api/legs/rebuild', { method: 'POST', body: '{"from": "2030-01-01", "to": "2030-01-02"}', headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(res.status, 200);
    const body = (await res.json()) as Record<string, unknown>;
    assert.deepEqual([body.from, body.to, body.legs, body.aircraft, body.positions], ['2030-01-01T00:00:00.000Z', '2030-01-02T00:00:00.000Z', 0, 0, 0]);
  });

  it('answers 400 to a rebuild whose period ends before it starts, or is empty, or is not text', async () => {
    const rebuild = (body: string) => error('/api/legs/rebuild', { method: 'POST', body, headers: { authorization: `Bearer ${TOKEN}` } });
    assert.deepEqual(await rebuild('{"from": "2024-07-01", "to": "2024-06-01"}'), { status: 400, code: 'USAGE', message: 'from (2024-07-01) must be before to (2024-06-01, the end, exclusive)' });
    assert.deepEqual(await rebuild('{"from": "2024-07-01", "to": "2024-07-01"}'), { status: 400, code: 'USAGE', message: 'from (2024-07-01) must be before to (2024-07-01, the end, exclusive)' });
    assert.deepEqual(await rebuild('{"from": 20240701}'), { status: 400, code: 'USAGE', message: 'from must be a date as a string (YYYY-MM-DD), got 20240701' });
  });

  const withRange = apiRoutes.filter((r) => r.method === 'GET' && r.params?.some((p) => p.name === 'from') && r.params.some((p) => p.name === 'to'));
  it('knows the six endpoints that take a period', () => {
    assert.deepEqual(withRange.map((r) => r.path), ['/api/legs', '/api/missions', '/api/flights/count', '/api/flights/monthly', '/api/map.svg', '/api/charts/flights.svg']);
  });
  for (const route of withRange) {
    it(`answers 400 to a reversed or empty period on ${route.path} (to is exclusive), and 200 to one day`, async () => {
      assert.deepEqual(await error(`${route.path}?from=2024-07-02&to=2024-06-01`), { status: 400, code: 'USAGE', message: 'from (2024-07-02) must be before to (2024-06-01, the end, exclusive)' });
      assert.deepEqual(await error(`${route.path}?from=2024-01-02&to=2024-01-02`), { status: 400, code: 'USAGE', message: 'from (2024-01-02) must be before to (2024-01-02, the end, exclusive)' });
      assert.equal((await app.request(`${route.path}?from=2024-01-02&to=2024-01-03`)).status, 200);
    });
  }

  const encodings: [string, string][] = [
    ['/static/%ZZ', 'malformed URL: the path has "%" not followed by two hex digits at "%ZZ"'],
    ['/static/app%2', 'malformed URL: the path has "%" not followed by two hex digits at "%2"'],
    ['/static/%C0%AF', 'malformed URL: the path has percent-encoded bytes that are not UTF-8 in "/static/%C0%AF"'],
    ['/api/countries/%E0%A4', 'malformed URL: the path has percent-encoded bytes that are not UTF-8 in "/api/countries/%E0%A4"'],
    ['/api/legs?kind=%ZZ', 'malformed URL: the query has "%" not followed by two hex digits at "%ZZ"'],
    ['/api/legs?%FF=1', 'malformed URL: the query has percent-encoded bytes that are not UTF-8 in "%FF=1"'],
    ['/api/legs?country=%', 'malformed URL: the query has "%" not followed by two hex digits at "%"'],
  ];
  for (const [url, message] of encodings) {
    it(`answers 400, and logs nothing, to a malformed percent-encoding: ${url}`, async () => {
      const logged: unknown[] = [];
      const console_error = console.error;
      console.error = (...args: unknown[]) => logged.push(args);
      try {
        assert.deepEqual(await error(url), { status: 400, code: 'USAGE', message });
      } finally {
        console.error = console_error;
      }
      assert.deepEqual(logged, []);
    });
  }

  it('answers 421 to a Host it is not meant to be reached by (DNS rebinding), before anything else', async () => {
    assert.deepEqual(await error('/api/sources', { headers: { host: 'evil.example:8080' } }), {
      status: 421,
      code: 'MISDIRECTED',
      message: 'this server does not answer for host "evil.example:8080": open it as http://127.0.0.1:PORT/ or start it with --allowed-host evil.example',
    });
    assert.equal((await app.request('/static/app.js', { headers: { host: 'evil.example' } })).status, 421);
    assert.equal((await app.request('/api/sources', { headers: { host: 'localhost' } })).status, 200);
  });

  it('refuses writes on a server started without a token', async () => {
    const readOnly = createApp({ store });
    const res = await readOnly.request('/api/legs/rebuild', { method: 'POST', body: '{}' });
    assert.equal(res.status, 401);
    assert.match(((await res.json()) as { error: { message: string } }).error.message, /read-only: start it with --token/);
  });

  it('answers 429 with Retry-After once a client passes the rate limit', async () => {
    const limited = createApp({ store, rateLimitPerMinute: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await limited.request('/api/sources')).status);
    assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
    assert.ok((await limited.request('/api/sources')).headers.get('retry-after'));
  });

  it('answers 414 to a URL longer than 2048 characters', async () => {
    const e = await error(`/api/legs?${'a=1&'.repeat(600)}`);
    assert.equal(e.status, 414);
  });
});

describe('hostile input over TCP', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({ store, port: 0 });
  });
  after(() => server.close());

  const raw = (method: string, path: string, body?: Buffer | string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(new URL(path, server.url), { method, headers }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', (e) => (/EPIPE|ECONNRESET/.test(String(e)) ? resolve({ status: -1, text: String(e) }) : reject(e)));
      if (body) req.end(body);
      else req.end();
    });

  it('binds to 127.0.0.1 by default', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('answers a 10 MB unauthenticated upload with 401 and stays up', async () => {
    const before = JSON.parse((await raw('GET', '/api/flights/count?kind=removal')).text).total;
    const r = await raw('POST', '/api/legs/rebuild', Buffer.alloc(10 * 1024 * 1024, 120), { 'content-type': 'application/json' });
    assert.ok(r.status === 401 || r.status === -1, `status ${r.status}`);
    const after = await raw('GET', '/api/flights/count?kind=removal');
    assert.equal(after.status, 200);
    // The same answer as before the upload.
    assert.equal(JSON.parse(after.text).total, before);
  });

  it('answers 400 to /static/%ZZ sent as is, and stays up', async () => {
    const r = await raw('GET', '/static/%ZZ');
    assert.deepEqual([r.status, JSON.parse(r.text).error.code], [400, 'USAGE']);
    assert.equal((await raw('GET', '/api/sources')).status, 200);
  });

  it('answers for 127.0.0.1, localhost and [::1] on its port, and 421 to any other Host', async () => {
    const port = new URL(server.url).port;
    const statuses: [string, number][] = [];
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LocalHost:${port}`, `[::1]:${port}`, 'localhost', `localhost:${Number(port) + 1}`, `evil.example:${port}`, `127.0.0.1.evil.example:${port}`, `charterwatch.example:${port}`]) {
      statuses.push([host, (await raw('GET', '/api/sources', undefined, { host })).status]);
    }
    assert.deepEqual(statuses.map(([, s]) => s), [200, 200, 200, 200, 200, 421, 421, 421, 421]);
  });

  it('answers for the names given with --allowed-host too', async () => {
    const named = await startServer({ store, port: 0, allowedHosts: ['charterwatch.example', 'other.example:1'] });
    try {
      const port = new URL(named.url).port;
      const status = (host: string) =>
        new Promise<number>((resolve, reject) => {
          const req = request(new URL('/api/sources', named.url), { headers: { host } }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          });
          req.on('error', reject);
          req.end();
        });
      assert.deepEqual(
        [await status(`charterwatch.example:${port}`), await status('charterwatch.example'), await status('other.example:1'), await status(`other.example:${port}`), await status(`localhost:${port}`), await status(`evil.example:${port}`)],
        [200, 200, 200, 421, 200, 421],
      );
    } finally {
      await named.close();
    }
  });

  it('answers raw path traversal with 404 and stays up', async () => {
    const r = await raw('GET', '/static/../../../etc/passwd');
    assert.equal(r.status, 404);
    assert.equal((await raw('GET', '/api/sources')).status, 200);
  });
});
