// `npm test [-- FILE… --test-name-pattern=…]`: builds dist/ (tests that start the CLI as a process run the build, and a
// stale build is refused), compiles the tests with the sources they import into .test-build/, then
// runs every test file, or the files named, with node's own runner on the compiled files (no
// tsx), TZ=UTC, several files at once. A test file also runs from its sources:
// `node --import tsx --test test/x.test.ts`. Each file runs in its own process with its own
// temporary folders and databases and ports the system gives, so files do not wait on each other.
// TEST_CONCURRENCY (default 4) sets how many files run at once: most of a file's time is spent
// waiting on DuckDB, child processes and Chromium, so more files than cores keeps both busy.
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The files that take longest (measured one at a time on 2026-12-03: 20 to 37 CPU-seconds for the
 * first six, 10 to 18 for the rest), started first so that no long file is left to run alone at the
 * end. The demo's two files lead: the first builds the shared demo fixture, the second builds the
 * RadarBox history meanwhile (test/shared-fixture.ts).
 */
const SLOW_FIRST = [
  'test/demo/acceptance.test.ts',
  'test/answers/claims.test.ts',
  'test/pull/clickhouse.test.ts',
  'test/ingest/positions/bad-input.test.ts',
  'test/ingest/limits/csv-limits.test.ts',
  'test/tracks/classify-real.test.ts',
  'test/store/shared.test.ts',
  'test/server/query-queue.test.ts',
  'test/web/dashboard.test.ts',
  'test/store/store.test.ts',
  'test/ingest/limits/gzip-bomb.test.ts',
  'test/ingest/histories/radarbox.test.ts',
  'test/ingest/positions/readers.test.ts',
  'test/web/generated-banner.test.ts',
  'test/web/countries.test.ts',
];

function testFiles(dir) {
  const files = [];
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) files.push(...testFiles(rel));
    else if (entry.name.endsWith('.test.ts')) files.push(rel);
  }
  return files.sort();
}

const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.js')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

// The tests and the sources they import, compiled to JavaScript in .test-build/ (types are checked
// by `npx tsc --noEmit`, not here): each test file then runs on plain Node, without tsx's loader,
// which costs every test process about as much CPU again as loading the code itself. The files a
// test reads beside its code (fixtures, the web assets, data/, the README) are linked or copied in
// at the same places, so paths made from import.meta.url find them.
const out = path.join(root, '.test-build');
rmSync(out, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.test.json')], { stdio: 'inherit' });
if (compiled.status !== 0) process.exit(compiled.status ?? 1);
for (const name of ['data', 'scripts', 'bin', 'README.md', 'package.json']) symlinkSync(path.join('..', name), path.join(out, name));
for (const dir of ['src', 'test']) cpSync(path.join(root, dir), path.join(out, dir), { recursive: true, filter: (src) => !src.endsWith('.ts') });

// Arguments starting with "-" go to node's runner (--test-name-pattern=…), the others are files.
const flags = process.argv.slice(2).filter((a) => a.startsWith('-'));
const named = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const all = named.length > 0 ? named : testFiles('test');
const files = [...SLOW_FIRST.filter((f) => all.includes(f)), ...all.filter((f) => !SLOW_FIRST.includes(f))];
const concurrency = process.env.TEST_CONCURRENCY ?? '4';
const r = spawnSync(process.execPath, ['--test', `--test-concurrency=${concurrency}`, '--test-timeout=600000', ...flags, ...files.map((f) => path.join('.test-build', f.replace(/\.ts$/, '.js')))], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TZ: 'UTC' },
});
process.exit(r.status ?? 1);
