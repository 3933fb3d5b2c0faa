import type { Store } from '../store/store.ts';
import { citeSources, type SourceRef } from './sources.ts';
import { whereAll, type Sql } from './sql.ts';

/**
 * The official statistics as the answers read them: encounters (CBP, OHSS), ICE removals and
 * ICE's cooperation lists. Encounters are read through `encounters_effective` (for each dataset
 * and month, the latest release covering it), removals through `EFFECTIVE_REMOVALS` (for each
 * fiscal year and name, the latest loaded table).
 */

/** The columns encounters can be broken down by (besides month). */
export type EncounterColumn = 'component' | 'region' | 'demographic';

/** The months (YYYY-MM) a dataset covers, in order. */
export async function encounterMonths(store: Store, dataset: string): Promise<string[]> {
  return (await store.all<{ month: string }>(`SELECT DISTINCT month FROM encounters_effective WHERE dataset = ? ORDER BY month`, [dataset])).map((r) => r.month);
}

/** Encounters of one citizenship per month, with the release (source id) each month comes from. */
export async function encountersByMonth(store: Store, dataset: string, citizenship: string): Promise<{ fiscal_year: number; month: string; n: number; source_id: number }[]> {
  return store.all(
    `SELECT fiscal_year, month, sum(count)::BIGINT AS n, any_value(source_id) AS source_id FROM encounters_effective WHERE dataset = ? AND citizenship = ? GROUP BY ALL ORDER BY month`,
    [dataset, citizenship],
  );
}

/**
 * Encounters of one citizenship by a column and fiscal year, over months in any of the ranges
 * given (inclusive `[first, last]` pairs of YYYY-MM).
 */
export async function encountersByColumn(store: Store, { dataset, citizenship, column, ranges }: { dataset: string; citizenship: string; column: EncounterColumn; ranges: [string, string][] }): Promise<{ key: string | null; fiscal_year: number; n: number }[]> {
  const months = ranges.map(() => 'month BETWEEN ? AND ?').join(' OR ') || 'false';
  return store.all(
    `SELECT ${COLUMNS[column]} AS key, fiscal_year, sum(count)::BIGINT AS n FROM encounters_effective
     WHERE dataset = ? AND citizenship = ? AND (${months}) GROUP BY ALL`,
    [dataset, citizenship, ...ranges.flat()],
  );
}

/** Column names come only from here, never from the question. */
const COLUMNS: Record<EncounterColumn, string> = { component: 'component', region: 'region', demographic: 'demographic' };

/** The rounding of a dataset's figures (10 for OHSS: each published quantity is rounded to the nearest 10). */
export async function encounterRounding(store: Store, dataset: string): Promise<number> {
  return Number((await store.value(`SELECT coalesce(max(rounded_to), 1) FROM encounters_effective WHERE dataset = ?`, [dataset])) ?? 1);
}

/** The citizenships a dataset names (not OTHER), in order. */
export async function namedCitizenships(store: Store, dataset: string): Promise<string[]> {
  return (await store.all<{ c: string }>(`SELECT DISTINCT citizenship AS c FROM encounters_effective WHERE dataset = ? AND citizenship IS NOT NULL AND citizenship <> 'OTHER' ORDER BY 1`, [dataset])).map((r) => r.c);
}

/** Other releases in the store that also cover months of a citizenship's figures (superseded there by a later one). */
export async function supersededReleases(store: Store, dataset: string, citizenship: string): Promise<number> {
  return Number(
    (await store.value(
      `SELECT count(DISTINCT e.source_id)::INTEGER FROM encounters e WHERE e.dataset = ? AND e.citizenship = ?
       AND NOT EXISTS (SELECT 1 FROM encounters_effective f WHERE f.dataset = e.dataset AND f.month = e.month AND f.source_id = e.source_id)`,
      [dataset, citizenship],
    )) ?? 0,
  );
}

/** The latest fiscal year of a dataset in the store. */
export async function latestEncounterYear(store: Store, dataset: string): Promise<number | undefined> {
  return (await store.value<number | null>(`SELECT max(fiscal_year) FROM encounters_effective WHERE dataset = ?`, [dataset])) ?? undefined;
}

/** Encounters of one citizenship per fiscal year (CBP nationwide), with how many months each year has. */
export async function encountersByFiscalYear(store: Store, citizenship: string, dataset = 'cbp-nationwide'): Promise<{ fiscal_year: number; n: number; months: number }[]> {
  return store.all(
    `SELECT fiscal_year, sum(count)::BIGINT AS n, count(DISTINCT month)::INTEGER AS months FROM encounters_effective
     WHERE dataset = ? AND citizenship = ? GROUP BY ALL ORDER BY fiscal_year`,
    [dataset, citizenship],
  );
}

/** The sources of a citizenship's encounters up to a month: rows are the file lines each stored row sums. */
export function citeEncounterSources(store: Store, dataset: string, citizenship: string, through: string): Promise<SourceRef[]> {
  return citeSources(store, {
    sql: `SELECT source_id, sum(lines)::BIGINT AS rows FROM encounters_effective WHERE dataset = ? AND citizenship = ? AND month <= ? GROUP BY source_id`,
    params: [dataset, citizenship, through],
  });
}

/** Several ICE tables may repeat a year: the latest loaded source wins for each (year, name). */
const EFFECTIVE_REMOVALS = `(SELECT * FROM removals QUALIFY row_number() OVER (PARTITION BY fiscal_year, citizenship_raw ORDER BY source_id DESC) = 1)`;

/** Which removals rows a question is about. */
export interface RemovalsFilter {
  citizenship?: string;
  fiscalYear?: number;
}

function removalsWhere({ citizenship, fiscalYear }: RemovalsFilter): Sql {
  const on: Sql[] = [];
  if (citizenship) on.push({ sql: 'citizenship = ?', params: [citizenship] });
  if (fiscalYear) on.push({ sql: 'fiscal_year = ?', params: [fiscalYear] });
  return whereAll(on);
}

/** ICE removals per fiscal year and name of citizenship, most first within a year. */
export async function removalsByYear(store: Store, filter: RemovalsFilter): Promise<{ fiscal_year: number; citizenship: string | null; citizenship_raw: string; n: number }[]> {
  const where = removalsWhere(filter);
  return store.all(`SELECT fiscal_year, citizenship, citizenship_raw, sum(count)::BIGINT AS n FROM ${EFFECTIVE_REMOVALS} ${where.sql} GROUP BY ALL ORDER BY fiscal_year, n DESC`, where.params);
}

/** The sources of the removals rows a filter picks. */
export function citeRemovalSources(store: Store, filter: RemovalsFilter): Promise<SourceRef[]> {
  const where = removalsWhere(filter);
  return citeSources(store, { sql: `SELECT source_id, count(*)::BIGINT AS rows FROM ${EFFECTIVE_REMOVALS} ${where.sql} GROUP BY source_id`, params: where.params });
}

/** One reported ICE cooperation list. */
export interface DesignationRow {
  as_of: string;
  list: string;
  count: number | null;
  countries: string[];
  citation: string;
}

/** Every reported cooperation list, in date order. */
export function designations(store: Store): Promise<DesignationRow[]> {
  return store.all<DesignationRow>(`SELECT as_of, list, count, countries, citation FROM designations ORDER BY as_of, list`);
}

/** The sources of the cooperation lists. */
export function citeDesignationSources(store: Store): Promise<SourceRef[]> {
  return citeSources(store, { sql: `SELECT source_id, count(*)::BIGINT AS rows FROM designations GROUP BY source_id`, params: [] });
}
