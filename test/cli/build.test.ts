import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { STAMP, stampOf, staleness } from '../../scripts/build-stamp.js';
import { cliBin, tempDir } from '../helpers.ts';

/** A project folder with two sources and a build record made from them. */
function builtProject(): string {
  const root = tempDir();
  mkdirSync(path.join(root, 'src/web'), { recursive: true });
  writeFileSync(path.join(root, 'tsconfig.json'), '{}\n');
  writeFileSync(path.join(root, 'src/main.ts'), 'export const a = 1;\n');
  writeFileSync(path.join(root, 'src/web/app.js'), 'console.log(1);\n');
  mkdirSync(path.join(root, 'dist'));
  writeFileSync(path.join(root, 'dist', STAMP), JSON.stringify(stampOf(root)));
  return root;
}

describe('the compiled build', () => {
  it('is current when made from the sources as they are, and when a source was only touched', () => {
    const root = builtProject();
    assert.equal(staleness(root), null);
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(root, 'src/main.ts'), later, later);
    assert.equal(staleness(root), null);
  });

  it('is stale when a source changed, whatever its mtime says', () => {
    let root = builtProject();
    // The same size, a new mtime: the content's hash tells.
    writeFileSync(path.join(root, 'src/main.ts'), 'export const a = 2;\n');
    assert.equal(staleness(root), 'src/main.ts changed since the build in dist/');
    // Written with its old mtime (as `cp -p` or an archive does): the size tells.
    root = builtProject();
    const was = new Date(stampOf(root).files['src/main.ts']![1]);
    writeFileSync(path.join(root, 'src/main.ts'), 'export const a = 22;\n');
    utimesSync(path.join(root, 'src/main.ts'), was, was);
    assert.equal(staleness(root), 'src/main.ts changed since the build in dist/');
  });

  it('is stale when a source was added or removed, or a config changed, and missing when never built', () => {
    let root = builtProject();
    writeFileSync(path.join(root, 'src/extra.ts'), '');
    assert.equal(staleness(root), 'src/extra.ts is newer than the build in dist/ (added since)');
    root = builtProject();
    rmSync(path.join(root, 'src/web/app.js'));
    assert.equal(staleness(root), 'src/web/app.js was removed since the build in dist/');
    root = builtProject();
    writeFileSync(path.join(root, 'tsconfig.json'), '{ "compilerOptions": {} }\n');
    assert.equal(staleness(root), 'tsconfig.json changed since the build in dist/');
    root = builtProject();
    rmSync(path.join(root, 'dist'), { recursive: true });
    assert.equal(staleness(root), 'there is no build in dist/');
  });

  it('runs from bin/charterwatch.js (npm test builds it first)', () => {
    const r = spawnSync(process.execPath, [cliBin, '--help'], { encoding: 'utf8' });
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^Usage: charterwatch \[options\] \[command\]/);
    assert.match(r.stdout, /encounters \[options\]/);
  });
});
