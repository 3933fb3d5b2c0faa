/**
 * Soak benchmark of `charterwatch watch`: a generated 24-hour SBS-1 feed of 5,000 aircraft
 * (each flying between 30 large airports with silent ground stops between flights), replayed at
 * 50x speed over loopback by a child process, into `startWatch` with a store in os.tmpdir().
 * One aircraft in ten is watched. Prints messages/s (against parsing alone, measured in the same
 * run), alert latency p50/p99 (wall time from the take-off in the feed to the alert) and peak
 * memory (RSS sampled every second), first half against second half.
 *
 * Targets (exit 1 when missed): peak RSS under 300 MB and flat (second half at most 15% above the
 * first half); at least 95% of the watched take-offs alerted; no take-off alerted twice.
 *
 *   npx tsx bench/watch-soak.bench.ts            # full: 24 h of feed, about 29 minutes
 *   BENCH_SCALE=0.1 npx tsx bench/watch-soak.bench.ts   # 2.4 h, 500 aircraft
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { airportByCode, type Airport } from '../src/airports/airports.ts';
import { createSbsParser } from '../src/ingest/positions/sbs.ts';
import type { Alert } from '../src/live/alerts.ts';
import { flightPoint, planFlight, sbsLines, type FlightPlan } from '../src/live/simulate.ts';
import { DEFAULT_WATCH_MEMORY_MB } from '../src/live/memory-limit.ts';
import { startWatch } from '../src/live/watch.ts';
import { Store } from '../src/store/store.ts';
import { seeded } from '../src/generate/random.ts';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const AIRCRAFT = Math.max(100, Math.round(5000 * SCALE));
const HOURS = Math.max(1, 24 * SCALE);
const SPEED = 50;
const STEP_S = 10;
const WATCH_EVERY = 10;
const T0 = Date.UTC(2024, 6, 2, 0, 0, 0) / 1000;
const T1 = T0 + HOURS * 3600;
const CODES = ['KAEX', 'KHRL', 'KIAH', 'KSAT', 'KMIA', 'KELP', 'KPHX', 'KBFI', 'KORD', 'KATL', 'KDFW', 'KDEN', 'KLAX', 'KJFK', 'KBOS', 'KMSP', 'KSLC', 'KMCO', 'KLAS', 'KSAN', 'KSTL', 'KMEM', 'MMMX', 'MGGT', 'MHTG', 'MSLP', 'MROC', 'MPTO', 'MDSD', 'SKBO'];

/** The project's seeded generator (mulberry32). */
const rng = seeded;

const icaoOf = (i: number) => (0xa00001 + i * 7).toString(16);
const watched = (i: number) => i % WATCH_EVERY === 0;

/** Every aircraft's flights over the period, seeded: the same in the server and in the checker. */
function schedule(): FlightPlan[][] {
  const airports = CODES.map((c) => airportByCode(c)).filter((a): a is Airport => a !== undefined);
  const rand = rng(42);
  const out: FlightPlan[][] = [];
  for (let i = 0; i < AIRCRAFT; i++) {
    const plans: FlightPlan[] = [];
    let at = airports[Math.floor(rand() * airports.length)]!;
    let t = T0 + rand() * 3 * 3600;
    while (t < T1) {
      let to = at;
      while (to === at) to = airports[Math.floor(rand() * airports.length)]!;
      const plan = planFlight({ from: at, to, start: t });
      plans.push(plan);
      t = plan.end + (30 + rand() * 150) * 60;
      at = to;
    }
    out.push(plans);
  }
  return out;
}

// ---------------------------------------------------------------- the feed server (child process)

async function serve(port: number, startWallMs: number): Promise<void> {
  const plans = schedule();
  const next = new Int32Array(AIRCRAFT); // index of the current or next flight per aircraft
  const server = net.createServer(async (socket) => {
    socket.on('error', () => undefined);
    for (let t = T0; t < T1; t += 1) {
      const out: string[] = [];
      for (let i = (t - T0) % STEP_S; i < AIRCRAFT; i += STEP_S) {
        const list = plans[i]!;
        while (next[i]! < list.length && list[next[i]!]!.end < t) next[i]!++;
        const f = list[next[i]!];
        // Transmitting from 5 minutes before taxi to 10 minutes after arriving; silent when parked.
        if (!f || t < f.start - 300 || t > f.end + 600) continue;
        const p = flightPoint(f, Math.min(Math.max(t, f.start), f.end));
        p.time = t;
        out.push(...sbsLines(icaoOf(i), `CW${i}`, p));
      }
      if (out.length > 0 && !socket.write(out.join('\r\n') + '\r\n')) await new Promise((r) => socket.once('drain', r));
      const due = startWallMs + ((t + 1 - T0) / SPEED) * 1000;
      const wait = due - Date.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    }
    socket.end();
    server.close();
  });
  server.listen(port, '127.0.0.1');
}

// ---------------------------------------------------------------- the watcher (this process)

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** Baseline: the SBS parser alone over a slice of the same feed, lines/s. */
function parseBaseline(plans: FlightPlan[][]): number {
  const lines: string[] = [];
  for (let t = T0; lines.length < 50_000 && t < T1; t++) {
    for (let i = (t - T0) % STEP_S; i < AIRCRAFT; i += STEP_S) {
      const f = plans[i]!.find((p) => p.start - 300 <= t && t <= p.end + 600);
      if (f) lines.push(...sbsLines(icaoOf(i), `CW${i}`, flightPoint(f, Math.min(Math.max(t, f.start), f.end))));
    }
  }
  const text = lines.join('\r\n') + '\r\n';
  const parser = createSbsParser({ fleet: new Set(Array.from({ length: AIRCRAFT }, (_, i) => i).filter(watched).map(icaoOf)) });
  const t0 = performance.now();
  for (let at = 0; at < text.length; at += 65536) parser.push(text.slice(at, at + 65536));
  return lines.length / ((performance.now() - t0) / 1000);
}

async function run(): Promise<number> {
  const plans = schedule();
  const fleet = new Set<string>();
  for (let i = 0; i < AIRCRAFT; i += WATCH_EVERY) fleet.add(icaoOf(i));
  const truth = new Map<string, number[]>();
  let truthTakeoffs = 0;
  for (let i = 0; i < AIRCRAFT; i += WATCH_EVERY) {
    // Take-offs the feed shows with at least 10 minutes of feed after them.
    const list = plans[i]!.filter((p) => p.takeoff < T1 - 600).map((p) => p.takeoff);
    truth.set(icaoOf(i), list);
    truthTakeoffs += list.length;
  }
  const baseline = parseBaseline(plans);

  const dir = mkdtempSync(path.join(tmpdir(), 'charterwatch-soak-'));
  const store = await Store.open(path.join(dir, 'soak.duckdb'));
  const port = await freePort();
  const startWallMs = Date.now() + 1500;
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), 'serve', String(port), String(startWallMs)], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env } });
  await new Promise((r) => setTimeout(r, 1200));

  const latencies: number[] = [];
  const feedDelays: number[] = [];
  const seen = new Map<string, number>();
  let doubled = 0;
  const controller = new AbortController();
  const handle = startWatch({
    store,
    feed: { sbs: { host: '127.0.0.1', port } },
    fleet,
    sinks: [],
    signal: controller.signal,
    backoff: { initialMs: 100, maxMs: 1000 },
    onAlert: (a: Alert, sentAtMs: number) => {
      if (a.event !== 'takeoff') return;
      const t = Date.parse(a.time) / 1000;
      const list = truth.get(a.icao24) ?? [];
      const real = list.reduce((best, x) => (Math.abs(x - t) < Math.abs(best - t) ? x : best), Infinity);
      if (!Number.isFinite(real) || Math.abs(real - t) > 300) return;
      const key = `${a.icao24}:${real}`;
      if (seen.has(key)) doubled++;
      seen.set(key, 1);
      latencies.push(sentAtMs - (startWallMs + ((real - T0) / SPEED) * 1000));
      feedDelays.push(Date.parse(a.detectedAt) / 1000 - real);
    },
  });

  // Memory sampled every second; the feed ends when the child closes the connection.
  const samples: number[] = [];
  const heaps: number[] = [];
  // The machine is shared: the 1-minute load average, sampled with the memory, says how busy it was.
  const loads: number[] = [];
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    samples.push(m.rss);
    heaps.push(m.heapUsed);
    loads.push(loadavg()[0]!);
  }, 1000);
  const childDone = new Promise<void>((r) => child.on('exit', () => r()));
  let lastLog = Date.now();
  const progress = setInterval(() => {
    if (Date.now() - lastLog < 30_000) return;
    lastLog = Date.now();
    const s = handle.stats;
    console.error(`  … ${s.lines.toLocaleString('en-US')} lines, ${s.alerts} alerts, ${s.aircraft} aircraft followed, RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
  }, 5000);
  await childDone;
  const wallS = (Date.now() - startWallMs) / 1000;
  await new Promise((r) => setTimeout(r, 500));
  controller.abort();
  const stats = await handle.done;
  clearInterval(sampler);
  clearInterval(progress);
  // DuckDB's own account of its memory at the end (buffer pool and appends not yet checkpointed).
  const duckMb = Number(await store.value(`SELECT coalesce(sum(memory_usage_bytes), 0) / 2^20 FROM duckdb_memory()`));
  store.close();
  rmSync(dir, { recursive: true, force: true });

  latencies.sort((a, b) => a - b);
  feedDelays.sort((a, b) => a - b);
  const half = Math.floor(samples.length / 2);
  const mb = (b: number) => b / 2 ** 20;
  const peak = mb(Math.max(...samples));
  const firstHalf = mb(Math.max(...samples.slice(0, half)));
  const secondHalf = mb(Math.max(...samples.slice(half)));
  const rate = stats.lines / wallS;
  const scheduledS = (HOURS * 3600) / SPEED;
  const alerted = seen.size;

  console.log(`watch soak: ${HOURS} h of feed, ${AIRCRAFT.toLocaleString('en-US')} aircraft (${fleet.size} watched), ${SPEED}x over loopback`);
  console.log(`  messages/s        ${Math.round(rate).toLocaleString('en-US')} (${stats.lines.toLocaleString('en-US')} lines in ${wallS.toFixed(0)} s; the schedule allows ${scheduledS.toFixed(0)} s)`);
  console.log(`  baseline          SBS parser alone ${Math.round(baseline).toLocaleString('en-US')} lines/s: watch runs at ${((rate / baseline) * 100).toFixed(1)}% of it (the feed is paced)`);
  console.log(`  alert latency     p50 ${(percentile(latencies, 0.5) / 1000).toFixed(2)} s, p99 ${(percentile(latencies, 0.99) / 1000).toFixed(2)} s wall (feed time from lift-off to the deciding position: p50 ${percentile(feedDelays, 0.5).toFixed(0)} s, p99 ${percentile(feedDelays, 0.99).toFixed(0)} s)`);
  console.log(`  take-offs         ${alerted} of ${truthTakeoffs} alerted (${((alerted / Math.max(1, truthTakeoffs)) * 100).toFixed(1)}%), ${doubled} alerted twice; ${stats.alerts} alerts in all`);
  console.log(`  positions stored  ${stats.stored.toLocaleString('en-US')}; ${stats.evicted} silent aircraft forgotten; ${stats.pauses} pauses for the store`);
  // Peaks catch spikes (a checkpoint, a major GC); medians show the trend the peaks may hide.
  const median = (xs: number[]) => mb(percentile([...xs].sort((a, b) => a - b), 0.5));
  const peakAt = samples.indexOf(Math.max(...samples)) / Math.max(1, samples.length - 1);
  console.log(`  peak RSS          ${peak.toFixed(0)} MB (first half ${firstHalf.toFixed(0)} MB, second half ${secondHalf.toFixed(0)} MB); JS heap peak first half ${mb(Math.max(...heaps.slice(0, half))).toFixed(0)} MB, second half ${mb(Math.max(...heaps.slice(half))).toFixed(0)} MB (the rest is DuckDB and buffers)`);
  console.log(`  RSS median        first half ${median(samples.slice(0, half)).toFixed(0)} MB, second half ${median(samples.slice(half)).toFixed(0)} MB; the peak came at ${(peakAt * 100).toFixed(0)}% of the run`);

  const failures: string[] = [];
  if (peak >= 300) failures.push(`peak RSS ${peak.toFixed(0)} MB ≥ 300 MB`);
  if (secondHalf > firstHalf * 1.15) failures.push(`memory grows: second half ${secondHalf.toFixed(0)} MB > first half ${firstHalf.toFixed(0)} MB + 15%`);
  if (alerted < 0.95 * truthTakeoffs) failures.push(`only ${alerted} of ${truthTakeoffs} take-offs alerted`);
  if (doubled > 0) failures.push(`${doubled} take-offs alerted twice`);
  console.log(`  DuckDB memory     ${duckMb.toFixed(0)} MB at the end (the watch session's limit: ${DEFAULT_WATCH_MEMORY_MB} MiB)`);
  console.log(`  load average      ${(loads.reduce((a, b) => a + b, 0) / Math.max(1, loads.length)).toFixed(1)} mean, ${Math.max(...loads).toFixed(1)} peak (1-minute, ${cpus().length} cores; other work shares them)`);
  for (const f of failures) console.log(`  MISSED: ${f}`);
  return failures.length === 0 ? 0 : 1;
}

if (process.argv[2] === 'serve') await serve(Number(process.argv[3]), Number(process.argv[4]));
else process.exitCode = await run();
