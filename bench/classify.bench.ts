/**
 * Removal flights on a generated month with exact ground truth (issue 5): positions → store →
 * legs (src/tracks/legs.ts) → missions and classification (src/tracks/classify-store.ts), scored
 * leg by leg against the generator's truth. Target: removal precision and recall ≥ 0.98. The month
 * holds the confusers of real data (issue 14): public charters on a timetable, sports and casino
 * charters, evacuation charters, ferries, program flights on charter routes, legs without
 * callsign; the score is printed per kind and per category of work.
 * Speed: classifying the month's legs in the store, next to the time DuckDB takes to read them.
 *
 * BENCH_SCALE (default 1) shrinks the fleet (60 aircraft at 1).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { formatClassificationScore, generateTraffic, scoreClassification, writeTraffic } from '../src/generate/index.ts';
import { Store } from '../src/store/store.ts';
import { programLists } from '../src/tracks/classify-lists.ts';
import { classifyStore } from '../src/tracks/classify-store.ts';
import { scoreRemovals } from '../src/generate/classify-score.ts';
import { buildLegs } from '../src/tracks/legs.ts';

const scale = Number(process.env.BENCH_SCALE ?? 1);
const SEED = 20240702;
const aircraft = Math.max(8, Math.round(60 * scale));

const dir = mkdtempSync(path.join(tmpdir(), 'charterwatch-bench-classify-'));
let failed = false;
try {
  const store = await Store.open(path.join(dir, 'bench.duckdb'));
  const g0 = performance.now();
  const g = generateTraffic({ seed: SEED, from: '2024-06-15', to: '2024-07-15', aircraft, stepSeconds: 10 });
  const genSeconds = (performance.now() - g0) / 1000;
  await writeTraffic(store, g, { label: 'generated:bench classify' });
  const types = new Map(g.aircraft.map((a) => [a.icao24, a.type]));
  const b0 = performance.now();
  const built = await buildLegs(store, { types });
  const buildSeconds = (performance.now() - b0) / 1000;
  const c0 = performance.now();
  // The classifier weighs the generated contractors' program numbers (FICTIONAL) on generated legs, as it weighs the real ones' on real legs.
  const result = await classifyStore(store);
  const classifySeconds = (performance.now() - c0) / 1000;
  const r0 = performance.now();
  const legs = await store.all<{ icao24: string; dep: number; arr: number; kind: string | null; candidate_kind: string | null; dep_airport: string | null; arr_airport: string | null }>(
    `SELECT icao24, epoch(dep_time) AS dep, epoch(arr_time) AS arr, kind, candidate_kind, dep_airport, arr_airport FROM legs`,
  );
  const readSeconds = (performance.now() - r0) / 1000;
  store.close();

  const s = scoreRemovals(g.legs, legs);
  console.log(`\nremoval flights: ${aircraft} aircraft, ${g.positions.n.toLocaleString('en-US')} positions (generated in ${genSeconds.toFixed(1)} s), ${g.legs.length} true legs (${s.truthRemovals} removals), ${built.legs} derived legs, ${result.missions} missions`);
  console.log(`  derived removals ${s.derivedRemovals}, right ${s.right}; by kind ${JSON.stringify(result.byKind)}`);
  console.log(`  legs built in ${buildSeconds.toFixed(2)} s; classified in ${classifySeconds.toFixed(3)} s (${Math.round(result.legs / classifySeconds).toLocaleString('en-US')} legs/s) vs DuckDB reading them back ${readSeconds.toFixed(3)} s: ratio ${(classifySeconds / readSeconds).toFixed(1)}x`);
  const check = (label: string, ok: boolean) => {
    console.log(`  ${label.padEnd(60)} ${ok ? 'PASS' : 'FAIL'}`);
    if (!ok) failed = true;
  };
  check(`removal precision ${s.precision.toFixed(4)} (≥ 0.98)`, s.precision >= 0.98);
  check(`removal recall ${s.recall.toFixed(4)} (≥ 0.98)`, s.recall >= 0.98);
  for (const m of s.mistakes.slice(0, 8)) console.log(`    ${m}`);
  console.log('  by kind and by category of work:');
  for (const line of formatClassificationScore(scoreClassification(g.legs, legs))) console.log(line);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (failed) process.exitCode = 1;
