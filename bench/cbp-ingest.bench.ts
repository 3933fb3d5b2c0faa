/**
 * Ingest of a generated CBP Nationwide Encounters file (10 million rows at BENCH_SCALE=1),
 * against DuckDB's own `SELECT count(*) FROM read_csv(…)` of the same file in the same run.
 * Target (issue 2): our ingest within 2x of that count.
 *
 * The generated lines draw their dimensions from a few values each, so many lines share them
 * and are stored summed; the ingest's cost is the scan, the checks and that grouping.
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ingestPaths } from '../src/ingest/ingest.ts';
import { Store } from '../src/store/store.ts';
import { CBP_HEADER } from '../test/stats/cbp-fixtures.ts';
import { mulberry32, report } from './util.ts';

const scale = Number(process.env.BENCH_SCALE ?? 1);
const rows = Math.round(10_000_000 * scale);
const dir = mkdtempSync(path.join(tmpdir(), 'charterwatch-bench-cbp-'));
const file = path.join(dir, 'nationwide-encounters.csv');

const random = mulberry32(20240702);
const months = ['OCT', 'NOV', 'DEC', 'JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP'];
const citizenships = ['MEXICO', 'GUATEMALA', 'HONDURAS', '"CHINA, PEOPLES REPUBLIC OF"', 'INDIA', 'ECUADOR', 'COLOMBIA', 'VENEZUELA', 'MYANMAR (BURMA)', 'OTHER'];
const components = ['Office of Field Operations', 'U.S. Border Patrol'];
const aors = ['El Paso Sector,El Paso', 'San Diego Sector,San Diego', 'Laredo Field Office,Laredo', 'Tucson Sector,Tucson'];

try {
  const t0 = performance.now();
  await new Promise<void>((resolve, reject) => {
    const out = createWriteStream(file);
    out.on('error', reject);
    out.write(`${CBP_HEADER}\n`);
    let i = 0;
    const writeMore = () => {
      let chunk = '';
      while (i < rows && chunk.length < 1 << 22) {
        const fy = 2020 + Math.floor(random() * 6);
        const count = Math.floor(random() * 5000);
        chunk += `${fy === 2025 ? '2025 (FYTD)' : fy},FYTD,${months[i % 12]},${components[i % 2]},Southwest Land Border,${aors[i % 4]},Single Adults,${citizenships[Math.floor(random() * 10)]},Title 8,Apprehensions,${count >= 1000 ? `"${count.toLocaleString('en-US')}"` : count}\n`;
        i++;
      }
      if (i >= rows) out.end(chunk, resolve);
      else if (out.write(chunk)) setImmediate(writeMore);
      else out.once('drain', writeMore);
    };
    writeMore();
  });
  const bytes = statSync(file).size;
  console.error(`generated ${rows.toLocaleString('en-US')} rows (${(bytes / 1e6).toFixed(0)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // Baseline: DuckDB's own scan of the same file.
  const baselineStore = await Store.open(':memory:');
  const b0 = performance.now();
  const counted = Number(await baselineStore.value(`SELECT count(*) FROM read_csv(?, header = true)`, [file]));
  const baseline = (performance.now() - b0) / 1000;
  baselineStore.close();

  const db = path.join(dir, 'bench.duckdb');
  const store = await Store.open(db);
  const s0 = performance.now();
  const [summary] = await ingestPaths(store, [file]);
  const ours = (performance.now() - s0) / 1000;
  const stored = Number(await store.value(`SELECT count(*) FROM encounters`));
  store.close();
  if (counted !== rows || summary?.rowsKept !== rows) throw new Error(`expected ${rows} rows, DuckDB counted ${counted}, ingest kept ${summary?.rowsKept}`);

  report({
    name: 'CBP nationwide ingest',
    rows,
    measurements: [
      { label: 'charterwatch ingest (hash, gzip check, parse, validate, match countries, store)', seconds: ours },
      { label: 'baseline: DuckDB SELECT count(*) FROM read_csv', seconds: baseline },
    ],
    ratio: ours / baseline,
    target: 2,
  });
  // Lines repeating every dimension are stored summed (real CBP files have none: every line is
  // distinct, and each becomes one row); the generated file repeats its few dimension values.
  console.log(`  encounters rows stored: ${stored.toLocaleString('en-US')} (lines with the same dimensions summed)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
