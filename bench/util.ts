/** The project's seeded PRNG (mulberry32), shared with the generator. */
export { seeded as mulberry32 } from '../src/generate/random.ts';

export interface BenchReport {
  name: string;
  rows: number;
  measurements: { label: string; seconds: number }[];
  /** ours / baseline */
  ratio: number;
  /** the highest ratio the issue allows */
  target: number;
}

/** Prints a benchmark's figures (rows/s next to the baseline, the ratio) and fails the process if the target is missed. */
export function report({ name, rows, measurements, ratio, target }: BenchReport): void {
  console.log(`\n${name}: ${rows.toLocaleString('en-US')} rows`);
  for (const m of measurements) {
    console.log(`  ${m.label.padEnd(80)} ${m.seconds.toFixed(2).padStart(8)} s  ${Math.round(rows / m.seconds).toLocaleString('en-US').padStart(13)} rows/s`);
  }
  const ok = ratio <= target;
  console.log(`  ratio ${ratio.toFixed(2)}x (target ≤ ${target}x): ${ok ? 'PASS' : 'FAIL'}`);
  if (!ok) process.exitCode = 1;
}
