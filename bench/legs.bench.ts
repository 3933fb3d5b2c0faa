/**
 * Legs from positions on a generated month of charter traffic with exact ground truth.
 *
 * 1. Accuracy (issue 5): 60 aircraft, 15 June–15 July 2024, a position every 10 s: leg precision
 *    and recall ≥ 0.99, the right airport at ≥ 99% of observed ends, a wrong airport at < 0.5% of
 *    observed and inferred ends.
 * 2. Speed: 20 million positions (60 aircraft, a position every ~1.4 s) written to a store; legs and
 *    airports at ≥ 5 million positions/s on one core, printed next to the time DuckDB takes to read
 *    those positions out of the store (in aircraft and time order, into typed arrays).
 *
 * BENCH_SCALE (default 1) shrinks both (fewer aircraft for accuracy, sparser positions for speed).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateTraffic, scoreLegs, writeTraffic } from '../src/generate/index.ts';
import { Store } from '../src/store/store.ts';
import { classifyStore } from '../src/tracks/classify-store.ts';
import { buildLegs, deriveLegs, readTracks } from '../src/tracks/legs.ts';
import type { DerivedLeg } from '../src/tracks/segment.ts';
import type { CleanScratch } from '../src/tracks/clean.ts';

const scale = Number(process.env.BENCH_SCALE ?? 1);
const SEED = 20240702;
let failed = false;
const check = (label: string, ok: boolean) => {
  console.log(`  ${label.padEnd(60)} ${ok ? 'PASS' : 'FAIL'}`);
  if (!ok) failed = true;
};
const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

// 1. Accuracy.
{
  const aircraft = Math.max(8, Math.round(60 * scale));
  const t0 = performance.now();
  const g = generateTraffic({ seed: SEED, from: '2024-06-15', to: '2024-07-15', aircraft, stepSeconds: 10 });
  const genSeconds = (performance.now() - t0) / 1000;
  const derived: DerivedLeg[] = [];
  g.aircraft.forEach((a, k) => derived.push(...deriveLegs(g.positions.toTrack(k), { type: a.type })));
  const s = scoreLegs(g.legs, derived);
  console.log(`\nlegs accuracy: ${aircraft} aircraft, ${g.positions.n.toLocaleString('en-US')} positions, ${s.truthLegs.toLocaleString('en-US')} true legs, ${g.missions.length} missions (generated in ${genSeconds.toFixed(1)} s)`);
  console.log(`  derived legs ${s.derivedLegs}, matched ${s.matched}; ends observed ${s.ends.observed}, inferred ${s.ends.inferred}, unknown ${s.ends.unknown}`);
  check(`leg precision ${s.precision.toFixed(4)} (≥ 0.99)`, s.precision >= 0.99);
  check(`leg recall ${s.recall.toFixed(4)} (≥ 0.99)`, s.recall >= 0.99);
  check(`right airport at observed ends ${pct(s.observedRight)} (≥ 99%)`, s.observedRight >= 0.99);
  check(`wrong airport at observed/inferred ends ${pct(s.wrongAirport)} (< 0.5%)`, s.wrongAirport < 0.005);
  if (scale >= 1) check(`at least 60 aircraft and 2,000 legs`, aircraft >= 60 && s.truthLegs >= 2000);
  for (const m of s.mistakes.slice(0, 5)) console.log(`    ${m}`);
}

// 2. Speed.
{
  const dir = mkdtempSync(path.join(tmpdir(), 'charterwatch-bench-legs-'));
  try {
    const store = await Store.open(path.join(dir, 'bench.duckdb'));
    const stepSeconds = Math.max(1, 1.4 / scale);
    const types = new Map<string, string>();
    let positions = 0;
    const g0 = performance.now();
    // Ten aircraft at a time, so the generator's buffers stay small; each ten its own addresses.
    for (let group = 0; group < 6; group++) {
      const g = generateTraffic({ seed: SEED + group, from: '2024-06-15', to: '2024-07-15', aircraft: 10, firstAircraft: 10 * group, stepSeconds });
      for (const a of g.aircraft) types.set(a.icao24, a.type);
      await writeTraffic(store, g, { label: `generated:bench group ${group}` });
      positions += g.positions.n;
    }
    const writeSeconds = (performance.now() - g0) / 1000;
    const addresses = [...types.keys()].sort();

    // Our part, timed alone, inside the same stream that reads from the store.
    let deriveSeconds = 0;
    let legs = 0;
    const r0 = performance.now();
    // One set of cleaning arrays for the run, as buildLegs keeps (src/tracks/clean.ts).
    const scratch: CleanScratch = { track: null };
    for await (const track of readTracks(store, addresses, '', [])) {
      const d0 = performance.now();
      legs += deriveLegs(track, { type: types.get(track.icao24), scratch }).length;
      deriveSeconds += (performance.now() - d0) / 1000;
    }
    const loopSeconds = (performance.now() - r0) / 1000;
    const readSeconds = loopSeconds - deriveSeconds;

    // DuckDB alone: the same rows out of the store, nothing done with them.
    const q0 = performance.now();
    const result = await store.conn.stream(`SELECT icao24, time, lat, lon, coalesce(alt_baro_ft, alt_geom_ft), gs_kt, track_deg, on_ground FROM positions ORDER BY icao24, time`);
    let rows = 0;
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) rows += chunk.rowCount;
    const scanSeconds = (performance.now() - q0) / 1000;

    // Classification (issue 14): the stored legs' missions, evidence and kinds, read and written back in one transaction.
    await buildLegs(store, { types });
    const c0 = performance.now();
    const classified = await classifyStore(store);
    const classifySeconds = (performance.now() - c0) / 1000;
    store.close();

    const rate = positions / deriveSeconds;
    console.log(`\nlegs speed: ${positions.toLocaleString('en-US')} positions of ${addresses.length} aircraft, ${legs.toLocaleString('en-US')} legs (generated and stored in ${writeSeconds.toFixed(1)} s)`);
    const line = (label: string, seconds: number) => console.log(`  ${label.padEnd(78)} ${seconds.toFixed(2).padStart(7)} s  ${Math.round(positions / seconds).toLocaleString('en-US').padStart(12)} positions/s`);
    line('legs + airports (clean, split, airports for ends; one core)', deriveSeconds);
    line('baseline: DuckDB streams the rows out of the store, ordered (nothing done)', scanSeconds);
    line('DuckDB read into typed arrays per aircraft (readTracks)', readSeconds);
    console.log(`  ratio legs / DuckDB stream: ${(deriveSeconds / scanSeconds).toFixed(2)}x (rows streamed: ${rows.toLocaleString('en-US')})`);
    line(`classification of the ${classified.legs.toLocaleString('en-US')} stored legs (evidence, missions, written back)`, classifySeconds);
    line('legs + classification', deriveSeconds + classifySeconds);
    console.log(`  ratio (legs + classification) / DuckDB stream: ${((deriveSeconds + classifySeconds) / scanSeconds).toFixed(2)}x`);
    const both = positions / (deriveSeconds + classifySeconds);
    // The target is for 20 million positions; smaller scales keep the same legs on fewer positions, so per-leg work weighs more.
    if (scale >= 1) {
      check(`legs + airports at ${(rate / 1e6).toFixed(1)} million positions/s (≥ 5)`, rate >= 5e6);
      check(`legs + classification at ${(both / 1e6).toFixed(1)} million positions/s (≥ 5)`, both >= 5e6);
    } else console.log(`  legs + airports at ${(rate / 1e6).toFixed(1)}, with classification ${(both / 1e6).toFixed(1)} million positions/s (targets checked at BENCH_SCALE=1)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = failed ? 1 : 0;
