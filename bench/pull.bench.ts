/**
 * Pull benchmark (issue 9): ≥ 50 million generated positions across two ClickHouse shards behind
 * a Distributed table, 50 watched aircraft. Pull time against the time ClickHouse needs to
 * count() the same filter (same windows, same HTTP interface), and bytes received against the
 * size of the watched rows' values alone.
 *
 *   npx tsx bench/pull.bench.ts        (BENCH_SCALE=0.1 for a quick run)
 *
 * Needs Debian's clickhouse-server; starts the two loopback shards with scripts/clickhouse/start.sh
 * if they are not running. The data are generated inside ClickHouse (INSERT … SELECT FROM
 * numbers()), seeded by construction, under the servers' folder in the temp directory, and kept
 * between runs (regenerated when the size changes).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClickHouseSource } from '../src/pull/clickhouse.ts';
import { pull } from '../src/pull/pull.ts';
import { plan } from '../src/pull/windows.ts';
import { Store } from '../src/store/store.ts';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const ROWS = Math.round(50_000_000 * SCALE);
const AIRCRAFT = 20_000; // 10,000 per shard
const WATCHED = 50;
const STEP_S = 240;
const T0 = Date.UTC(2024, 6, 1) / 1000;
const DB = 'cw_bench_pull';
const SHARDS = ['http://127.0.0.1:18123/', 'http://127.0.0.1:18124/'];
const TARGET_TIME = 1.3;
const TARGET_BYTES = 1.25;

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const SERVERS_DIR = path.join(process.env.TMPDIR || tmpdir(), 'charterwatch-clickhouse');
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/**
 * CPU seconds (user + system) the two local ClickHouse servers have used so far, or null when
 * they were not started by scripts/clickhouse/start.sh here. Wall times on a shared machine move
 * with the load; the CPU each side costs does not, so it is what says whether a ratio is reachable.
 */
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

/** Runs `fn`, returning its wall seconds and the ClickHouse servers' CPU seconds meanwhile. */
async function timed<T>(fn: () => Promise<T>): Promise<{ seconds: number; cpu: number | null; value: T }> {
  const cpu0 = clickhouseCpu();
  const t = performance.now();
  const value = await fn();
  const seconds = (performance.now() - t) / 1000;
  const cpu1 = clickhouseCpu();
  return { seconds, cpu: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0, value };
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

/** Aircraft k lives on shard k % 2; its address is a00000 + k. Rows are spread evenly over the aircraft. */
async function generate(): Promise<void> {
  const perShard = Math.floor(ROWS / 2);
  const have = await ch(`SELECT count() FROM system.tables WHERE database = '${DB}' AND name = 'positions'`);
  if (have === '1' && (await ch(`SELECT count() FROM system.tables WHERE database = '${DB}' AND name = 'by_aircraft'`)) === '1' && Number(await ch(`SELECT count() FROM ${DB}.positions`)) === perShard * 2) return;
  const started = performance.now();
  for (const s of [0, 1]) {
    await ch(`DROP DATABASE IF EXISTS ${DB}`, s);
    await ch(`CREATE DATABASE ${DB}`, s);
    // Time-ordered, as an archive appended by time is: the address filter cannot use the primary key,
    // so both the count and the pull scan the window (the case the filter push-down is for).
    await ch(`CREATE TABLE ${DB}.positions_local (
      time UInt32, icao24 String, lat Nullable(Float64), lon Nullable(Float64),
      velocity Nullable(Float64), heading Nullable(Float64), vertrate Nullable(Float64),
      callsign String, onground UInt8, alert UInt8, spi UInt8, squawk String,
      baroaltitude Nullable(Float64), geoaltitude Nullable(Float64),
      lastposupdate Nullable(Float64), lastcontact Float64)
      ENGINE = MergeTree() PARTITION BY toYYYYMMDD(toDateTime(time)) ORDER BY (time, icao24)`, s);
    await ch(`CREATE TABLE ${DB}.positions AS ${DB}.positions_local ENGINE = Distributed(charterwatch, ${DB}, positions_local, cityHash64(icao24))`, s);
  }
  const half = AIRCRAFT / 2;
  await Promise.all(
    [0, 1].map((s) =>
      ch(
        `INSERT INTO ${DB}.positions_local
         SELECT toUInt32(${T0} + intDiv(number, ${half}) * ${STEP_S} + number % 60) AS time,
                lower(hex(toUInt32(10485760 + (number % ${half}) * 2 + ${s}))) AS icao24,
                20 + (number % 4000) / 200, -100 + (number % 7000) / 200,
                150 + number % 100, number % 360, if(number % 3 = 0, -5.08, 0),
                'RPN' || toString(number % 1000), toUInt8(number % 50 = 0), 0, 0, '1200',
                if(number % 20 = 0, NULL, 9000 + number % 3000), 9100,
                toFloat64(time), toFloat64(time) - 1
         FROM numbers(${perShard})`,
        s,
      ),
    ),
  );
  // The same rows in the documented layout, ordered by aircraft: the primary key finds the watched ones.
  await Promise.all(
    [0, 1].map(async (s) => {
      await ch(`CREATE TABLE ${DB}.by_aircraft_local AS ${DB}.positions_local ENGINE = MergeTree() PARTITION BY toYYYYMMDD(toDateTime(time)) ORDER BY (icao24, time)`, s);
      await ch(`CREATE TABLE ${DB}.by_aircraft AS ${DB}.by_aircraft_local ENGINE = Distributed(charterwatch, ${DB}, by_aircraft_local, cityHash64(icao24))`, s);
      await ch(`INSERT INTO ${DB}.by_aircraft_local SELECT * FROM ${DB}.positions_local`, s);
    }),
  );
  console.log(`generated ${(perShard * 2).toLocaleString('en-US')} positions on two shards (two layouts) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

interface Measured {
  table: string;
  total: number;
  windows: number;
  countS: number;
  /** The pull as charterwatch runs it (the source's default concurrency). */
  pullS: number;
  /** The same pull one window at a time (as before concurrent windows). */
  serialS: number;
  /** ClickHouse sending the same rows to a client that drops them. */
  drainS: number;
  /** Same-round ratios pull / count and serial pull / count. */
  ratios: number[];
  serialRatios: number[];
  pulls: number[];
  /** ClickHouse's CPU seconds (both servers) for the count, the pull, the drain; null if unknown. */
  countCpu: number | null;
  pullCpu: number | null;
  drainCpu: number | null;
  /** charterwatch's own CPU seconds for a pull: decoding, DuckDB's threads, everything in the process. */
  localCpu: number;
  watchedRows: number;
  stored: number;
  bytes: number;
  valueBytes: number;
  peakRss: number;
  load: [number, number];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const medianOrNull = (xs: (number | null)[]) => (xs.some((x) => x === null) ? null : median(xs as number[]));

async function measure(table: string, fleet: Set<string>, from: number, to: number): Promise<Measured> {
  const url = `clickhouse://127.0.0.1:18123/${DB}.${table}`;
  // The baseline: ClickHouse counting the same filter, window by window, over the same HTTP interface.
  const probe = new ClickHouseSource({ url });
  await probe.check();
  const windows = plan({ from, to, fleet, pulled: [], windowHours: probe.windowHours });
  const countQueries = windows.map((w) => probe.query(w).replace(/^SELECT .*? FROM /, 'SELECT count() FROM ').replace(/FORMAT RowBinary$/, 'FORMAT TabSeparated'));
  const count = async () => {
    let n = 0;
    for (const q of countQueries) n += Number(await ch(q));
    return n;
  };
  // A second reference: ClickHouse sending the very rows of the pull to a client that drops them.
  const pullQueries = windows.map((w) => probe.query(w));
  const drain = async () => {
    for (const q of pullQueries) {
      const r = await fetch(SHARDS[0]!, { method: 'POST', body: q });
      for await (const _ of r.body!) void _;
    }
  };
  const dir = mkdtempSync(path.join(tmpdir(), 'charterwatch-bench-pull-'));
  let peakRss = 0;
  const doPull = async (name: string, concurrency?: number) => {
    const store = await Store.open(path.join(dir, `${name}.duckdb`));
    const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
    const cpu = process.cpuUsage();
    const run = await timed(() => pull(store, new ClickHouseSource({ url }), { from, to, fleet, concurrency }));
    const used = process.cpuUsage(cpu);
    clearInterval(timer);
    store.close();
    return { ...run, localCpu: (used.user + used.system) / 1e6 };
  };
  const load0 = loadavg()[0]!;
  await count(); // warm the servers' caches for both sides alike
  await doPull('warm');
  const r = { count: [] as number[], pull: [] as number[], serial: [] as number[], drain: [] as number[], ratio: [] as number[], serialRatio: [] as number[] };
  const cpu = { count: [] as (number | null)[], pull: [] as (number | null)[], drain: [] as (number | null)[], local: [] as number[] };
  let last: Awaited<ReturnType<typeof doPull>> | undefined;
  let watchedRows = 0;
  for (let i = 0; i < 3; i++) {
    const c = await timed(count);
    watchedRows = c.value;
    last = await doPull(`pull-${i}`);
    const d = await timed(drain);
    const one = await doPull(`serial-${i}`, 1);
    r.count.push(c.seconds);
    r.pull.push(last.seconds);
    r.drain.push(d.seconds);
    r.serial.push(one.seconds);
    r.ratio.push(last.seconds / c.seconds);
    r.serialRatio.push(one.seconds / c.seconds);
    cpu.count.push(c.cpu);
    cpu.pull.push(last.cpu);
    cpu.drain.push(d.cpu);
    cpu.local.push(last.localCpu);
  }
  rmSync(dir, { recursive: true, force: true });
  // The watched rows' values alone: 8 bytes per number present (time, lat, lon, speeds, track,
  // on-ground, altitudes), the text of the strings.
  const where = countQueries[0]!
    .replace(/^SELECT count\(\) FROM \S+ WHERE /, '')
    .replace(/ FORMAT TabSeparated$/, '')
    .replace(/`time` >= \d+ AND `time` < \d+/, `\`time\` >= ${from} AND \`time\` < ${to}`);
  const valueBytes = Number(
    await ch(`SELECT sum(8 + length(icao24) + length(callsign) + length(squawk) + 8 * (2 + isNotNull(velocity) + isNotNull(heading) + isNotNull(vertrate)
      + 1 + isNotNull(baroaltitude) + isNotNull(geoaltitude))) FROM ${DB}.${table} WHERE ${where}`),
  );
  const result = last!.value;
  return {
    table,
    total: Number(await ch(`SELECT count() FROM ${DB}.${table}`)),
    windows: windows.length,
    countS: median(r.count),
    pullS: median(r.pull),
    serialS: median(r.serial),
    drainS: median(r.drain),
    ratios: r.ratio,
    serialRatios: r.serialRatio,
    pulls: r.pull,
    countCpu: medianOrNull(cpu.count),
    pullCpu: medianOrNull(cpu.pull),
    drainCpu: medianOrNull(cpu.drain),
    localCpu: median(cpu.local),
    watchedRows,
    stored: result.rowsKept,
    bytes: result.bytes,
    valueBytes,
    peakRss,
    load: [load0, loadavg()[0]!],
  };
}

function print(m: Measured, label: string, target: boolean): boolean {
  const timeRatio = m.pullS / m.countS;
  const bytesRatio = m.bytes / m.valueBytes;
  const verdict = (ok: boolean) => (target ? (ok ? 'PASS' : 'FAIL') : 'no target');
  const s = (x: number) => `${x.toFixed(3).padStart(8)} s`;
  const cpu = (x: number | null) => (x === null ? '' : `; ClickHouse CPU ${x.toFixed(2)} s`);
  console.log(`\n${label}: ${m.total.toLocaleString('en-US')} positions on 2 shards, ${WATCHED} watched aircraft, ${m.windows} windows of 24 h (load average ${m.load[0].toFixed(1)} → ${m.load[1].toFixed(1)})`);
  console.log(`  ClickHouse count() of the same filter        ${s(m.countS)}  (${m.watchedRows.toLocaleString('en-US')} rows match${cpu(m.countCpu)})`);
  console.log(`  charterwatch pull into DuckDB               ${s(m.pullS)}  (${m.stored.toLocaleString('en-US')} positions stored; runs ${m.pulls.map((x) => x.toFixed(3)).join(', ')} s${cpu(m.pullCpu)}; charterwatch CPU ${m.localCpu.toFixed(2)} s)`);
  console.log(`  the same pull one window at a time          ${s(m.serialS)}  (same-round ratios ${m.serialRatios.map((x) => x.toFixed(2)).join(', ')})`);
  console.log(`  ClickHouse sending the same rows, dropped   ${s(m.drainS)}  (one window at a time${cpu(m.drainCpu)})`);
  if (m.countCpu !== null && m.pullCpu !== null) {
    console.log(`  ClickHouse CPU, pull / count: ${(m.pullCpu / m.countCpu).toFixed(2)}x; the pull's CPU (ClickHouse + charterwatch) / the count's: ${((m.pullCpu + m.localCpu) / m.countCpu).toFixed(2)}x`);
    // CPU seconds over wall seconds: how much of the machine each side got. A count that got well
    // under all of it was slowed by other work, and the wall-time ratio then flatters the pull.
    const cores = cpus().length;
    const countCores = m.countCpu / m.countS;
    console.log(`  cores ClickHouse used: ${countCores.toFixed(2)} of ${cores} during the count, ${(m.pullCpu / m.pullS).toFixed(2)} during the pull`);
    if (countCores < cores / 2) console.log(`  note: the count got under half the machine (other load); its wall time, and the time ratio, are not a fair baseline in this run`);
  }
  console.log(`  time ratio ${timeRatio.toFixed(2)}x (medians; same-round ratios ${m.ratios.map((x) => x.toFixed(2)).join(', ')}) (target ≤ ${TARGET_TIME}x): ${verdict(timeRatio <= TARGET_TIME)}`);
  console.log(`  bytes received ${m.bytes.toLocaleString('en-US')}; the watched rows' values alone ${m.valueBytes.toLocaleString('en-US')} (${(m.valueBytes / m.stored).toFixed(1)} bytes a row)`);
  console.log(`  bytes ratio ${bytesRatio.toFixed(2)}x (target ≤ ${TARGET_BYTES}x): ${verdict(bytesRatio <= TARGET_BYTES)}`);
  console.log(`  received ${((m.bytes / (m.total * (m.valueBytes / m.watchedRows))) * 100).toFixed(3)}% of the table's values; peak RSS during the pulls ${(m.peakRss / 2 ** 20).toFixed(0)} MiB`);
  const complete = m.stored === m.watchedRows;
  if (!complete) console.log(`  FAIL: stored ${m.stored} positions, count() says ${m.watchedRows}`);
  return complete && (!target || (timeRatio <= TARGET_TIME && bytesRatio <= TARGET_BYTES));
}

async function main(): Promise<void> {
  await ensureServers();
  await generate();
  const maxTime = Number(await ch(`SELECT max(time) FROM ${DB}.positions`));
  // 50 watched aircraft, spread over both shards.
  const fleet = new Set(Array.from({ length: WATCHED }, (_, i) => (0xa00000 + i * 37).toString(16)));
  const from = T0;
  const to = Math.ceil((maxTime + 1) / 3600) * 3600;
  const scan = await measure('positions', fleet, from, to);
  const byAircraft = await measure('by_aircraft', fleet, from, to);
  const ok = print(scan, 'pull, time-ordered table (ORDER BY time, icao24: the filter scans the window)', true);
  print(byAircraft, 'pull, documented layout (ORDER BY icao24, time: the primary key finds the watched aircraft)', false);
  if (!ok) process.exitCode = 1;
}

await main();
