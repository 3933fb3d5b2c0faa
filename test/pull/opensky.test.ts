import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { Store } from '../../src/store/store.ts';
import { TrinoClient } from '../../src/pull/trino.ts';
import { runCli, tempDb, tempDir } from '../helpers.ts';

const T0 = Date.UTC(2024, 6, 2) / 1000; // 2024-07-02T00:00:00Z
const COLUMNS = ['time', 'icao24', 'lat', 'lon', 'velocity', 'heading', 'vertrate', 'callsign', 'onground', 'alert', 'spi', 'squawk', 'baroaltitude', 'geoaltitude', 'lastposupdate', 'lastcontact', 'hour'];
const TYPES: Record<string, string> = { icao24: 'varchar', callsign: 'varchar', squawk: 'varchar', onground: 'boolean', alert: 'boolean', spi: 'boolean', time: 'integer', hour: 'integer' };

/** state_vectors_data4 as the fake server holds it: 3 aircraft, a row every 30 s for 3 hours. */
const TABLE: unknown[][] = [];
for (let t = T0; t < T0 + 3 * 3600; t += 30) {
  for (const [k, icao24] of ['a960a9', 'ab1234', 'c0ffee'].entries()) {
    const stale = (t / 30 + k) % 41 === 0;
    TABLE.push([t, icao24, 29.5 + k, -95.25, 200, 270.5, -5.08, k === 2 ? null : 'RPN529  ', false, false, false, '7500', 3048, 3100, t, stale ? t - 60 : t - 1, t - (t % 3600)]);
  }
}

/** What the fake server saw and how it should misbehave. */
const server = {
  statements: [] as string[],
  pageRequests: 0,
  /** Answer the next N page requests with 503 before serving them. */
  unavailable: 0,
  /** Fail queries whose window starts at this time with a Trino error on their last page. */
  failAt: -1,
};

const PAGE = 100;
const queries = new Map<string, unknown[][]>();

function handle(req: IncomingMessage, res: ServerResponse, body: string, base: string) {
  const json = (status: number, value: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(value));
  };
  if (req.method === 'POST' && req.url === '/token') {
    const form = new URLSearchParams(body);
    if (form.get('client_id') === 'trino-client' && form.get('username') === 'alice' && form.get('password') === 'secret') return json(200, { access_token: 'tok-alice' });
    return json(401, { error: 'invalid_grant' });
  }
  if (req.headers.authorization !== 'Bearer tok-alice') {
    res.writeHead(401, { 'content-type': 'text/plain' });
    return res.end('Unauthorized');
  }
  if (req.method === 'POST' && req.url === '/v1/statement') {
    server.statements.push(body);
    const id = `q${server.statements.length}`;
    let rows: unknown[][];
    let columns = COLUMNS.map((name) => ({ name, type: TYPES[name] ?? 'double' }));
    if (body === 'SHOW COLUMNS FROM state_vectors_data4') {
      rows = COLUMNS.map((c) => [c, TYPES[c] ?? 'double', '', '']);
      columns = ['Column', 'Type', 'Extra', 'Comment'].map((name) => ({ name, type: 'varchar' }));
    } else {
      // Like OpenSky, refuse a scan that does not name its hour partitions.
      const hour = /hour >= (\d+) AND hour < (\d+)/.exec(body);
      if (!hour) return json(200, { id, stats: { state: 'FAILED' }, error: { message: 'queries must filter on the hour partition', errorName: 'PERMISSION_DENIED' } });
      const time = /time >= (\d+) AND time < (\d+)/.exec(body)!;
      const ids = new Set([...(/icao24 IN \(([^)]*)\)/.exec(body)?.[1] ?? '').matchAll(/'([0-9a-f]{6})'/g)].map((m) => m[1]));
      const [h0, h1, t0, t1] = [hour[1], hour[2], time[1], time[2]].map(Number) as [number, number, number, number];
      rows = TABLE.filter((r) => {
        const [t, icao24, lastcontact, h] = [r[0], r[1], r[15], r[16]] as [number, string, number, number];
        return h >= h0 && h < h1 && t >= t0 && t < t1 && ids.has(icao24) && t - lastcontact <= 15;
      }).map((r) => r.slice(0, 16));
      columns = columns.slice(0, 16);
      if (t0 === server.failAt) rows = [...rows, ['FAIL']];
    }
    queries.set(id, rows);
    // The first answer is "queued", with no rows yet: the client must follow nextUri.
    return json(200, { id, nextUri: `${base}/v1/statement/executing/${id}/0`, stats: { state: 'QUEUED' } });
  }
  const page = /^\/v1\/statement\/executing\/(q\d+)\/(\d+)$/.exec(req.url ?? '');
  if (req.method === 'GET' && page) {
    server.pageRequests++;
    if (server.unavailable > 0) {
      server.unavailable--;
      res.writeHead(503);
      return res.end();
    }
    const [id, n] = [page[1]!, Number(page[2])];
    const rows = queries.get(id)!;
    const slice = rows.slice(n * PAGE, (n + 1) * PAGE);
    const last = (n + 1) * PAGE >= rows.length;
    if (slice.some((r) => r[0] === 'FAIL')) return json(200, { id, stats: { state: 'FAILED' }, error: { message: 'Query exceeded the maximum execution time limit of 10.00m', errorName: 'EXCEEDED_TIME_LIMIT' } });
    const columns = id && rows[0] && rows[0].length === 4
      ? ['Column', 'Type', 'Extra', 'Comment'].map((name) => ({ name, type: 'varchar' }))
      : COLUMNS.slice(0, 16).map((name) => ({ name, type: TYPES[name] ?? 'double' }));
    return json(200, { id, columns, ...(slice.length ? { data: slice } : {}), ...(last ? {} : { nextUri: `${base}/v1/statement/executing/${id}/${n + 1}` }), stats: { state: last ? 'FINISHED' : 'RUNNING' } });
  }
  json(404, { error: 'not found' });
}

describe('pulling positions from OpenSky\'s Trino (a local server speaking its protocol)', () => {
  let base = '';
  const http = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => handle(req, res, body, base));
  });
  const dir = tempDir();
  const watchlist = path.join(dir, 'watchlist.txt');
  writeFileSync(watchlist, 'a960a9\nc0ffee\n');
  const saved = { ...process.env };

  before(async () => {
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  after(() => {
    http.close();
    process.env = saved;
  });
  beforeEach(() => {
    Object.assign(process.env, { OPENSKY_TRINO_URL: base, OPENSKY_TOKEN_URL: `${base}/token`, OPENSKY_USERNAME: 'Alice', OPENSKY_PASSWORD: 'secret' });
    delete process.env.OPENSKY_TOKEN;
    Object.assign(server, { statements: [], pageRequests: 0, unavailable: 0, failAt: -1 });
  });

  it('pulls the watched rows hour by hour, following nextUri across pages, each query naming its hour partitions', async () => {
    const db = tempDb();
    const result = await runCli(['--db', db, '--json', 'pull', 'opensky', '--from', '2024-07-02T00:00Z', '--to', '2024-07-02T03:00Z', '--watchlist', watchlist]);
    assert.equal(result.code, 0, result.stderr);
    const json = result.json();
    assert.equal(json.origin, `${base}/minio.osky.state_vectors_data4`);
    assert.equal(json.format, 'opensky-trino');
    assert.deepEqual(json.windows.map((w: { start: string; rowsKept: number }) => [w.start, w.rowsKept]), [
      ['2024-07-02T00:00:00Z', 234],
      ['2024-07-02T01:00:00Z', 235],
      ['2024-07-02T02:00:00Z', 235],
    ]);
    assert.equal(server.statements[0], 'SHOW COLUMNS FROM state_vectors_data4');
    assert.equal(
      server.statements[1],
      [
        'SELECT time, icao24, lat, lon, velocity, heading, vertrate, callsign, onground, squawk, baroaltitude, geoaltitude, lastcontact',
        'FROM state_vectors_data4',
        `WHERE hour >= ${T0} AND hour < ${T0 + 3600}`,
        `AND time >= ${T0} AND time < ${T0 + 3600}`,
        "AND icao24 IN ('a960a9', 'c0ffee')",
        'AND lat IS NOT NULL AND lon IS NOT NULL AND time - lastcontact <= 15',
      ].join('\n'),
    );
    const store = await Store.open(db);
    const first = await store.one(`SELECT icao24, time, lat, lon, alt_baro_ft, on_ground, round(gs_kt, 6) AS gs_kt, round(vrate_fpm, 6) AS vrate_fpm, callsign FROM positions ORDER BY time, icao24 LIMIT 1`);
    const counts = await store.all(`SELECT icao24, count(*)::INTEGER AS n, count(callsign)::INTEGER AS with_callsign FROM positions GROUP BY 1 ORDER BY 1`);
    store.close();
    assert.deepEqual(first, { icao24: 'a960a9', time: T0, lat: 29.5, lon: -95.25, alt_baro_ft: 10000, on_ground: false, gs_kt: 388.77, vrate_fpm: -1000, callsign: 'RPN529' });
    assert.deepEqual(counts, [
      { icao24: 'a960a9', n: 352, with_callsign: 352 },
      { icao24: 'c0ffee', n: 352, with_callsign: 0 },
    ]);
  });

  it('asks a page again when the server answers 503, and then goes on', async () => {
    server.unavailable = 2;
    const db = tempDb();
    const result = await runCli(['--db', db, '--json', 'pull', 'opensky', '--from', '2024-07-02T00:00Z', '--to', '2024-07-02T01:00Z', '--watchlist', watchlist]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.json().rowsKept, 234);
    assert.equal(server.pageRequests, 2 + 1 + 3); // two refused, the columns' page, three pages of rows
  });

  it('keeps the windows already pulled when a later query fails, and loads nothing of the failed one', async () => {
    server.failAt = T0 + 3600;
    const db = tempDb();
    const args = ['--db', db, '--json', 'pull', 'opensky', '--from', '2024-07-02T00:00Z', '--to', '2024-07-02T03:00Z', '--watchlist', watchlist];
    const failed = await runCli(args);
    assert.equal(failed.code, 1);
    assert.equal(failed.stderr.trim().split('\n').at(-1), 'charterwatch: Trino query failed: Query exceeded the maximum execution time limit of 10.00m (EXCEEDED_TIME_LIMIT)');
    const store = await Store.open(db);
    assert.deepEqual(await store.all(`SELECT path, rows_kept FROM sources`), [{ path: `${base}/minio.osky.state_vectors_data4#2024-07-02T00:00:00Z/2024-07-02T01:00:00Z`, rows_kept: 234 }]);
    assert.equal(await store.value(`SELECT count(*)::INTEGER FROM positions`), 234);
    store.close();
    server.failAt = -1;
    const resumed = await runCli(args);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.deepEqual([resumed.json().windows.length, resumed.json().hoursSkipped, resumed.json().rowsKept], [2, 1, 470]);
  });

  const bad: { name: string; env: Record<string, string | undefined>; args?: string[]; code: number; error: string | RegExp }[] = [
    { name: 'wrong credentials', env: { OPENSKY_PASSWORD: 'wrong' }, code: 1, error: 'charterwatch: OpenSky refused the credentials of "alice" (check OPENSKY_USERNAME and OPENSKY_PASSWORD)' },
    { name: 'a token the server does not take', env: { OPENSKY_TOKEN: 'expired' }, code: 1, error: 'charterwatch: Trino refused the credentials (HTTP 401: Unauthorized)' },
    { name: 'no credentials', env: { OPENSKY_USERNAME: undefined, OPENSKY_PASSWORD: undefined }, code: 2, error: 'charterwatch: pulling from OpenSky needs OPENSKY_USERNAME and OPENSKY_PASSWORD (or OPENSKY_TOKEN) in the environment' },
    { name: 'an unreachable server', env: { OPENSKY_TRINO_URL: 'http://127.0.0.1:18999', OPENSKY_TOKEN: 'tok-alice' }, code: 1, error: 'charterwatch: cannot reach Trino at http://127.0.0.1:18999 (ECONNREFUSED)' },
    { name: 'a pull of every aircraft', env: {}, args: ['--all'], code: 2, error: /^charterwatch: OpenSky holds the whole world's traffic: pull from it with --watchlist, not --all$/ },
    { name: 'more than one query at a time', env: {}, args: ['--watchlist', watchlist, '--concurrency', '2'], code: 2, error: 'charterwatch: --concurrency expects a whole number from 1 to 1 for OpenSky (one query at a time), got "2"' },
  ];
  for (const c of bad) {
    it(`says so for ${c.name}, loading nothing`, async () => {
      for (const [k, v] of Object.entries(c.env)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      const db = tempDb();
      const result = await runCli(['--db', db, 'pull', 'opensky', '--from', '2024-07-02T00:00Z', '--to', '2024-07-02T02:00Z', ...(c.args ?? ['--watchlist', watchlist])]);
      assert.equal(result.code, c.code);
      if (typeof c.error === 'string') assert.equal(result.stderr.trim(), c.error);
      else assert.match(result.stderr.trim(), c.error);
      const store = await Store.open(db);
      assert.deepEqual([await store.value(`SELECT count(*)::INTEGER FROM sources`), await store.value(`SELECT count(*)::INTEGER FROM positions`)], [0, 0]);
      store.close();
    });
  }

  it('takes --to as exclusive, as every question does: --from and --to on the same day is an empty range, refused', async () => {
    const db = tempDb();
    const result = await runCli(['--db', db, 'pull', 'opensky', '--from', '2024-07-02', '--to', '2024-07-02', '--watchlist', watchlist]);
    assert.equal(result.code, 2);
    assert.equal(
      result.stderr.trim(),
      'charterwatch: --to (2024-07-02) must be after --from (2024-07-02): --to is exclusive (--from 2024-07-02 --to 2024-07-03 pulls the day of 2024-07-02)',
    );
  });
});

describe('the Trino client protocol', () => {
  const page = (value: unknown, status = 200) => new Response(status === 200 ? JSON.stringify(value) : '', { status });

  it('gives up on a page after the retries, naming the status', async () => {
    let calls = 0;
    const fetchStub: typeof fetch = async (_url, init) => {
      calls++;
      return init?.method === 'POST' ? page({ id: 'q1', nextUri: 'http://trino.test/v1/statement/q1/1' }) : page(null, 503);
    };
    const client = new TrinoClient({ server: 'http://trino.test', user: 'alice', retries: 3, backoffMs: 1, fetch: fetchStub });
    await assert.rejects(client.query('SELECT 1', () => undefined, () => undefined), { message: 'Trino answered HTTP 503 4 times in a row; giving up' });
    assert.equal(calls, 1 + 4 + 1); // the statement, four tries of the page, the DELETE that cancels the query
  });

  it('asks a page again when the connection is cut before the answer, and reads the rows in order', async () => {
    const answers: (() => Response)[] = [
      () => page({ id: 'q1', nextUri: 'http://trino.test/1', stats: { state: 'QUEUED' } }),
      () => {
        throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
      },
      () => page({ id: 'q1', columns: [{ name: 'x', type: 'integer' }], data: [[1], [2]], nextUri: 'http://trino.test/2' }),
      () => page({ id: 'q1', data: [[3]], stats: { state: 'FINISHED' } }),
    ];
    const client = new TrinoClient({ server: 'http://trino.test', user: 'alice', backoffMs: 1, fetch: (async () => answers.shift()!()) as typeof fetch });
    const rows: unknown[] = [];
    let columns: unknown;
    await client.query('SELECT x', (c) => (columns = c), (r) => rows.push(r[0]));
    assert.deepEqual(columns, [{ name: 'x', type: 'integer' }]);
    assert.deepEqual(rows, [1, 2, 3]);
  });
});
