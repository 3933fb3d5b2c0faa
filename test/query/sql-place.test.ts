import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../helpers.ts';

/**
 * Issue 17: "grep finds SQL only in the query layer and the migrations". The same search as
 *   grep -rlE "\b(SELECT|INSERT INTO|CREATE (TABLE|VIEW|TEMP)|DELETE FROM|UPDATE [a-z_]+ SET|read_csv)\b" src --include=*.ts
 * run over src/ with fs, so that a statement written outside the query layer fails here.
 */
// The TypeScript sources (this file may run compiled, from .test-build/: see test/helpers.ts).
const SRC = path.join(repoRoot, 'src');
const SQL = /\b(SELECT|INSERT INTO|CREATE (TABLE|VIEW|TEMP)|DELETE FROM|UPDATE [a-z_]+ SET|read_csv)\b/;

/** Where SQL over our store may be written. */
const ALLOWED = [
  'query/', // the query layer: every read, and the write side in query/write/
  'store/', // the store itself: its migrations (schema, views) and the connection wrapper's own statements
];

/**
 * Files left out on purpose, each with why. Not the query layer's to hold:
 */
const EXCLUDED = [
  // SQL sent to OTHER databases (ClickHouse, OpenSky's Trino), not ours: it is built with, and
  // stays beside, its client (docs/pull.md). The landing of their replies in our store is in
  // query/write/pulled.ts.
  'pull/clickhouse.ts',
  'pull/opensky.ts',
  'pull/trino.ts',
];

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

/** src-relative paths (with /) of the .ts files the search finds. */
function filesWithSql(): string[] {
  return tsFiles(SRC)
    .filter((file) => SQL.test(readFileSync(file, 'utf8')))
    .map((file) => path.relative(SRC, file).split(path.sep).join('/'))
    .sort();
}

describe('where SQL is written', () => {
  const found = filesWithSql();

  it('finds SQL in no file outside the query layer and the store, but for the files left out on purpose', () => {
    const outside = found.filter((file) => ![...ALLOWED, ...EXCLUDED].some((place) => file === place || file.startsWith(place)));
    assert.deepEqual(outside, []);
  });

  it('does search: it finds the statements of the write side, the migrations and the remote queries left out', () => {
    for (const file of ['query/write/legs.ts', 'query/write/statistics.ts', 'query/write/state-vectors.ts', 'query/legs.ts', 'store/migrations.ts', 'pull/clickhouse.ts']) {
      assert.ok(found.includes(file), `${file} holds SQL the search should find`);
    }
  });

  it('finds the raw DuckDB connection used nowhere outside the query layer and the store', () => {
    const uses = tsFiles(SRC)
      .filter((file) => /\.conn\b/.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(SRC, file).split(path.sep).join('/'))
      .filter((file) => !ALLOWED.some((place) => file.startsWith(place)));
    assert.deepEqual(uses, []);
  });

  it('would catch a statement written in a pipeline module', () => {
    assert.ok(SQL.test('await store.run(`DELETE FROM legs WHERE id = ?`, [id]);'));
    assert.ok(SQL.test('`UPDATE legs SET kind = NULL`'));
    assert.ok(SQL.test("FROM read_csv('x.csv')"));
    assert.ok(!SQL.test('// selects the legs of a period and deletes none'));
  });
});
