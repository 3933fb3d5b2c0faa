import { countryNameTable } from '../countries/countries.ts';
import { insertUnmatchedNames, loadCountryNames, unmatchedCitizenships, type CitizenshipColumns } from '../query/write/statistics.ts';
import type { Store } from '../store/store.ts';
import type { LoadContext } from './format.ts';

const loaded = new WeakSet<Store>();

/** Makes the temp table `_country_names(name, code)` of every known spelling, once per store. */
export async function ensureCountryNames(store: Store): Promise<void> {
  if (loaded.has(store)) return;
  await loadCountryNames(store, countryNameTable());
  loaded.add(store);
}

/**
 * Records the names in `table.rawColumn` that had no match (their `codeColumn` is NULL) in
 * `unmatched_names`, and warns once. The rows themselves stay, with citizenship NULL.
 * `linesColumn` names a column of how many file lines a row stands for (default: one each).
 */
export async function reportUnmatched(ctx: LoadContext, table: CitizenshipColumns['table'], rawColumn = 'citizenship_raw', codeColumn = 'citizenship', linesColumn?: string): Promise<void> {
  const rows = await unmatchedCitizenships(ctx.store, ctx.sourceId, { table, rawColumn, codeColumn, linesColumn });
  await insertUnmatchedNames(ctx.store, ctx.sourceId, rows);
  if (rows.length > 0) {
    ctx.warn(
      'unmatched-country',
      `${rows.length} citizenship name(s) match no country and are kept with citizenship unknown: ${rows.map((r) => `"${r.name}" (${r.n} rows)`).join(', ')}; add them to data/reference/country-aliases.csv if they are countries`,
    );
  }
}
