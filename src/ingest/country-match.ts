import { countryNameTable } from '../countries/countries.ts';
import type { Store } from '../store/store.ts';
import type { LoadContext } from './format.ts';

const loaded = new WeakSet<Store>();

/** Makes the temp table `_country_names(name, code)` of every known spelling, once per store. */
export async function ensureCountryNames(store: Store): Promise<void> {
  if (loaded.has(store)) return;
  await store.run(`CREATE OR REPLACE TEMP TABLE _country_names (name VARCHAR PRIMARY KEY, code VARCHAR NOT NULL)`);
  const appender = await store.conn.createAppender('_country_names', 'main', 'temp');
  for (const { name, code } of countryNameTable()) {
    appender.appendVarchar(name);
    appender.appendVarchar(code);
    appender.endRow();
  }
  appender.closeSync();
  loaded.add(store);
}

/**
 * Records the names in `table.rawColumn` that had no match (their `codeColumn` is NULL) in
 * `unmatched_names`, and warns once. The rows themselves stay, with citizenship NULL.
 * `linesColumn` names a column of how many file lines a row stands for (default: one each).
 */
export async function reportUnmatched(ctx: LoadContext, table: string, rawColumn = 'citizenship_raw', codeColumn = 'citizenship', linesColumn?: string): Promise<void> {
  const rows = await ctx.store.all<{ name: string; n: number }>(
    `SELECT ${rawColumn} AS name, ${linesColumn ? `sum(${linesColumn})` : 'count(*)'}::BIGINT AS n FROM ${table} WHERE source_id = ? AND ${codeColumn} IS NULL GROUP BY 1 ORDER BY 1`,
    [ctx.sourceId],
  );
  for (const { name, n } of rows) {
    await ctx.store.run(`INSERT INTO unmatched_names VALUES (?, ?, ?)`, [ctx.sourceId, name, n]);
  }
  if (rows.length > 0) {
    ctx.warn(
      'unmatched-country',
      `${rows.length} citizenship name(s) match no country and are kept with citizenship unknown: ${rows.map((r) => `"${r.name}" (${r.n} rows)`).join(', ')}; add them to data/reference/country-aliases.csv if they are countries`,
    );
  }
}
