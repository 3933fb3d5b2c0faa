/**
 * The server under heavy concurrent queries, against a year of seeded synthetic legs, every
 * request a different question (route maps and leg downloads over different periods, so the
 * cache cannot answer any of them):
 *
 * 1. a burst: CLIENTS clients (default 64) each send one request at the same moment over their
 *    own TCP connection;
 * 2. sustained: CLIENTS connections (autocannon) for SECONDS seconds (default 20), each sending
 *    its next request when the last is answered or after 10 s without an answer (autocannon's
 *    time-out, as a browser or script gives up and retries).
 *
 * Prints the statuses (200, 503 "busy") and the answers' latency. Target: every request of the
 * burst answered 200, and no 503 in the sustained run (requests wait their turn instead of
 * failing; a request whose client gave up is dropped, not counted against the others).
 *
 *   npx tsx bench/api-busy.bench.ts      (CLIENTS=128, SECONDS=10, BENCH_SCALE=0.25 for a quick run)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { request, Agent } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { startServer } from '../src/server/serve.ts';
import { Store } from '../src/store/store.ts';
import { writeSyntheticLegs } from '../test/server/synthetic-legs.ts';

const require = createRequire(import.meta.url);
type Cannon = (opts: object) => Promise<{ latency: { p50: number; p99: number; max: number }; '2xx': number; non2xx: number; errors: number; timeouts: number; statusCodeStats?: Record<string, { count: number }> }>;
const autocannon = require('autocannon') as Cannon;

const scale = Number(process.env.BENCH_SCALE ?? 1);
const clients = Number(process.env.CLIENTS ?? 64);
const seconds = Number(process.env.SECONDS ?? 20);
const days = Math.max(30, Math.round(366 * scale));

const dir = mkdtempSync(path.join(tmpdir(), 'charterwatch-bench-busy-'));
const store = await Store.open(path.join(dir, 'bench.duckdb'));
const { legs } = await writeSyntheticLegs(store, { seed: 11, from: '2024-01-01', days, missionsPerDay: 5, aircraft: 60 });
console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}; ${legs.toLocaleString('en-US')} legs over ${days} days; ${clients} clients at once`);
const server = await startServer({ store, port: 0, rateLimitPerMinute: false });

/** A different heavy question for each request: the period starts and ends on different days. */
const day = (d: number) => new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
const pathFor = (i: number) => {
  const period = `from=${day(Math.floor(i / days) % Math.floor(days / 2))}&to=${day(days - 1 - (i % Math.ceil(days / 2)))}`;
  return i % 2 === 0 ? `/api/map.svg?${period}` : `/api/legs?format=csv&${period}`;
};

const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
const get = (p: string) =>
  new Promise<{ status: number; ms: number }>((resolve, reject) => {
    const t0 = performance.now();
    const req = request(new URL(p, server.url), { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 }));
    });
    req.on('error', reject);
    req.end();
  });

const t0 = performance.now();
const results = await Promise.all(Array.from({ length: clients }, (_, i) => get(pathFor(i))));
const wall = performance.now() - t0;

// Sustained: a closed loop of `clients` connections, each request a new question.
let next = clients;
const sustained = await autocannon({
  url: server.url,
  connections: clients,
  duration: seconds,
  timeout: 10,
  requests: [{ setupRequest: (req: object) => ({ ...req, path: pathFor(next++) }) }],
});
// Requests the load generator gave up on may still be running: let them finish before closing.
for (let k = 0; k < 3; k++) await get('/api/sources');
await server.close();
store.close();
rmSync(dir, { recursive: true, force: true });

const byStatus = new Map<number, number>();
for (const r of results) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
const ok = results.filter((r) => r.status === 200).map((r) => r.ms).sort((a, b) => a - b);
const q = (p: number) => (ok.length ? ok[Math.min(ok.length - 1, Math.floor(p * ok.length))]!.toFixed(0) : '-');
console.log('  burst:');
console.log(`  statuses: ${[...byStatus].sort().map(([s, n]) => `${s} × ${n} (${((100 * n) / clients).toFixed(0)}%)`).join(', ')}`);
console.log(`  answered (200): first ${q(0)} ms, p10 ${q(0.1)} ms, p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${q(1)} ms; all done in ${wall.toFixed(0)} ms`);
const codes = Object.entries(sustained.statusCodeStats ?? {}).map(([code, v]) => `${code} × ${v.count ?? JSON.stringify(v)}`).join(', ');
const answered = Object.values(sustained.statusCodeStats ?? {}).reduce((sum, v) => sum + v.count, 0);
const busy = sustained.statusCodeStats?.['503']?.count ?? 0;
console.log(`  sustained, ${clients} connections for ${seconds} s: ${codes || 'no answers'}${answered ? ` (${((100 * busy) / answered).toFixed(0)}% 503)` : ''}; ${sustained.timeouts} client time-outs; latency p50 ${sustained.latency.p50} ms, p99 ${sustained.latency.p99} ms`);
const pass = (byStatus.get(200) ?? 0) === clients && busy === 0;
console.log(`  ${pass ? 'PASS' : 'FAIL'}: every one of ${clients} concurrent heavy requests answered 200, and none "busy" under sustained load`);
process.exitCode = pass ? 0 : 1;
