/** A small seeded PRNG (mulberry32): the same seed gives the same benchmark data on every run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
