// The build's record of the sources it was made from, and the check that a build is current.
// Plain JavaScript: bin/charterwatch.js runs it before anything is compiled.
//
// Why a record of every file rather than "is dist newer than src": git sets a file's mtime to when
// it was checked out, not when it was written, and `cp -p` or unpacking an archive can give a
// changed file an old mtime. So the build notes each source's size, mtime and SHA-1; a start-up
// stats every source (about 200 files, a few milliseconds) and hashes only a file whose size or
// mtime differs from the record. A file added, removed or changed in content makes the build
// stale; a file only touched (same content) does not.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** The stamp's name inside dist/. */
export const STAMP = '.build.json';
const VERSION = 1;
/** Files outside src/ whose change changes the build. */
const CONFIGS = ['package.json', 'tsconfig.json', 'tsconfig.build.json'];

/** Every file the build is made from, as paths relative to `root` with forward slashes, sorted. */
export function sourceFiles(root) {
  const files = CONFIGS.filter((f) => existsSync(path.join(root, f)));
  const walk = (dir) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (entry.isFile()) files.push(rel);
    }
  };
  walk('src');
  return files.sort();
}

const sha1 = (file) => createHash('sha1').update(readFileSync(file)).digest('hex');

/** The record of the sources as they are now: { version, files: { path: [size, mtimeMs, sha1] } }. */
export function stampOf(root) {
  const files = {};
  for (const rel of sourceFiles(root)) {
    const full = path.join(root, rel);
    const { size, mtimeMs } = statSync(full);
    files[rel] = [size, mtimeMs, sha1(full)];
  }
  return { version: VERSION, files };
}

/**
 * Why the build in `root`/dist cannot be run, or null when it was made from the sources as they
 * are. Null too when there is no src/ (an installed package ships only the build).
 */
export function staleness(root) {
  if (!existsSync(path.join(root, 'src'))) return null;
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(path.join(root, 'dist', STAMP), 'utf8'));
  } catch {
    return 'there is no build in dist/';
  }
  if (stamp?.version !== VERSION || typeof stamp.files !== 'object') return `dist/${STAMP} is not a build record this version reads`;
  const now = sourceFiles(root);
  for (const rel of now) {
    const was = stamp.files[rel];
    if (!was) return `${rel} is newer than the build in dist/ (added since)`;
    const full = path.join(root, rel);
    const { size, mtimeMs } = statSync(full);
    if (size === was[0] && mtimeMs === was[1]) continue;
    if (size !== was[0] || sha1(full) !== was[2]) return `${rel} changed since the build in dist/`;
  }
  if (Object.keys(stamp.files).length !== now.length) {
    const gone = Object.keys(stamp.files).find((rel) => !now.includes(rel));
    return `${gone} was removed since the build in dist/`;
  }
  return null;
}
