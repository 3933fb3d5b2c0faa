/**
 * Runs every benchmark (bench/*.bench.ts) one after another, each in its own process so that
 * memory figures are its own. `npm run bench -- NAME…` runs only those whose file names contain NAME.
 * BENCH_SCALE (default 1) shrinks or grows the generated data.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
const failed: string[] = [];
for (const bench of benches) {
  console.log(`\n=== ${bench}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, bench)], { stdio: 'inherit', env: { ...process.env, TZ: 'UTC' } });
  if (r.status !== 0) failed.push(bench);
}
console.log(`\n${benches.length - failed.length} of ${benches.length} benchmarks met their targets${failed.length ? `; missed: ${failed.join(', ')}` : ''}`);
process.exitCode = failed.length ? 1 : 0;
