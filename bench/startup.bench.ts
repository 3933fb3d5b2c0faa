/**
 * CLI start-up: wall time of `charterwatch --help` and of
 * `charterwatch encounters --citizenship CN --fy 2024` (on a database holding the shipped CBP
 * nationwide file, built first by `charterwatch ingest`), each run through bin/charterwatch.js as a
 * user runs it, against `node -e 0` (Node's own start-up) measured in the same run, the runs
 * interleaved so that load on the machine falls on all alike. `--help` run from the sources through
 * tsx, as bin/charterwatch.js did before the compiled build, is shown beside it. The median of the runs is
 * reported, with the fastest beside it.
 * Targets (issue 17): --help ≤ 0.3 s, encounters ≤ 0.6 s.
 * The answer is checked on every run (78,701 encounters, the shipped file's FY2024 figure).
 * BENCH_SCALE (default 1) scales the number of runs (11 at 1, at least 3).
 * `npm run build && npx tsx bench/startup.bench.ts`
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin/charterwatch.js');
const runs = Math.max(3, Math.round(11 * Number(process.env.BENCH_SCALE ?? 1)));
const dir = mkdtempSync(path.join(tmpdir(), 'charterwatch-bench-startup-'));
process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
const db = path.join(dir, 'stats.duckdb');

/** Runs node with `args`, failing the benchmark on a non-zero exit; returns the wall seconds. */
function timed(args: string[], expect?: string): number {
  const start = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', env: { ...process.env, TZ: 'UTC', CHARTERWATCH_DB: db } });
  const seconds = (performance.now() - start) / 1000;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr.trim()}`);
  if (expect && !r.stdout.includes(expect)) throw new Error(`node ${args.join(' ')} printed no "${expect}":\n${r.stdout}`);
  return seconds;
}

timed([bin, 'ingest', path.join(root, 'data/stats/cbp-nationwide-encounters-fy20-fy24-aor.csv.gz')]);

const cases = [
  { label: 'node -e 0 (Node start-up, the baseline)', args: ['-e', '0'], target: undefined },
  { label: 'charterwatch --help', args: [bin, '--help'], expect: 'encounters', target: 0.3 },
  { label: '  --help from the sources through tsx (as before)', args: ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), '--help'], expect: 'encounters', target: undefined },
  { label: 'charterwatch encounters --citizenship CN --fy 2024', args: [bin, 'encounters', '--citizenship', 'CN', '--fy', '2024'], expect: '78,701', target: 0.6 },
];
const times = cases.map(() => [] as number[]);
for (const c of cases) timed(c.args, c.expect); // warm the file cache (and tsx's) once
for (let i = 0; i < runs; i++) cases.forEach((c, k) => times[k]!.push(timed(c.args, c.expect)));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const baseline = median(times[0]!);
console.log(`\nCLI start-up, ${runs} runs each, wall time (median, fastest)`);
let missed = false;
cases.forEach((c, k) => {
  const m = median(times[k]!);
  const verdict = c.target === undefined ? '' : `target ≤ ${c.target} s: ${m <= c.target ? 'PASS' : 'FAIL'}`;
  if (c.target !== undefined && m > c.target) missed = true;
  console.log(`  ${c.label.padEnd(52)} ${m.toFixed(3).padStart(7)} s  ${Math.min(...times[k]!).toFixed(3).padStart(7)} s  ${(m / baseline).toFixed(1).padStart(5)}x node  ${verdict}`);
});
if (missed) process.exitCode = 1;
