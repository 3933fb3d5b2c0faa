/**
 * Pull benchmark (issue 19): a day of positions of 1,000 aircraft (one every 15 s, 5.76 million
 * rows) on two ClickHouse shards behind a Distributed table, in two layouts, 500 watched
 * aircraft (2.88 million rows to land). The pull against ClickHouse sending the same rows to a
 * client that reads the reply and drops it, in the same rounds, and beside them the floor (DuckDB
 * storing the same rows from memory) and the lower bound it sets for any pull on this machine.
 *
 *   npx tsx bench/pull.bench.ts        (BENCH_SCALE=0.1 for a quick run; BENCH_ROUNDS=1 for one round instead of 3)
 *
 * Needs Debian's clickhouse-server; starts the two loopback shards with scripts/clickhouse/start.sh
 * if they are not running. The data are generated inside ClickHouse (INSERT … SELECT FROM
 * numbers()), seeded by construction, and kept between runs (regenerated when the size changes).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClickHouseSource } from '../src/pull/clickhouse.ts';
import { pull } from '../src/pull/pull.ts';
import { plan } from '../src/pull/windows.ts';
import { sqlString } from '../src/query/sql.ts';
import { Store } from '../src/store/store.ts';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const AIRCRAFT = Math.max(2, Math.round(1000 * SCALE));
const WATCHED = Math.max(1, Math.round(AIRCRAFT / 2));
const STEP_S = 15;
const T0 = Date.UTC(2024, 6, 1) / 1000;
const DAY = 86400;
const DB = 'cw_bench_pull_day';
const SHARDS = ['http://127.0.0.1:18123/', 'http://127.0.0.1:18124/'];
const TARGET = 1.3;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const SERVERS_DIR = path.join(process.env.TMPDIR || tmpdir(), 'charterwatch-clickhouse');
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU seconds (user + system) the two local ClickHouse servers have used so far, or null when unknown. */
function clickhouseCpu(): number | null {
  try {
    let seconds = 0;
    for (const n of [1, 2]) {
      const pid = readFileSync(path.join(SERVERS_DIR, `shard${n}`, 'launcher.pid'), 'utf8').trim();
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      seconds += (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
    }
    return seconds;
  } catch {
    return null;
  }
}

interface Timed {
  seconds: number;
  /** ClickHouse's CPU seconds meanwhile (null if unknown). */
  chCpu: number | null;
  /** This process's CPU seconds meanwhile (DuckDB's threads included); a child's are not in it. */
  localCpu: number;
}

async function timed(fn: () => Promise<unknown>): Promise<Timed> {
  const ch0 = clickhouseCpu();
  const cpu = process.cpuUsage();
  const t = performance.now();
  await fn();
  const seconds = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  const ch1 = clickhouseCpu();
  return { seconds, chCpu: ch0 === null || ch1 === null ? null : ch1 - ch0, localCpu: (used.user + used.system) / 1e6 };
}

async function ch(sql: string, shard = 0): Promise<string> {
  const r = await fetch(SHARDS[shard]!, { method: 'POST', body: sql });
  const text = await r.text();
  if (!r.ok) throw new Error(`${sql.slice(0, 80)}: ${text}`);
  return text.trim();
}

async function ensureServers(): Promise<void> {
  const up = await Promise.all(SHARDS.map((s) => fetch(`${s}ping`).then((r) => r.ok, () => false)));
  if (up.every(Boolean)) return;
  execFileSync(path.join(root, 'scripts/clickhouse/start.sh'), { stdio: 'inherit' });
}

const TABLES = { by_aircraft: '(icao24, time)', by_time: '(time, icao24)' } as const;

/** Aircraft k (address a00000 + k) lives on the shard its address hashes to; one row every 15 s for a day. */
async function generate(): Promise<void> {
  const rows = AIRCRAFT * (DAY / STEP_S);
  const ready = await ch(`SELECT count() FROM system.tables WHERE database = '${DB}' AND name IN ('by_aircraft', 'by_time')`);
  if (ready === '2' && Number(await ch(`SELECT count() FROM ${DB}.by_aircraft`)) === rows && Number(await ch(`SELECT count() FROM ${DB}.by_time`)) === rows) return;
  const started = performance.now();
  for (const s of [0, 1]) {
    await ch(`DROP DATABASE IF EXISTS ${DB}`, s);
    await ch(`CREATE DATABASE ${DB}`, s);
    for (const [table, order] of Object.entries(TABLES)) {
      await ch(`CREATE TABLE ${DB}.${table}_local (
        time UInt32, icao24 String, lat Nullable(Float64), lon Nullable(Float64),
        velocity Nullable(Float64), heading Nullable(Float64), vertrate Nullable(Float64),
        callsign String, onground UInt8, alert UInt8, spi UInt8, squawk String,
        baroaltitude Nullable(Float64), geoaltitude Nullable(Float64),
        lastposupdate Nullable(Float64), lastcontact Float64)
        ENGINE = MergeTree() PARTITION BY toYYYYMMDD(toDateTime(time)) ORDER BY ${order}`, s);
      await ch(`CREATE TABLE ${DB}.${table} AS ${DB}.${table}_local ENGINE = Distributed(charterwatch, ${DB}, ${table}_local, cityHash64(icao24))`, s);
    }
  }
  await Promise.all(
    [0, 1].map(async (s) => {
      await ch(
        `INSERT INTO ${DB}.by_aircraft_local
         SELECT time, icao24, lat, lon, velocity, heading, vertrate, callsign, onground, 0, 0, squawk, baroaltitude, geoaltitude, toFloat64(time), toFloat64(time) - 1
         FROM (SELECT toUInt32(${T0} + intDiv(number, ${AIRCRAFT}) * ${STEP_S} + number % ${STEP_S}) AS time,
                      lower(hex(toUInt32(10485760 + number % ${AIRCRAFT}))) AS icao24,
                      20 + (number % 4000) / 200 AS lat, -100 + (number % 7000) / 200 AS lon,
                      150 + number % 100 AS velocity, number % 360 AS heading, if(number % 3 = 0, -5.08, 0) AS vertrate,
                      'RPN' || toString(number % 1000) AS callsign, toUInt8(number % 50 = 0) AS onground, '1200' AS squawk,
                      if(number % 20 = 0, NULL, 9000 + number % 3000) AS baroaltitude, 9100 AS geoaltitude
               FROM numbers(${rows}))
         WHERE cityHash64(icao24) % 2 = ${s}`,
        s,
      );
      await ch(`INSERT INTO ${DB}.by_time_local SELECT * FROM ${DB}.by_aircraft_local`, s);
    }),
  );
  console.log(`generated ${rows.toLocaleString('en-US')} positions on two shards, in two layouts, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const medianOrNull = (xs: (number | null)[]) => (xs.some((x) => x === null) ? null : median(xs as number[]));

interface Series {
  seconds: number;
  runs: number[];
  chCpu: number | null;
  localCpu: number;
}

const summarise = (xs: Timed[]): Series => ({ seconds: median(xs.map((x) => x.seconds)), runs: xs.map((x) => x.seconds), chCpu: medianOrNull(xs.map((x) => x.chCpu)), localCpu: median(xs.map((x) => x.localCpu)) });

/** Runs the CLI as a user would (`bin/charterwatch.js pull …`), start-up included. */
function cli(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'bin/charterwatch.js'), ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`charterwatch ${args.join(' ')}: exit ${code}: ${stderr}`))));
  });
}

async function measure(table: keyof typeof TABLES, fleet: Set<string>, watchlist: string) {
  const url = `clickhouse://127.0.0.1:18123/${DB}.${table}`;
  const from = T0;
  const to = T0 + DAY;
  const probe = new ClickHouseSource({ url });
  await probe.check();
  const windows = plan({ from, to, fleet, pulled: [], windowHours: probe.windowHours });
  // The yardstick: ClickHouse sending the pull's rows to a client that reads the reply and drops it,
  // in RowBinary (its cheapest encoding, what the row-by-row path asked for) and in CSV (what the pull asks for now).
  const drain = (format: 'RowBinary' | 'CSV') => async () => {
    for (const w of windows) {
      const q = format === 'CSV' ? probe.fileQuery(w) : probe.query(w);
      const r = await fetch(SHARDS[0]!, { method: 'POST', body: q });
      for await (const _ of r.body!) void _;
    }
  };
  const dir = mkdtempSync(path.join(tmpdir(), 'charterwatch-bench-pull-'));
  let peakRss = 0;
  let stored = 0;
  // Every pull goes into a database made beforehand (migrated, empty), as a user's is.
  const made = async (name: string) => {
    const file = path.join(dir, `${name}.duckdb`);
    (await Store.open(file)).close();
    return file;
  };
  const inProcess = (file: string, landing: 'file' | 'rows') => async () => {
    const store = await Store.open(file);
    const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
    try {
      stored = (await pull(store, new ClickHouseSource({ url }), { from, to, fleet, landing })).rowsKept;
    } finally {
      clearInterval(timer);
      store.close();
    }
  };
  // The floor: DuckDB storing the same rows, already in memory (no reply, no parsing, no check), in
  // a database made beforehand, in one transaction as a pull's window. No pull that lands the rows
  // in DuckDB does less local work than this; on a machine whose cores ClickHouse shares, its CPU
  // is added to ClickHouse's.
  const floor = (from: string, file: string) => async () => {
    const db = await Store.open(file);
    try {
      await db.run(`ATTACH ${sqlString(from)} AS landed (READ_ONLY)`);
      await db.run('CREATE TEMP TABLE staged AS SELECT * FROM landed.positions');
      await db.run('DETACH landed');
      r.floor.push(await timed(() => db.transaction(() => db.run('INSERT INTO positions SELECT * FROM staged'))));
      const n = Number(await db.value('SELECT count(*) FROM positions'));
      if (n !== stored) throw new Error(`the floor stored ${n} rows, the pull ${stored}`);
    } finally {
      db.close();
    }
  };
  // The reply written to a file and nothing else: the first half of a pull.
  const download = (name: string) => async () => {
    for (const w of windows) await probe.download(probe.fileQuery(w), path.join(dir, `${name}-${w.start}.csv`));
  };
  // --no-legs: deriving the legs afterwards is another step with its own benchmark (legs.bench.ts), as for the ingest's.
  const viaCli = (file: string) => () => cli(['--db', file, 'pull', url, '--from', '2024-07-01', '--to', '2024-07-02', '--watchlist', watchlist, '--no-legs']);
  const watchedRows = Number(await ch(probe.query(windows[0]!).replace(/^SELECT .*? FROM /, 'SELECT count() FROM ').replace(/FORMAT RowBinary$/, '')));
  const load0 = loadavg()[0]!;
  await drain('RowBinary')(); // warm the servers' caches for every side alike
  const r = { binary: [] as Timed[], csv: [] as Timed[], download: [] as Timed[], file: [] as Timed[], cli: [] as Timed[], rows: [] as Timed[], floor: [] as Timed[], again: [] as Timed[] };
  for (let i = 0; i < ROUNDS; i++) {
    const dbs = { file: await made(`file-${i}`), cli: await made(`cli-${i}`), rows: await made(`rows-${i}`), floor: await made(`floor-${i}`) };
    r.binary.push(await timed(drain('RowBinary')));
    r.file.push(await timed(inProcess(dbs.file, 'file')));
    await floor(dbs.file, dbs.floor)();
    r.csv.push(await timed(drain('CSV')));
    r.download.push(await timed(download(`download-${i}`)));
    r.cli.push(await timed(viaCli(dbs.cli)));
    // The same command again: every hour already pulled, so nothing is asked for. What is left is
    // the CLI's own fixed cost (start-up, opening the database, checking the table, planning).
    r.again.push(await timed(viaCli(dbs.cli)));
    r.rows.push(await timed(inProcess(dbs.rows, 'rows')));
  }
  rmSync(dir, { recursive: true, force: true });
  return {
    table,
    windows: windows.length,
    watchedRows,
    stored,
    binary: summarise(r.binary),
    csv: summarise(r.csv),
    download: summarise(r.download),
    file: summarise(r.file),
    cli: summarise(r.cli),
    rows: summarise(r.rows),
    floor: summarise(r.floor),
    again: summarise(r.again),
    sameRound: r.file.map((f, i) => f.seconds / r.binary[i]!.seconds),
    peakRss,
    load: [load0, loadavg()[0]!] as const,
  };
}

function print(m: Awaited<ReturnType<typeof measure>>): boolean {
  const s = (x: number) => `${x.toFixed(3).padStart(8)} s`;
  const cpu = (x: Series, local = true) => `ClickHouse CPU ${x.chCpu === null ? '?' : x.chCpu.toFixed(2)} s${local ? `, charterwatch CPU ${x.localCpu.toFixed(2)} s` : ''}; runs ${x.runs.map((v) => v.toFixed(2)).join(', ')}`;
  const base = m.binary.seconds;
  console.log(`\npull, ${TABLES[m.table as keyof typeof TABLES]} layout: ${AIRCRAFT.toLocaleString('en-US')} aircraft, one day, 2 shards; ${WATCHED} watched: ${m.watchedRows.toLocaleString('en-US')} rows to land, ${m.windows} window (load average ${m.load[0].toFixed(1)} → ${m.load[1].toFixed(1)}, ${cpus().length} cores)`);
  console.log(`  ClickHouse sending the rows, dropped: RowBinary  ${s(base)}  (${cpu(m.binary, false)})`);
  console.log(`  ClickHouse sending the rows, dropped: CSV        ${s(m.csv.seconds)}  (${cpu(m.csv, false)})`);
  console.log(`  the CSV reply written to a file (no DuckDB)      ${s(m.download.seconds)}  (${cpu(m.download)})`);
  console.log(`  pull, in process (CSV file + read_csv)           ${s(m.file.seconds)}  ${(m.file.seconds / base).toFixed(2)}x RowBinary, ${(m.file.seconds / m.csv.seconds).toFixed(2)}x CSV  (${cpu(m.file)})`);
  console.log(`  pull, the CLI with its start-up                  ${s(m.cli.seconds)}  ${(m.cli.seconds / base).toFixed(2)}x RowBinary, ${(m.cli.seconds / m.csv.seconds).toFixed(2)}x CSV  (${cpu(m.cli, false)})`);
  console.log(`  pull row by row (RowBinary decoded, appended)    ${s(m.rows.seconds)}  ${(m.rows.seconds / base).toFixed(2)}x RowBinary  (${cpu(m.rows)})`);
  console.log(`  floor: DuckDB storing the same rows from memory ${s(m.floor.seconds)}  (charterwatch CPU ${m.floor.localCpu.toFixed(2)} s; runs ${m.floor.runs.map((v) => v.toFixed(2)).join(', ')})`);
  // ClickHouse must send the rows (at least the RowBinary drain's CPU) and DuckDB must store them
  // (at least the floor's CPU), on the same cores here: no pull can take less wall time than either
  // alone, nor than the two CPUs shared by the cores.
  if (m.binary.chCpu !== null) {
    const cores = cpus().length;
    const bound = Math.max(base, m.floor.seconds, (m.binary.chCpu + m.floor.localCpu) / cores);
    console.log(`  lower bound for any pull into DuckDB on these ${cores} cores: max(drain, floor, (ClickHouse CPU ${m.binary.chCpu.toFixed(2)} + DuckDB CPU ${m.floor.localCpu.toFixed(2)}) / ${cores}) = ${bound.toFixed(3)} s = ${(bound / base).toFixed(2)}x RowBinary`);
    console.log(`  the CLI again, nothing left to pull (its fixed cost) ${s(m.again.seconds)}; lower bound for the CLI's pull: ${(m.again.seconds + bound).toFixed(3)} s = ${((m.again.seconds + bound) / base).toFixed(2)}x RowBinary (target ≤ ${TARGET}x)`);
  }
  console.log(`  peak RSS during the in-process pulls ${(m.peakRss / 2 ** 20).toFixed(0)} MiB; same-round ratios pull / RowBinary drain ${m.sameRound.map((x) => x.toFixed(2)).join(', ')}`);
  const ratio = m.cli.seconds / base;
  const ok = ratio <= TARGET && m.stored === m.watchedRows;
  console.log(`  the CLI's pull / ClickHouse sending the rows (RowBinary): ${ratio.toFixed(2)}x (target ≤ ${TARGET}x): ${ok ? 'PASS' : 'FAIL'}`);
  if (m.stored !== m.watchedRows) console.log(`  FAIL: stored ${m.stored} positions, ClickHouse counts ${m.watchedRows}`);
  return ok;
}

async function main(): Promise<void> {
  await ensureServers();
  await generate();
  const fleet = new Set(Array.from({ length: WATCHED }, (_, i) => (0xa00000 + i * 2).toString(16)));
  const dir = mkdtempSync(path.join(tmpdir(), 'charterwatch-bench-watchlist-'));
  const watchlist = path.join(dir, 'watchlist.txt');
  writeFileSync(watchlist, [...fleet].join('\n'));
  let ok = true;
  for (const table of Object.keys(TABLES) as (keyof typeof TABLES)[]) ok = print(await measure(table, fleet, watchlist)) && ok;
  rmSync(dir, { recursive: true, force: true });
  if (!ok) process.exitCode = 1;
}

await main();
