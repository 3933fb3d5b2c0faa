import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Store } from '../../src/store/store.ts';
import { ClickHouseSource } from '../../src/pull/clickhouse.ts';
import { pull } from '../../src/pull/pull.ts';
import { runCli, tempDb, tempDir } from '../helpers.ts';
import { ch, chBoth, clickhouseReachable, createLayout, killShard, startShards } from './clickhouse-servers.ts';

const skip = await clickhouseReachable();
if (skip) console.log(`# skipping ClickHouse pull tests: ${skip}`);

const DB = `cw_test_pull_${process.pid}`;
const URL_ = `clickhouse://127.0.0.1:18123/${DB}.positions`;
const T0 = Date.UTC(2024, 6, 2) / 1000; // 2024-07-02T00:00:00Z
const WATCHED = ['a00001', 'a00004', 'a00007', 'c0ffee'];

// 13 aircraft, one row every 10 s from 01:00 the day before to 04:00 on 2 July, with the faults
// real dumps carry: missing positions, stale rows, missing altitudes, blank callsigns.
const GENERATE = `
  INSERT INTO ${DB}.positions_local
  SELECT t AS time, ac AS icao24,
    if(n % 97 = 0, NULL, 18 + (n % 1000) / 100) AS lat, if(n % 97 = 0, NULL, -77 + (n % 733) / 100) AS lon,
    200 + n % 50 AS velocity, (n * 7) % 360 AS heading, if(n % 5 = 0, -5.08, 2.54) AS vertrate,
    if(n % 13 = 0, '', 'RPN52' || toString(n % 10) || '  ') AS callsign, toUInt8(n % 17 = 0) AS onground, 0, 0,
    if(n % 11 = 0, '', '7500') AS squawk,
    if(n % 13 = 0, NULL, 3048 + n % 100) AS baroaltitude, if(n % 7 = 0, NULL, 3100.5) AS geoaltitude,
    toFloat64(t) AS lastposupdate, if(n % 89 = 0, toFloat64(t) - 20, toFloat64(t) - 1) AS lastcontact
  FROM (SELECT number AS n, toUInt32(${T0 - 23 * 3600} + intDiv(number, 13) * 10) AS t,
               if(number % 13 = 12, 'c0ffee', lower(hex(toUInt32(10485760 + number % 13)))) AS ac
        FROM numbers(${27 * 360 * 13}))
  WHERE cityHash64(ac) % 2 = SHARD`;

describe('pulling positions from ClickHouse', { skip: skip || false }, () => {
  const dir = tempDir();
  const watchlist = path.join(dir, 'watchlist.txt');
  writeFileSync(watchlist, `# watched\n${WATCHED.join('\n')}\n`);
  before(async () => {
    await createLayout(DB);
    // Each shard gets the aircraft the Distributed table's sharding key sends it.
    await ch(GENERATE.replace('SHARD', '0'), 0);
    await ch(GENERATE.replace('SHARD', '1'), 1);
  });
  after(async () => {
    startShards();
    if (!process.env.CW_KEEP_CLICKHOUSE) await chBoth(`DROP DATABASE IF EXISTS ${DB}`);
  });

  it('puts both shards\' rows behind the Distributed table', async () => {
    const [a, b, all] = [await ch(`SELECT count() FROM ${DB}.positions_local`, 0), await ch(`SELECT count() FROM ${DB}.positions_local`, 1), await ch(`SELECT count() FROM ${DB}.positions`)];
    assert.ok(Number(a) > 0 && Number(b) > 0);
    assert.equal(Number(all), 27 * 360 * 13);
  });

  it('gives exactly the rows of the same data read from an OpenSky-style CSV', async () => {
    const db = tempDb();
    const result = await runCli(['--db', db, '--json', 'pull', URL_, '--from', '2024-07-02T00:00Z', '--to', '2024-07-02T03:00Z', '--watchlist', watchlist]);
    assert.equal(result.code, 0, result.stderr);
    const json = result.json();
    assert.equal(json.windows.length, 1);
    assert.deepEqual([json.windows[0].start, json.windows[0].end], ['2024-07-02T00:00:00Z', '2024-07-02T03:00:00Z']);

    // The same window exported as OpenSky's CSV (SI units, empty = unknown, true/false flags).
    const csv = path.join(dir, 'states_2024-07-02.csv');
    writeFileSync(csv, await openskyCsv(T0, T0 + 3 * 3600));
    const expected = referenceRows(csv, new Set(WATCHED));
    const got = await positions(db);
    assert.equal(got.length, expected.length);
    assert.equal(got.length, 4228);
    assert.deepEqual(got, expected);
    assert.equal(json.rowsKept, 4228);

    // And through charterwatch's own OpenSky CSV reader, when the build has one.
    const other = tempDb();
    const ingest = await runCli(['--db', other, '--json', 'ingest', csv, '--watchlist', watchlist]);
    if (ingest.code !== 0 || !/opensky/i.test(ingest.json().sources[0].format)) {
      console.log(`# no OpenSky CSV reader in this build to compare with: ${ingest.stderr.trim() || ingest.json().sources[0].format}`);
      return;
    }
    assert.deepEqual(await positions(other), got);
  });

  it('derives the legs of the pulled positions, unless --no-legs leaves them owed to the next writer', async () => {
    const args = ['pull', URL_, '--from', '2024-07-02T00:00Z', '--to', '2024-07-02T03:00Z', '--watchlist', watchlist];
    const [owed, derived] = [tempDb(), tempDb()];
    for (const [db, extra] of [[owed, ['--no-legs']], [derived, []]] as const) {
      const r = await runCli(['--db', db, ...args, ...extra]);
      assert.equal(r.code, 0, r.stderr);
    }
    /** [aircraft owed legs, aircraft with positions] */
    const state = async (db: string) => {
      const store = await Store.open(db);
      try {
        return [await store.value(`SELECT count(*)::INTEGER FROM derive_queue`), await store.value(`SELECT count(DISTINCT icao24)::INTEGER FROM positions`)];
      } finally {
        store.close();
      }
    };
    assert.deepEqual(await state(owed), [WATCHED.length, WATCHED.length]);
    assert.deepEqual(await state(derived), [0, WATCHED.length]);
  });

  it('takes credentials from CLICKHOUSE_USER and CLICKHOUSE_PASSWORD, and never writes them down', async () => {
    const db = tempDb();
    Object.assign(process.env, { CLICKHOUSE_USER: 'puller', CLICKHOUSE_PASSWORD: 'pullerpass' });
    try {
      const result = await runCli(['--db', db, '--json', 'pull', URL_, '--from', '2024-07-02T00:00Z', '--to', '2024-07-02T01:00Z', '--watchlist', watchlist]);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.json().rowsKept, 1409);
    } finally {
      delete process.env.CLICKHOUSE_USER;
      delete process.env.CLICKHOUSE_PASSWORD;
    }
    const withUrl = await runCli(['--db', db, '--json', 'pull', URL_.replace('//', '//puller:pullerpass@'), '--from', '2024-07-02T01:00Z', '--to', '2024-07-02T02:00Z', '--watchlist', watchlist]);
    assert.equal(withUrl.code, 0, withUrl.stderr);
    const store = await Store.open(db);
    const paths = await store.all<{ path: string }>(`SELECT path FROM sources ORDER BY id`);
    store.close();
    assert.deepEqual(paths.map((p) => p.path), [
      `clickhouse://127.0.0.1:18123/${DB}.positions#2024-07-02T00:00:00Z/2024-07-02T01:00:00Z`,
      `clickhouse://127.0.0.1:18123/${DB}.positions#2024-07-02T01:00:00Z/2024-07-02T02:00:00Z`,
    ]);
  });

  it('records provenance: one sources row per window with the remote table, the window and the rows', async () => {
    const db = tempDb();
    const result = await runCli(['--db', db, '--json', 'pull', URL_, '--from', '2024-07-02', '--to', '2024-07-03', '--watchlist', watchlist, '--window-hours', '2']);
    assert.equal(result.code, 0, result.stderr);
    const store = await Store.open(db);
    const sources = await store.all<{ path: string; format: string; rows_kept: number }>(`SELECT path, format, rows_kept FROM sources ORDER BY id`);
    store.close();
    assert.equal(sources.length, 12);
    assert.deepEqual(sources[0], { path: `clickhouse://127.0.0.1:18123/${DB}.positions#2024-07-02T00:00:00Z/2024-07-02T02:00:00Z`, format: 'clickhouse', rows_kept: 2819 });
    assert.deepEqual(sources.slice(2).map((s) => s.rows_kept), [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('does not pull a window twice, and pulls only the newly watched aircraft of a window pulled before', async () => {
    const db = tempDb();
    const args = ['--db', db, '--json', 'pull', URL_, '--from', '2024-07-02T00:00Z', '--to', '2024-07-02T04:00Z'];
    const first = await runCli([...args, '--watchlist', watchlist]);
    assert.equal(first.json().rowsKept, 5637);
    const again = await runCli([...args, '--watchlist', watchlist]);
    assert.equal(again.code, 0);
    assert.deepEqual([again.json().windows.length, again.json().hoursSkipped], [0, 4]);
    const wider = path.join(dir, 'wider.txt');
    writeFileSync(wider, [...WATCHED, 'a00002'].join('\n'));
    const third = await runCli([...args, '--watchlist', wider]);
    assert.deepEqual(third.json().windows.map((w: { aircraft: number }) => w.aircraft), [1]);
    const got = await positions(db);
    assert.equal(got.length, 5637 + 1409);
    assert.equal(new Set(got.map((r) => `${r.icao24} ${r.time}`)).size, got.length, 'no duplicates');
  });

  it('stops with a clear error when a shard dies mid-pull, and the next pull completes without duplicates', async () => {
    const db = tempDb();
    const store = await Store.open(db);
    const fleet = new Set(WATCHED);
    const source = () => new ClickHouseSource({ url: URL_ });
    // One window at a time, so that exactly the first two windows are committed when the shard dies
    // (the concurrent case is the next test).
    const range = { from: T0 - 3 * 3600, to: T0 + 3 * 3600, fleet, windowHours: 1, concurrency: 1 };
    let windows = 0;
    after(startShards);
    await assert.rejects(
      pull(store, source(), {
        ...range,
        onWindow: () => {
          if (++windows === 2) killShard(2);
        },
      }),
      (e: Error) =>
        /^clickhouse:\/\/127\.0\.0\.1:18123\/\S+: ClickHouse answered HTTP 500: All connection tries failed: .+ \(code 279; a shard of the cluster is down or unreachable\)$/.test(e.message) ||
        assert.fail(e.message),
    );
    // The two committed windows are there, whole; nothing of the third.
    assert.equal(await store.value(`SELECT count(*)::INTEGER FROM sources`), 2);
    const partial = Number(await store.value(`SELECT count(*) FROM positions`));
    assert.equal(partial, 2819);
    startShards();
    const rest = await pull(store, source(), range);
    assert.equal(rest.windows.length, 4);
    assert.equal(rest.hoursSkipped, 2);
    store.close();
    const got = await positions(db);
    assert.equal(got.length, 8457);
    assert.equal(new Set(got.map((r) => `${r.icao24} ${r.time}`)).size, got.length, 'no duplicates');
  });

  it('gives the same rows and sources several windows at a time as one at a time', async () => {
    const fleet = new Set(WATCHED);
    const range = { from: T0 - 3 * 3600, to: T0 + 3 * 3600, fleet, windowHours: 1 };
    const runs = [];
    for (const concurrency of [1, 4]) {
      const db = tempDb();
      const store = await Store.open(db);
      const result = await pull(store, new ClickHouseSource({ url: URL_ }), { ...range, concurrency });
      const sources = await store.all(`SELECT id, path, rows_kept, bytes FROM sources ORDER BY id`);
      store.close();
      runs.push({ windows: result.windows.map((w) => [w.start, w.sourceId, w.rowsKept]), sources, rows: await positions(db) });
    }
    const [one, four] = runs as [(typeof runs)[0], (typeof runs)[0]];
    assert.equal(one.rows.length, 8457);
    assert.deepEqual(four.rows, one.rows);
    assert.deepEqual(four.sources, one.sources);
    // Source ids follow the windows' order whatever order they committed in.
    assert.deepEqual(four.windows, one.windows);
    assert.deepEqual(one.windows.map((w) => w[1]), [1, 2, 3, 4, 5, 6]);
  });

  it('keeps whole windows when a shard dies during a concurrent pull, and the next pull completes without duplicates', async () => {
    const db = tempDb();
    const store = await Store.open(db);
    const fleet = new Set(WATCHED);
    const range = { from: T0 - 3 * 3600, to: T0 + 3 * 3600, fleet, windowHours: 1, concurrency: 3 };
    // What each hour holds, by ClickHouse's own count of the same filter.
    const where = new ClickHouseSource({ url: URL_ }).query({ start: range.from, end: range.to, include: [...fleet].sort(), exclude: [] }).replace(/^.* WHERE /, '').replace(/ FORMAT RowBinary$/, '');
    const perHour = new Map(
      (await ch(`SELECT intDiv(time, 3600) * 3600, count() FROM ${DB}.positions WHERE ${where} GROUP BY intDiv(time, 3600) FORMAT TabSeparated`))
        .trim()
        .split('\n')
        .map((line) => line.split('\t').map(Number) as [number, number]),
    );
    assert.equal([...perHour.values()].reduce((a, b) => a + b), 8457);
    let committed = 0;
    after(startShards);
    await assert.rejects(
      pull(store, new ClickHouseSource({ url: URL_ }), {
        ...range,
        onWindow: () => {
          if (++committed === 1) killShard(2);
        },
      }),
      (e: Error) =>
        /^clickhouse:\/\/127\.0\.0\.1:18123\/\S+: ClickHouse (answered HTTP 500|stopped the query): .+ \(code \d+; a shard of the cluster is down or unreachable\)$/.test(e.message) ||
        assert.fail(e.message),
    );
    // Windows in flight when the shard died either committed whole or left nothing.
    const kept = await store.all<{ start: number; rows: number; sourced: number }>(
      `SELECT w.window_start AS start, (SELECT count(*) FROM positions p WHERE p.source_id = w.source_id)::INTEGER AS rows, s.rows_kept AS sourced
       FROM pulled_windows w JOIN sources s ON s.id = w.source_id ORDER BY start`,
    );
    assert.ok(kept.length >= 1 && kept.length < 6, `${kept.length} windows committed`);
    for (const k of kept) assert.deepEqual([k.rows, k.sourced], [perHour.get(k.start), perHour.get(k.start)], `window ${k.start}`);
    assert.equal(await store.value(`SELECT count(*)::INTEGER FROM sources`), kept.length);
    assert.equal(await store.value(`SELECT count(*)::INTEGER FROM positions WHERE source_id NOT IN (SELECT source_id FROM pulled_windows)`), 0);
    startShards();
    const rest = await pull(store, new ClickHouseSource({ url: URL_ }), range);
    assert.equal(rest.windows.length, 6 - kept.length);
    assert.equal(rest.hoursSkipped, kept.length);
    store.close();
    const got = await positions(db);
    assert.equal(got.length, 8457);
    assert.equal(new Set(got.map((r) => `${r.icao24} ${r.time}`)).size, got.length, 'no duplicates');
  });

  it('cancels and rolls back the windows in flight when another window fails', async () => {
    // Window 2's reply stalls after its first chunk; window 3 (started when window 1 is done) fails.
    let calls = 0;
    const hooked: typeof fetch = async (input, init) => {
      if (!/FORMAT (RowBinary|CSV)$/.test(String(init?.body))) return fetch(input, init);
      const call = ++calls;
      if (call === 3) return new Response('Code: 241, e.displayText() = DB::Exception: Memory limit (for query) exceeded, e.what() = DB::Exception', { status: 500 });
      const response = await fetch(input, init);
      if (call !== 2) return response;
      const reader = response.body!.getReader();
      let sent = false;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (sent) {
            // Stalls until the pull cancels it, as a slow shard would.
            await new Promise((_, reject) => init!.signal!.addEventListener('abort', () => reject(new Error('aborted'))));
          }
          const chunk = await reader.read();
          if (chunk.done) return controller.close();
          sent = true;
          controller.enqueue(chunk.value);
        },
      });
      return new Response(body, { status: response.status, headers: response.headers });
    };
    const db = tempDb();
    const store = await Store.open(db);
    const range = { from: T0 - 3 * 3600, to: T0, fleet: new Set(WATCHED), windowHours: 1, concurrency: 2 };
    await assert.rejects(pull(store, new ClickHouseSource({ url: URL_, fetch: hooked }), range), (e: Error) => {
      assert.equal(e.message, `clickhouse://127.0.0.1:18123/${DB}.positions: ClickHouse answered HTTP 500: Memory limit (for query) exceeded (code 241)`);
      return true;
    });
    assert.equal(calls, 3);
    // Window 1 only: window 2 was cancelled mid-reply and left nothing.
    assert.deepEqual(await store.all(`SELECT path, rows_kept FROM sources`), [
      { path: `clickhouse://127.0.0.1:18123/${DB}.positions#2024-07-01T21:00:00Z/2024-07-01T22:00:00Z`, rows_kept: 1409 },
    ]);
    assert.equal(await store.value(`SELECT count(*)::INTEGER FROM positions`), 1409);
    const rest = await pull(store, new ClickHouseSource({ url: URL_ }), range);
    assert.deepEqual([rest.windows.length, rest.hoursSkipped, rest.rowsKept], [2, 1, 2820]);
    store.close();
    const got = await positions(db);
    assert.equal(got.length, 1409 + 2820);
    assert.equal(new Set(got.map((r) => `${r.icao24} ${r.time}`)).size, got.length, 'no duplicates');
  });

  it('stops with a clear error when a shard dies while the reply is streaming, loading nothing of that window', async () => {
    // A bigger table, all on shard 2, of values that do not compress: shard 1 relays its rows as we
    // read them, so shard 2 is still sending when it dies.
    await chBoth(`CREATE TABLE ${DB}.big_local AS ${DB}.positions_local`);
    await chBoth(`CREATE TABLE ${DB}.big AS ${DB}.positions_local ENGINE = Distributed(charterwatch, ${DB}, big_local, cityHash64(icao24))`);
    await ch(
      `INSERT INTO ${DB}.big_local SELECT toUInt32(${T0} + intDiv(number, 100)) AS time, lower(hex(toUInt32(10485760 + number % 100))) AS icao24,
        (cityHash64(number) % 1000000) / 20000, -(cityHash64(number, 1) % 1000000) / 10000, (cityHash64(number, 2) % 100000) / 300,
        (cityHash64(number, 3) % 36000) / 100, (cityHash64(number, 4) % 2000) / 100 - 10, 'RPN529', 0, 0, 0, '',
        (cityHash64(number, 5) % 1200000) / 100, NULL, NULL, toFloat64(time) FROM numbers(2000000)`,
      1,
    );
    const big = `clickhouse://127.0.0.1:18123/${DB}.big`;
    const fleet = new Set(Array.from({ length: 20 }, (_, i) => (0xa00000 + i).toString(16)));
    let received = 0;
    let killed = false;
    after(startShards);
    // Kills shard 2 once the first megabyte of the reply has come in.
    const killing: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!/FORMAT (RowBinary|CSV)$/.test(String(init?.body))) return response;
      const reader = response.body!.getReader();
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const chunk = await reader.read();
          if (chunk.done) return controller.close();
          received += chunk.value.byteLength;
          if (received > 1_000_000 && !killed) {
            killed = true;
            killShard(2);
          }
          controller.enqueue(chunk.value);
        },
      });
      return new Response(body, { status: response.status, headers: response.headers });
    };
    const db = tempDb();
    const store = await Store.open(db);
    const range = { from: T0, to: T0 + 86400, fleet };
    await assert.rejects(pull(store, new ClickHouseSource({ url: big, fetch: killing }), range), (e: Error) =>
      /^clickhouse:\/\/127\.0\.0\.1:18123\/\S+: ClickHouse stopped the query: .+ \(code \d+; a shard of the cluster is down or unreachable\)$/.test(e.message) || assert.fail(e.message),
    );
    assert.ok(killed && received > 1_000_000);
    assert.deepEqual([await store.value(`SELECT count(*)::INTEGER FROM sources`), await store.value(`SELECT count(*)::INTEGER FROM positions`)], [0, 0]);
    startShards();
    const again = await pull(store, new ClickHouseSource({ url: big }), range);
    assert.equal(again.rowsKept, 400000);
    assert.equal(await store.value(`SELECT count(DISTINCT (icao24, time))::INTEGER FROM positions`), 400000);
    store.close();
  });

  it('reads a table of another layout through a mapping file', async () => {
    await chBoth(`CREATE TABLE ${DB}.adsb_local (ts DateTime, hex String, latitude Float64, longitude Float64, alt_ft Nullable(Int32),
      gs Nullable(Float32), trk Nullable(Float32), baro_rate Nullable(Int32), flight Nullable(String), ground UInt8)
      ENGINE = MergeTree() ORDER BY (hex, ts)`);
    await chBoth(`CREATE TABLE ${DB}.adsb AS ${DB}.adsb_local ENGINE = Distributed(charterwatch, ${DB}, adsb_local, cityHash64(hex))`);
    await ch(`INSERT INTO ${DB}.adsb_local SELECT toDateTime(${T0} + number * 60), 'a00001', 25.5, -80.25, 35000, 450, 90, -1200, 'RPN529', 0 FROM numbers(3)`, 0);
    await ch(`INSERT INTO ${DB}.adsb_local SELECT toDateTime(${T0} + number * 60), 'a00004', 25.5, -80.25, NULL, NULL, NULL, NULL, NULL, 1 FROM numbers(2)`, 1);
    // Implausible values are refused as in every batch reader, counted and kept aside with their reason.
    await ch(`INSERT INTO ${DB}.adsb_local VALUES (toDateTime(${T0} + 600), 'a00007', 25.5, -80.25, -164042, 450, 90, 0, 'RPN530', 0), (toDateTime(${T0} + 660), 'a00007', 25.5, -80.25, 30000, 450, 720, 0, 'RPN530', 0)`, 0);
    const mapping = path.join(dir, 'mapping.yaml');
    writeFileSync(
      mapping,
      [
        `table: ${DB}.adsb`,
        'columns: { time: ts, icao24: hex, lat: latitude, lon: longitude, baroaltitude: alt_ft, geoaltitude: null,',
        '  velocity: gs, heading: trk, vertrate: baro_rate, callsign: flight, onground: ground, squawk: null, lastcontact: null }',
        'units: { altitude: ft, speed: kt, vertrate: ft/min }',
      ].join('\n'),
    );
    const db = tempDb();
    const result = await runCli(['--db', db, 'pull', URL_, '--from', '2024-07-02', '--to', '2024-07-03', '--watchlist', watchlist, '--mapping', mapping]);
    assert.equal(result.code, 0, result.stderr);
    const store = await Store.open(db);
    const rows = await store.all(`SELECT icao24, time, alt_baro_ft, gs_kt, track_deg, vrate_fpm, callsign, on_ground FROM positions ORDER BY icao24, time`);
    const path_ = await store.value(`SELECT path FROM sources`);
    const counts = await store.all(`SELECT rows_read::INTEGER AS rows_read, rows_kept::INTEGER AS rows_kept, rows_rejected::INTEGER AS rows_rejected FROM sources`);
    const rejects = await store.all<{ reason: string }>(`SELECT reason FROM rejects ORDER BY raw`);
    store.close();
    assert.deepEqual(counts, [{ rows_read: 7, rows_kept: 5, rows_rejected: 2 }]);
    assert.deepEqual(rejects.map((r) => r.reason).sort(), ['altitude out of range (-2000 to 60000 ft)', 'track out of range (0 to 360 degrees)']);
    assert.equal(path_, `clickhouse://127.0.0.1:18123/${DB}.adsb#2024-07-02T00:00:00Z/2024-07-03T00:00:00Z`);
    assert.deepEqual(rows, [
      { icao24: 'a00001', time: T0, alt_baro_ft: 35000, gs_kt: 450, track_deg: 90, vrate_fpm: -1200, callsign: 'RPN529', on_ground: false },
      { icao24: 'a00001', time: T0 + 60, alt_baro_ft: 35000, gs_kt: 450, track_deg: 90, vrate_fpm: -1200, callsign: 'RPN529', on_ground: false },
      { icao24: 'a00001', time: T0 + 120, alt_baro_ft: 35000, gs_kt: 450, track_deg: 90, vrate_fpm: -1200, callsign: 'RPN529', on_ground: false },
      { icao24: 'a00004', time: T0, alt_baro_ft: null, gs_kt: null, track_deg: null, vrate_fpm: null, callsign: null, on_ground: true },
      { icao24: 'a00004', time: T0 + 60, alt_baro_ft: null, gs_kt: null, track_deg: null, vrate_fpm: null, callsign: null, on_ground: true },
    ]);
  });

  describe('bad input: a clear message, nothing loaded', () => {
    const cases: { name: string; url: string; args?: string[]; error: RegExp; code?: number }[] = [
      { name: 'an unreachable host', url: `clickhouse://127.0.0.1:18999/${DB}.positions`, error: /^charterwatch: clickhouse:\/\/127\.0\.0\.1:18999\/\S+: cannot reach ClickHouse at http:\/\/127\.0\.0\.1:18999\/ \(ECONNREFUSED\)$/m },
      { name: 'wrong credentials', url: `clickhouse://puller:wrong@127.0.0.1:18123/${DB}.positions`, error: /ClickHouse refused the credentials: Wrong password for user puller \(code 193\)/ },
      { name: 'a table that does not exist', url: `clickhouse://127.0.0.1:18123/${DB}.nope`, error: /: no table cw_test_pull_\d+\.nope on this server$/m },
      { name: 'a table without the expected columns', url: `clickhouse://127.0.0.1:18123/${DB}.adsb`, error: /: the table has no columns time, icao24, lat, lon, velocity, heading, vertrate, callsign, onground, squawk, baroaltitude, geoaltitude, lastcontact; it has ts, hex, .* Describe its layout with --mapping FILE/ },
      { name: 'a URL without the table', url: 'clickhouse://127.0.0.1:18123/positions', error: /expected clickhouse:\/\/HOST:PORT\/DATABASE\.TABLE, got "clickhouse:\/\/127\.0\.0\.1:18123\/positions"/, code: 2 },
      { name: 'too many windows at once', url: URL_, args: ['--concurrency', '9'], error: /^charterwatch: --concurrency expects a whole number from 1 to 8 for this source, got "9"$/m, code: 2 },
    ];
    for (const c of cases) {
      it(`says so for ${c.name}`, async () => {
        const db = tempDb();
        const result = await runCli(['--db', db, 'pull', c.url, '--from', '2024-07-02', '--to', '2024-07-03', '--watchlist', watchlist, ...(c.args ?? [])]);
        assert.equal(result.code, c.code ?? 1);
        assert.match(result.stderr, c.error);
        assert.equal(result.stderr.trim().split('\n').length, 1);
        assert.doesNotMatch(result.stderr, /wrong@/, 'never echoes a password');
        if (c.code === 2) return;
        const store = await Store.open(db);
        assert.deepEqual([await store.value(`SELECT count(*)::INTEGER FROM sources`), await store.value(`SELECT count(*)::INTEGER FROM positions`)], [0, 0]);
        store.close();
      });
    }

    it('warns about a window with no data and loads nothing', async () => {
      const db = tempDb();
      const result = await runCli(['--db', db, 'pull', URL_, '--from', '2023-01-01', '--to', '2023-01-02', '--watchlist', watchlist]);
      assert.equal(result.code, 0);
      assert.match(result.stderr, new RegExp(`warning: clickhouse://127.0.0.1:18123/${DB}.positions has no positions of the 4 watched aircraft between 2023-01-01T00:00:00Z and 2023-01-02T00:00:00Z`));
      assert.match(result.stdout, /1 window\(s\) pulled, 0 positions, 0 bytes received/);
    });
  });
});

/** The window's rows as an OpenSky state-vector CSV: SI units, empty for unknown, true/false flags. */
async function openskyCsv(from: number, to: number): Promise<string> {
  const tsv = await ch(`SELECT * FROM ${DB}.positions WHERE time >= ${from} AND time < ${to} ORDER BY icao24, time FORMAT TabSeparated`);
  const header = 'time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact';
  const lines = tsv.trimEnd().split('\n').map((line) =>
    line.split('\t').map((v, i) => (v === '\\N' ? '' : i >= 8 && i <= 10 ? (v === '1' ? 'true' : 'false') : v)).join(','),
  );
  return `${header}\n${lines.join('\n')}\n`;
}

/** What the positions table must hold for an OpenSky CSV, by the rules of docs/pull.md, computed independently. */
function referenceRows(csvPath: string, watched: Set<string>) {
  const text = require_('node:fs').readFileSync(csvPath, 'utf8') as string;
  const [, ...lines] = text.trimEnd().split('\n');
  const num = (v: string) => (v === '' ? null : Number(v));
  const rows = [];
  for (const line of lines) {
    const f = line.split(',');
    const [time, icao24, lat, lon, velocity, heading, vertrate, callsign, onground, , , squawk, baro, geo, , lastcontact] = f as string[] & { length: 16 };
    if (!watched.has(icao24!) || lat === '' || lon === '' || Number(time) - Number(lastcontact) > 15) continue;
    rows.push({
      icao24: icao24!,
      time: Number(time),
      lat: Number(lat),
      lon: Number(lon),
      alt_baro_ft: round(num(baro!), 0.3048, 'div'),
      alt_geom_ft: round(num(geo!), 0.3048, 'div'),
      on_ground: onground === 'true',
      gs_kt: round(num(velocity!), 1852 / 3600, 'div'),
      track_deg: num(heading!),
      vrate_fpm: round(num(vertrate!), 0.3048 / 60, 'div'),
      callsign: callsign!.trim() || null,
      squawk: squawk || null,
    });
  }
  return rows;
}

/** Converted and rounded to 0.01, half away from zero (as SQL round does). */
function round(v: number | null, factor: number, _op: 'div'): number | null {
  if (v === null) return null;
  const x = (v * (1 / factor)) * 100;
  return (Math.sign(x) * Math.round(Math.abs(x))) / 100;
}

async function positions(db: string) {
  const store = await Store.open(db);
  const rows = await store.all<Record<string, unknown> & { icao24: string; time: number }>(
    `SELECT icao24, time, lat, lon, round(alt_baro_ft, 6) AS alt_baro_ft, round(alt_geom_ft, 6) AS alt_geom_ft, on_ground,
            round(gs_kt, 6) AS gs_kt, track_deg, round(vrate_fpm, 6) AS vrate_fpm, callsign, squawk
     FROM positions ORDER BY icao24, time`,
  );
  store.close();
  return rows;
}

import { createRequire } from 'node:module';
const require_ = createRequire(import.meta.url);
