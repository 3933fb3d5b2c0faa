/**
 * The test suite's wall time (issue 17: `npm test` under 4 minutes on this 2-core machine with
 * every server test running), next to the baseline of the same run: the tests' own durations
 * summed, which is what they would take one after another. Runs `node scripts/test.js` (the
 * README's test command, several files at once) once; ClickHouse must be up for the pull tests
 * (scripts/clickhouse/start.sh), as in CI. BENCH_SCALE does not apply.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARGET_S = 240;

const t0 = performance.now();
const child = spawn(process.execPath, [path.join(root, 'scripts/test.js'), '--test-reporter=tap'], { cwd: root, env: { ...process.env, CI: process.env.CI ?? 'true' }, stdio: ['ignore', 'pipe', 'inherit'] });
let tap = '';
child.stdout.setEncoding('utf8');
child.stdout.on('data', (text: string) => (tap += text));
const code: number = await new Promise((resolve) => child.on('close', (c) => resolve(c ?? 1)));
const wall = (performance.now() - t0) / 1000;

// Top-level results (suites and tests at column 0) and their durations: "ok 3 - name" then "  duration_ms: 123.4".
let summed = 0;
let top = 0;
const lines = tap.split('\n');
for (let i = 0; i < lines.length; i++) {
  if (!/^(not )?ok \d+ - /.test(lines[i]!)) continue;
  for (let j = i + 1; j < Math.min(lines.length, i + 6); j++) {
    const m = /^ {2}duration_ms: ([\d.]+)/.exec(lines[j]!);
    if (m) {
      summed += Number(m[1]) / 1000;
      top++;
      break;
    }
  }
}
// The whole TAP output is kept for reading; a failure is named here.
mkdirSync(path.join(root, 'bench/out'), { recursive: true });
writeFileSync(path.join(root, 'bench/out/suite.tap'), tap);
for (let i = 0; i < lines.length; i++) if (/^\s*not ok \d+ - /.test(lines[i]!)) console.log(`  ${lines[i]!.trim()}  (bench/out/suite.tap line ${i + 1})`);
const count = (key: string) => Number(new RegExp(`^# ${key} (\\d+)`, 'm').exec(tap)?.[1] ?? NaN);
console.log(`\ntest suite: ${count('tests')} tests (${top} top-level suites and tests), ${count('pass')} passed, ${count('fail')} failed`);
console.log(`  npm test, wall time (build check included)          ${wall.toFixed(1).padStart(7)} s`);
console.log(`  baseline: the same tests' durations summed          ${summed.toFixed(1).padStart(7)} s  (one after another)`);
console.log(`  ratio ${(wall / summed).toFixed(2)}x of one after another`);
const ok = code === 0 && wall < TARGET_S;
console.log(`  under ${TARGET_S} s with every test passing: ${ok ? 'PASS' : 'FAIL'}`);
process.exitCode = ok ? 0 : 1;
