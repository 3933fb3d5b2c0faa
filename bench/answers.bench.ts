/**
 * The country sheet and the monthly report over a year of generated data (issue 6: each under
 * 2 s), and flight counts through the query layer's counted_legs view (issue 17), next to DuckDB
 * reading every leg back in the same run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { countrySheet } from '../src/answers/country.ts';
import { countFlights } from '../src/answers/flights.ts';
import { monthlyReport } from '../src/answers/monthly.ts';
import { generateTraffic, writeTraffic } from '../src/generate/index.ts';
import { Store } from '../src/store/store.ts';
import { rebuildFromPositions } from '../src/tracks/rebuild.ts';

const scale = Number(process.env.BENCH_SCALE ?? 1);
const aircraft = Math.max(2, Math.round(20 * scale));
const dir = mkdtempSync(path.join(tmpdir(), 'charterwatch-bench-answers-'));
try {
  const store = await Store.open(path.join(dir, 'year.duckdb'));
  const t0 = performance.now();
  const traffic = generateTraffic({ seed: 11, from: '2024-01-01', to: '2025-01-01', aircraft, stepSeconds: 30 });
  await writeTraffic(store, traffic, { label: 'generated:bench-year' });
  await rebuildFromPositions(store);
  const legs = Number(await store.value(`SELECT count(*) FROM legs`));
  console.error(`generated a year: ${aircraft} aircraft, ${legs.toLocaleString('en-US')} legs in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const time = async (fn: () => Promise<unknown>) => {
    const s = performance.now();
    await fn();
    return (performance.now() - s) / 1000;
  };
  const baseline = await time(() => store.all(`SELECT * FROM legs`));
  const sheet = await time(() => countrySheet(store, { country: 'CN', fiscalYear: 2024 }));
  const sheetGt = await time(() => countrySheet(store, { country: 'GT', fiscalYear: 2024 }));
  const report = await time(() => monthlyReport(store, { month: '2024-06' }));
  const byCountry = await time(() => countFlights(store, { kind: 'removal', by: 'country' }));
  const byReason = await time(() => countFlights(store, { by: 'reason', cite: false }));
  store.close();
  console.log(`\nAnswers over a year of generated data: ${legs.toLocaleString('en-US')} legs`);
  const rows: [string, number][] = [
    ['baseline: DuckDB reads every leg (SELECT * FROM legs)', baseline],
    ['country sheet CN (charterwatch country CN)', sheet],
    ['country sheet GT (the busiest destination)', sheetGt],
    ['monthly report 2024-06 (charterwatch report monthly)', report],
    ['flights count --kind removal --by country (with sources)', byCountry],
    ['flights count --by reason (every leg, no sources)', byReason],
  ];
  for (const [label, s] of rows) console.log(`  ${label.padEnd(60)} ${s.toFixed(3).padStart(8)} s  ${(s / baseline).toFixed(1).padStart(6)}x baseline`);
  const ok = Math.max(sheet, sheetGt, report, byCountry, byReason) < 2;
  console.log(`  target: each under 2 s: ${ok ? 'PASS' : 'FAIL'}`);
  if (!ok) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
