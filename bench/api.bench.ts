/**
 * API load benchmark: autocannon against the in-process server on loopback, over a year of
 * seeded synthetic legs (bench data is generated under the OS temp folder, never committed).
 * For each main endpoint: the first (cold) answer's time, then p50/p99 latency and requests/s
 * at 50 concurrent clients accepting gzip (after a one-second warm-up; the load generator in a worker thread), next to a baseline measured in the same run (GET /api, a fixed
 * answer that touches no data). Target of issue 7: p99 under 50 ms for the country and legs
 * endpoints; the process exits 1 if it is missed.
 *
 *   npx tsx bench/api.bench.ts          (BENCH_SCALE=0.1 for a quick run)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { startServer } from '../src/server/serve.ts';
import { Store } from '../src/store/store.ts';
import { writeSyntheticLegs } from '../test/server/synthetic-legs.ts';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon') as (opts: object) => Promise<{ latency: { p50: number; p99: number; max: number }; requests: { average: number; total: number }; non2xx: number; errors: number; timeouts: number }>;

const scale = Number(process.env.BENCH_SCALE ?? 1);
const days = Math.max(14, Math.round(366 * scale));
const seconds = Math.max(2, Math.round(5 * Math.min(1, scale * 2)));
const CONNECTIONS = 50;
/** Clients ask for gzip, as browsers and the dashboard do: answers of 40–300 kB go out as a few kB. */
const HEADERS = { 'accept-encoding': 'gzip' };
const TARGET_P99_MS = 50;

const dir = mkdtempSync(path.join(tmpdir(), 'charterwatch-bench-api-'));
const store = await Store.open(path.join(dir, 'bench.duckdb'));
const t0 = performance.now();
const { legs, missions } = await writeSyntheticLegs(store, { seed: 11, from: '2024-01-01', days, missionsPerDay: 5, aircraft: 60 });
console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} at the start (figures scale with what else runs)`);
console.log(`api bench: ${legs.toLocaleString('en-US')} legs, ${missions.toLocaleString('en-US')} missions over ${days} days (written in ${((performance.now() - t0) / 1000).toFixed(1)} s); ${CONNECTIONS} clients, ${seconds} s per endpoint`);
// No rate limit: 50 clients on one address would pass it at once.
const server = await startServer({ store, port: 0, rateLimitPerMinute: false });

const endpoints: { name: string; path: string; target: boolean }[] = [
  { name: 'baseline GET /api', path: '/api', target: false },
  { name: 'legs, first page', path: '/api/legs?limit=100', target: true },
  { name: 'legs, filtered', path: '/api/legs?kind=removal&country=GT&from=2024-06-01&to=2024-08-31&limit=100', target: true },
  { name: 'country sheet CN', path: '/api/countries/CN', target: true },
  { name: 'country sheet GT', path: '/api/countries/GT', target: true },
  { name: 'flights count since 4 June', path: '/api/flights/count?kind=removal&from=2024-06-04', target: false },
  { name: 'missions', path: '/api/missions?limit=50', target: false },
  { name: 'monthly report', path: '/api/reports/monthly/2024-06', target: false },
  { name: 'route map SVG', path: '/api/map.svg?kind=removal', target: false },
];

let failed = false;
let baselineP99 = 1;
console.log(`\n  ${'endpoint'.padEnd(30)} ${'cold ms'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'req/s'.padStart(9)} ${'p99/base'.padStart(9)}  target`);
for (const e of endpoints) {
  const url = new URL(e.path, server.url).href;
  const c0 = performance.now();
  const first = await fetch(url, { headers: HEADERS });
  await first.arrayBuffer();
  const cold = performance.now() - c0;
  if (first.status !== 200) throw new Error(`${e.path}: HTTP ${first.status}`);
  // Warm the JIT and the cache first; the load generator runs in a worker thread so it does not share the server's event loop.
  await autocannon({ url, connections: 10, duration: 1, workers: 1, headers: HEADERS });
  const r = await autocannon({ url, connections: CONNECTIONS, duration: seconds, workers: 1, headers: HEADERS });
  if (e.name.startsWith('baseline')) baselineP99 = Math.max(1, r.latency.p99);
  const miss = e.target && r.latency.p99 >= TARGET_P99_MS;
  if (miss || r.non2xx || r.errors) failed = true;
  console.log(
    `  ${e.name.padEnd(30)} ${cold.toFixed(1).padStart(8)} ${String(r.latency.p50).padStart(7)} ${String(r.latency.p99).padStart(7)} ${Math.round(r.requests.average).toLocaleString('en-US').padStart(9)} ${(r.latency.p99 / baselineP99).toFixed(2).padStart(9)}  ${e.target ? (miss ? `FAIL (p99 ≥ ${TARGET_P99_MS} ms)` : `p99 < ${TARGET_P99_MS} ms: PASS`) : ''}${r.non2xx ? ` ${r.non2xx} non-2xx` : ''}${r.errors ? ` ${r.errors} errors` : ''}`,
  );
}

await server.close();
store.close();
console.log(`\n  load average at the end: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
rmSync(dir, { recursive: true, force: true });
console.log(`\n  ${failed ? 'FAIL' : 'PASS'}: p99 under ${TARGET_P99_MS} ms at ${CONNECTIONS} clients for the country and legs endpoints`);
process.exitCode = failed ? 1 : 0;
