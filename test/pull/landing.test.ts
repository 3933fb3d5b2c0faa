import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ClickHouseSource } from '../../src/pull/clickhouse.ts';
import { pull, type PullResult } from '../../src/pull/pull.ts';
import { Store } from '../../src/store/store.ts';
import { repoRoot, tempDb } from '../helpers.ts';
import { ch, chBoth, clickhouseReachable, createLayout } from './clickhouse-servers.ts';

const skip = await clickhouseReachable();
if (skip) console.log(`# skipping ClickHouse landing tests: ${skip}`);

const DB = `cw_test_landing_${process.pid}`;
const T0 = Date.UTC(2024, 6, 2) / 1000; // 2024-07-02T00:00:00Z
/** 8 aircraft, a row every 30 s for 6 hours, on both shards (by the Distributed table's key). */
const AIRCRAFT = Array.from({ length: 8 }, (_, i) => (0xa00001 + i).toString(16));
const FLEET = new Set(AIRCRAFT);
const RANGE = { from: T0, to: T0 + 6 * 3600, fleet: FLEET, windowHours: 2, concurrency: 2 };

// Values a reply can carry and both paths must treat alike: long decimals, NaN and infinities,
// NULLs, implausible altitudes, speeds and tracks, positions out of range, strings with quotes,
// commas, line breaks (first two hours only, so later windows take the one-reading path), a
// literal \N, Unicode spaces around them.
const GENERATE = `
  INSERT INTO ${DB}.TABLE_local
  SELECT t AS time, ac AS icao24,
    multiIf(n % 101 = 0, nan, n % 103 = 0, 95, 10 + (n % 1000) / 17) AS lat, -77 + (n % 733) / 13 AS lon,
    multiIf(n % 41 = 0, 600, n % 43 = 0, nan, n % 59 = 0, NULL, 150 + n / 7) AS velocity,
    multiIf(n % 47 = 0, 400, n % 53 = 0, -inf, (n * 7) % 360 + 1 / 3) AS heading,
    if(n % 7 = 0, -5.08, n / 9) AS vertrate,
    multiIf(n % 5 = 0, '', n % 5 = 1, concat('RPN5', toString(n % 10), '  '), n % 5 = 2, 'a"b,c',
            n % 5 = 3 AND t < ${T0 + 2 * 3600}, 'X\\nY', n % 5 = 3, '\\\\N', '\\xC2\\xA0RPN\\xE2\\x80\\x83') AS callsign,
    toUInt8(n % 17 = 0) AS onground, 0, 0,
    multiIf(n % 11 = 0, '', n % 13 = 0, ' 12 ', '7500') AS squawk,
    multiIf(n % 29 = 0, 30000, n % 31 = 0, inf, n % 37 = 0, NULL, 3048 + n / 3) AS baroaltitude, if(n % 7 = 0, NULL, 3100.5) AS geoaltitude,
    toFloat64(t) AS lastposupdate, toFloat64(t) - 1 AS lastcontact
  FROM (SELECT number AS n, toUInt32(${T0} + intDiv(number, 8) * 30) AS t, lower(hex(toUInt32(10485761 + number % 8))) AS ac
        FROM numbers(${720 * 8}))
  WHERE cityHash64(ac) % 2 = SHARD`;

/** Every column of the stored positions, sorted, and DuckDB's checksum of them. */
async function stored(db: string) {
  const store = await Store.open(db);
  const rows = await store.all(
    `SELECT icao24, time, lat, lon, alt_baro_ft, alt_geom_ft, on_ground, gs_kt, track_deg, vrate_fpm, callsign, squawk, flags
     FROM positions ORDER BY icao24, time`,
  );
  const sum = await store.value<string>(
    `SELECT sum(hash(icao24, time, lat, lon, alt_baro_ft, alt_geom_ft, on_ground, gs_kt, track_deg, vrate_fpm, callsign, squawk, flags))::VARCHAR FROM positions`,
  );
  const sources = await store.all(`SELECT id, path, format, bytes > 0 AS some_bytes, rows_read, rows_kept, rows_rejected FROM sources ORDER BY id`);
  // Rows kept aside, by window: at most 1,000 a window (which 1,000 differs between the paths: the
  // row-by-row path keeps the first as they arrive, the file path the first in time order).
  const rejects = await store.all<{ source_id: number; n: number }>(`SELECT source_id, count(*)::INTEGER AS n FROM rejects GROUP BY 1 ORDER BY 1`);
  const keptAside = await store.all(`SELECT source_id, reason, raw FROM rejects ORDER BY ALL`);
  store.close();
  return { rows, sum, sources, rejects, keptAside };
}

const counts = (r: PullResult) => r.windows.map((w) => ({ start: w.start, read: w.rowsRead, kept: w.rowsKept, rejected: w.rowsRejected, byReason: w.rejectedByReason }));

describe('landing pulled rows through a file read by DuckDB', { skip: skip || false }, () => {
  before(async () => {
    await createLayout(DB);
    // The same rows in the time-ordered layout too.
    await chBoth(`CREATE TABLE ${DB}.by_time_local AS ${DB}.positions_local ENGINE = MergeTree() PARTITION BY toYYYYMMDD(toDateTime(time)) ORDER BY (time, icao24)`);
    await chBoth(`CREATE TABLE ${DB}.by_time AS ${DB}.by_time_local ENGINE = Distributed(charterwatch, ${DB}, by_time_local, cityHash64(icao24))`);
    for (const table of ['positions', 'by_time']) {
      for (const shard of [0, 1]) await ch(GENERATE.replace('TABLE', table).replace('SHARD', String(shard)), shard);
    }
  });
  after(async () => {
    if (!process.env.CW_KEEP_CLICKHOUSE) await chBoth(`DROP DATABASE IF EXISTS ${DB}`);
  });

  for (const table of ['positions', 'by_time']) {
    it(`gives exactly the rows, counts and refusals of the row-by-row path (${table === 'positions' ? '(icao24, time)' : 'time-ordered'} layout, both shards)`, async () => {
      const url = `clickhouse://127.0.0.1:18123/${DB}.${table}`;
      const dbs = { rows: tempDb(), file: tempDb() };
      const results: Record<string, PullResult> = {};
      for (const landing of ['rows', 'file'] as const) {
        const store = await Store.open(dbs[landing]);
        results[landing] = await pull(store, new ClickHouseSource({ url }), { ...RANGE, landing });
        store.close();
      }
      const [old, now] = [await stored(dbs.rows), await stored(dbs.file)];
      // What ClickHouse holds for the filter, shard by shard: every row of both shards was read.
      const where = new ClickHouseSource({ url }).query({ start: RANGE.from, end: RANGE.to, include: AIRCRAFT.slice().sort(), exclude: [] }).replace(/^.* WHERE /, '').replace(/ FORMAT RowBinary$/, '');
      const perShard = await Promise.all([0, 1].map(async (s) => Number(await ch(`SELECT count() FROM ${DB}.${table}_local WHERE ${where}`, s))));
      assert.ok(perShard[0]! > 0 && perShard[1]! > 0, `rows on both shards: ${perShard}`);
      assert.equal(perShard[0]! + perShard[1]!, 5760, 'every generated row passes ClickHouse\'s filter (a NaN latitude is not NULL)');
      assert.equal(now.rows.length, old.rows.length);
      assert.equal(now.sum, old.sum);
      assert.deepEqual(now.rows, old.rows);
      assert.deepEqual(counts(results.file!), counts(results.rows!));
      assert.equal(results.file!.windows.reduce((n, w) => n + w.rowsRead, 0), perShard[0]! + perShard[1]!);
      assert.deepEqual(now.rejects, old.rejects);
      assert.deepEqual(now.rejects.map((r) => r.n), results.file!.windows.filter((w) => w.rowsRejected > 0).map((w) => Math.min(w.rowsRejected, 1000)));
      // Which rows are kept aside does not hang on the order DuckDB read the file in: a second pull keeps the same ones.
      const again = tempDb();
      const repeat = await Store.open(again);
      await pull(repeat, new ClickHouseSource({ url }), { ...RANGE, landing: 'file' });
      repeat.close();
      assert.deepEqual((await stored(again)).keptAside, now.keptAside);
      assert.deepEqual(
        now.sources.map((s) => ({ ...s })),
        old.sources.map((s) => ({ ...s })),
      );
      // The refusals, by reason, as every batch reader words them.
      const byReason: Record<string, number> = {};
      for (const w of results.file!.windows) for (const [r, n] of Object.entries(w.rejectedByReason)) byReason[r] = (byReason[r] ?? 0) + n;
      assert.deepEqual(Object.keys(byReason).sort(), [
        'altitude out of range (-2000 to 60000 ft)',
        'ground speed out of range (0 to 1000 kt)',
        'no usable position: latitude or longitude missing or out of range',
        'track out of range (0 to 360 degrees)',
      ]);
      assert.equal(now.rows.length + Object.values(byReason).reduce((a, b) => a + b, 0), perShard[0]! + perShard[1]!);
      // The strings came back as sent: quotes, commas, a line break, a literal \N, Unicode spaces trimmed.
      const callsigns = new Set(now.rows.map((r) => r.callsign));
      for (const c of [null, 'RPN51', 'a"b,c', 'X\nY', '\\N', 'RPN']) assert.ok(callsigns.has(c), `callsign ${JSON.stringify(c)}`);
      assert.deepEqual(new Set(now.rows.map((r) => r.squawk)), new Set([null, '12', '7500']));
      // Nothing left in the staging folder.
      assert.equal(existsSync(`${dbs.file}.pull`), false);
    });
  }

  it('rolls a window back and removes its file when the reply is not what was asked', async () => {
    const url = `clickhouse://127.0.0.1:18123/${DB}.positions`;
    // A reply whose second row has an address that is no address: a corrupted stream.
    const hooked: typeof fetch = async (input, init) => {
      if (!/FORMAT CSV$/.test(String(init?.body))) return fetch(input, init);
      return new Response(`${T0},"a00001",10,-77,\\N,\\N,\\N,\\N,0,\\N,\\N,\\N\n${T0 + 30},"zz",10,-77,\\N,\\N,\\N,\\N,0,\\N,\\N,\\N\n`);
    };
    const db = tempDb();
    const store = await Store.open(db);
    await assert.rejects(pull(store, new ClickHouseSource({ url, fetch: hooked }), { ...RANGE, concurrency: 1 }), (e: Error) => {
      assert.equal(
        e.message,
        `clickhouse://127.0.0.1:18123/${DB}.positions: a row of the reply has address zz and time ${T0 + 30}.0, not a 6-hex-digit address and a time inside the window asked for (the reply was cut or is not in the expected layout)`,
      );
      return true;
    });
    // And a reply cut in the middle of a row.
    const cut: typeof fetch = async (input, init) => {
      if (!/FORMAT CSV$/.test(String(init?.body))) return fetch(input, init);
      return new Response(`${T0},"a00001",10,-77,\\N,\\N,\\N,\\N,0,\\N,\\N,\\N\n${T0 + 30},"a000`);
    };
    await assert.rejects(pull(store, new ClickHouseSource({ url, fetch: cut }), { ...RANGE, concurrency: 1 }), (e: Error) => {
      assert.equal(e.message, `clickhouse://127.0.0.1:18123/${DB}.positions: the reply ended in the middle of a row: the connection was cut`);
      return true;
    });
    assert.deepEqual([await store.value(`SELECT count(*)::INTEGER FROM sources`), await store.value(`SELECT count(*)::INTEGER FROM positions`)], [0, 0]);
    store.close();
    assert.equal(existsSync(`${db}.pull`), false);
  });

  it('resumes after a pull killed while a window\'s reply was coming in: whole windows only, its file removed by the next pull, no duplicates', async () => {
    const url = `clickhouse://127.0.0.1:18123/${DB}.positions`;
    // The reference: the same range pulled in one go.
    const all = tempDb();
    const full = await Store.open(all);
    await pull(full, new ClickHouseSource({ url }), RANGE);
    full.close();
    const once = await stored(all);
    const db = tempDb();
    // A child pulls one window at a time and stops dead (SIGKILL) while the second window's reply is on disk.
    const child = spawn(process.execPath, ['--import', 'tsx', KILLED, db, url, String(RANGE.from), String(RANGE.to), AIRCRAFT.join(',')], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d;
        if (out.includes('stalled')) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', (code) => reject(new Error(`the child ended by itself (${code}): ${out}`)));
    });
    await new Promise((resolve) => child.once('exit', resolve));
    const left = readdirSync(`${db}.pull`);
    assert.equal(left.length, 1, 'the killed window\'s file is left behind');
    assert.match(left[0]!, new RegExp(`^${child.pid}-2\\.csv$`));
    const store = await Store.open(db);
    const first = (once.sources[0] as { rows_kept: number }).rows_kept;
    assert.ok(first > 1700, `${first} rows in the first window`);
    assert.deepEqual(await store.all(`SELECT id, rows_kept FROM sources ORDER BY id`), [{ id: 1, rows_kept: first }]);
    assert.equal(await store.value(`SELECT count(*)::INTEGER FROM positions`), first);
    const rest = await pull(store, new ClickHouseSource({ url }), RANGE);
    assert.deepEqual([rest.windows.length, rest.hoursSkipped], [2, 2]);
    store.close();
    assert.equal(existsSync(`${db}.pull`), false, 'the next pull removed the file and the folder');
    const resumed = await stored(db);
    assert.equal(resumed.rows.length, once.rows.length);
    assert.equal(resumed.sum, once.sum);
    assert.equal(new Set(resumed.rows.map((r) => `${r.icao24} ${r.time}`)).size, resumed.rows.length, 'no duplicates');
  });
});

/** The child of the kill test (test/pull/killed-pull.ts). */
const KILLED = path.join(repoRoot, 'test/pull/killed-pull.ts');
