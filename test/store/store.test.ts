import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { LATEST_VERSION } from '../../src/store/migrations.ts';
import { Store } from '../../src/store/store.ts';
import { cliBin as bin, runCli, tempDb, tempDir, whenReading } from '../helpers.ts';
import { CBP_HEADER, cbpLine, writeCbp, wholeYear } from '../stats/cbp-fixtures.ts';

describe('the store', () => {
  it('creates a new database at the latest schema version', async () => {
    const store = await Store.open(tempDb());
    assert.equal(await store.schemaVersion(), LATEST_VERSION);
    store.close();
  });

  it('refuses a database made by a newer charterwatch, saying so', async () => {
    const db = tempDb();
    const store = await Store.open(db);
    await store.run(`UPDATE meta SET value = ? WHERE key = 'schema_version'`, [String(LATEST_VERSION + 5)]);
    store.close();
    const r = await runCli(['--db', db, 'sources']);
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      `charterwatch: database ${db} has schema version ${LATEST_VERSION + 5}, made by a newer charterwatch; this one knows versions up to ${LATEST_VERSION}: upgrade charterwatch to open it\n`,
    );
  });

  it('says there is no database yet instead of creating one for a question', async () => {
    const db = path.join(tempDir(), 'missing.duckdb');
    const r = await runCli(['--db', db, 'encounters', '--citizenship', 'CN', '--fy', '2024']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no database at .*missing\.duckdb: run "charterwatch demo --no-serve" or "charterwatch ingest" first/);
    assert.equal(existsSync(db), false);
  });

  it('takes the database from CHARTERWATCH_DB when --db is not given', async () => {
    const db = tempDb();
    process.env.CHARTERWATCH_DB = db;
    try {
      const r = await runCli(['ingest', writeCbp(tempDir(), 'x.csv', wholeYear(2023, 1))]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(existsSync(db), true);
    } finally {
      delete process.env.CHARTERWATCH_DB;
    }
  });

  it('leaves the database as it was when an ingest is killed mid-file, and the next run loads the file once, fully', async () => {
    const dir = tempDir();
    const db = tempDb();
    assert.equal((await runCli(['--db', db, 'ingest', writeCbp(dir, 'before.csv', wholeYear(2022, 2))])).code, 0);
    // A file large enough that loading it takes a few seconds.
    const big = path.join(dir, 'big.csv');
    const rows = 1_500_000;
    await new Promise<void>((resolve, reject) => {
      const out = createWriteStream(big);
      out.on('error', reject);
      out.write(`${CBP_HEADER}\n`);
      const months = ['OCT', 'NOV', 'DEC', 'JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP'];
      let chunk = '';
      for (let i = 0; i < rows; i++) {
        chunk += `${cbpLine({ fy: 2023, month: months[i % 12]!, count: 1 })}\n`;
        if (chunk.length > 1 << 20) {
          out.write(chunk);
          chunk = '';
        }
      }
      out.end(chunk, resolve);
    });
    const child = spawn(process.execPath, [bin, '--db', db, 'ingest', big], { stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Kill it while it works on the big file: once the process has the file open twice (the hash
    // and DuckDB's scan run together; detection opens it once, briefly) and has read a tenth of it.
    await whenReading(child.pid!, big, { opened: 2, bytes: statSync(big).size / 10 });
    const killed = child.kill('SIGKILL');
    const code = await exited;
    assert.equal(killed && code === null, true, `the ingest finished before it could be killed (exit ${code}); make the file bigger`);
    const store = await Store.open(db, { readOnly: true });
    assert.deepEqual(await store.all(`SELECT path, rows_kept FROM sources ORDER BY id`), [{ path: path.join(dir, 'before.csv'), rows_kept: 12 }]);
    assert.equal(await store.value(`SELECT count(*)::INTEGER FROM encounters`), 12);
    store.close();
    const again = await runCli(['--db', db, '--json', 'ingest', big]);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.json().sources[0].rowsKept, rows);
    const after = await Store.open(db, { readOnly: true });
    // Lines repeating every dimension are stored summed: 12 months, each standing for its lines.
    assert.deepEqual(
      await after.all(`SELECT count(*)::INTEGER AS stored, sum(lines)::INTEGER AS lines, sum(count)::INTEGER AS encounters FROM encounters WHERE fiscal_year = 2023`),
      [{ stored: 12, lines: rows, encounters: rows }],
    );
    assert.equal(await after.value(`SELECT count(*)::INTEGER FROM sources`), 2);
    after.close();
    assert.ok(statSync(big).size > 100_000_000);
  });
});
