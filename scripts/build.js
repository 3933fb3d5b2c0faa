// `npm run build` (also run by `prepare` on `npm ci`, by `npm start` and by `npm test`): compiles
// src/ to dist/ with tsconfig.build.json, copies the files read at run time that are not
// TypeScript (src/web/*), and writes the record bin/charterwatch.js checks (scripts/build-stamp.js).
// The new build is made beside dist/ and moved into place at the end, so a build stopped half-way
// never leaves a half-written dist/. A build made from the sources as they are is kept
// (`--force` builds anyway): `npm test` and `npm start` then start at once.
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { STAMP, stampOf, staleness } from './build-stamp.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const next = `${dist}.new-${process.pid}`;
const old = `${dist}.old-${process.pid}`;

if (!process.argv.includes('--force') && staleness(root) === null) process.exit(0);

// Leftovers of builds that were stopped.
for (const name of readdirSync(root)) if (/^dist\.(new|old)-\d+$/.test(name)) rmSync(path.join(root, name), { recursive: true, force: true });

// Recorded before compiling: a source edited while tsc runs makes this build stale, as it may be.
const stamp = stampOf(root);
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const r = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--outDir', next], { stdio: 'inherit' });
if (r.status !== 0) {
  rmSync(next, { recursive: true, force: true });
  process.stderr.write(`build: tsc exited ${r.status ?? r.signal}; dist/ left as it was\n`);
  process.exit(1);
}
cpSync(path.join(root, 'src'), next, { recursive: true, filter: (src) => !src.endsWith('.ts') });
writeFileSync(path.join(next, STAMP), `${JSON.stringify(stamp)}\n`);
try {
  renameSync(dist, old);
} catch (error) {
  if (error.code !== 'ENOENT') throw error;
}
renameSync(next, dist);
rmSync(old, { recursive: true, force: true });
