import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Store } from '../../src/store/store.ts';
import { repoRoot, tempDb } from '../helpers.ts';

/** DuckDB's memory limit and threads as a database opened by charterwatch has them, in a child with `env`. */
function settingsWith(env: Record<string, string>): { code: number | null; out: string; err: string } {
  const db = tempDb();
  const script = `const { Store } = await import(${JSON.stringify(path.join(repoRoot, 'src/store/store.ts'))});
    const s = await Store.open(${JSON.stringify(db)});
    console.log(await s.value("SELECT current_setting('memory_limit') || ' ' || current_setting('threads')"));
    s.close();`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout.trim(), err: r.stderr.trim() };
}

describe('DuckDB settings at open', () => {
  it('limits DuckDB to 2 GiB by default, not 80% of the machine', async () => {
    const store = await Store.open(tempDb());
    try {
      assert.equal(await store.value(`SELECT current_setting('memory_limit')`), '2.0 GiB');
    } finally {
      store.close();
    }
  });

  it('takes the limit and the thread count from CHARTERWATCH_DUCKDB_MEMORY_MB and CHARTERWATCH_DUCKDB_THREADS', () => {
    assert.deepEqual(settingsWith({ CHARTERWATCH_DUCKDB_MEMORY_MB: '512', CHARTERWATCH_DUCKDB_THREADS: '1' }), { code: 0, out: '512.0 MiB 1', err: '' });
  });

  it('refuses a limit that is not a whole positive number, naming the variable', () => {
    const r = settingsWith({ CHARTERWATCH_DUCKDB_MEMORY_MB: 'lots' });
    assert.notEqual(r.code, 0);
    assert.match(r.err, /CHARTERWATCH_DUCKDB_MEMORY_MB must be a whole positive number, found "lots"/);
  });
});
