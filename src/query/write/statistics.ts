/**
 * The statements that load the official statistics: CBP's encounter tables in one SQL pass over
 * DuckDB's CSV scan (src/ingest/formats/cbp-nationwide.ts), the rows of the tables read whole (ICE
 * removals, OHSS encounters), ICE's cooperation lists (designations.ts), and the country names
 * matched to citizenships (src/ingest/country-match.ts).
 * Reads of the statistics for figures are in src/query/statistics.ts.
 */
import { BIGINT, INTEGER, VARCHAR } from '@duckdb/node-api';
import { sqlNormalizeName } from '../../countries/countries.ts';
import { sqlCalendarMonth } from '../../ingest/fiscal.ts';
import type { Store } from '../../store/store.ts';
import { sqlIdent } from '../sql.ts';
import { appendColumns } from './append.ts';

// --- Country names -------------------------------------------------------------------------

/** Makes the temp table `_country_names(name, code)` of these spellings (upper case) and their ISO codes. */
export async function loadCountryNames(store: Store, names: Iterable<{ name: string; code: string }>): Promise<void> {
  await store.run(`CREATE OR REPLACE TEMP TABLE _country_names (name VARCHAR PRIMARY KEY, code VARCHAR NOT NULL)`);
  const appender = await store.conn.createAppender('_country_names', 'main', 'temp');
  for (const { name, code } of names) {
    appender.appendVarchar(name);
    appender.appendVarchar(code);
    appender.endRow();
  }
  appender.closeSync();
}

/** The statistics tables that name citizenships, and their columns. */
export interface CitizenshipColumns {
  table: 'encounters' | 'removals';
  /** The name as the file gives it. */
  rawColumn?: string;
  /** The ISO code it matched; NULL when none. */
  codeColumn?: string;
  /** A column of how many file lines a row stands for (default: one each). */
  linesColumn?: string;
}

/** The names of a source's rows that matched no country, with how many file lines carry each, by name. */
export function unmatchedCitizenships(store: Store, sourceId: number, { table, rawColumn = 'citizenship_raw', codeColumn = 'citizenship', linesColumn }: CitizenshipColumns): Promise<{ name: string; n: number }[]> {
  return store.all<{ name: string; n: number }>(
    `SELECT ${sqlIdent(rawColumn)} AS name, ${linesColumn ? `sum(${sqlIdent(linesColumn)})` : 'count(*)'}::BIGINT AS n FROM ${sqlIdent(table)} WHERE source_id = ? AND ${sqlIdent(codeColumn)} IS NULL GROUP BY 1 ORDER BY 1`,
    [sourceId],
  );
}

/** Records names of a source that matched no country (`unmatched_names`). */
export async function insertUnmatchedNames(store: Store, sourceId: number, rows: readonly { name: string; n: number }[]): Promise<void> {
  for (const { name, n } of rows) await store.run(`INSERT INTO unmatched_names VALUES (?, ?, ?)`, [sourceId, name, n]);
}

// --- Rows read whole (ICE removals, OHSS encounters) -----------------------------------------

/** One row of `encounters` as a reader that checks each line in JS keeps it. */
export interface EncounterRow {
  dataset: string;
  fiscalYear: number;
  /** YYYY-MM. */
  month: string;
  component: string | null;
  region: string | null;
  aor: string | null;
  demographic: string | null;
  citizenshipRaw: string;
  citizenship: string | null;
  title: string | null;
  encounterType: string | null;
  count: number;
  /** What each count is rounded to (10 for OHSS). */
  roundedTo: number;
  /** The file line it comes from. */
  line: number;
  /** How many file lines it stands for. */
  lines: number;
}

const ENCOUNTER_TYPES = [INTEGER, VARCHAR, INTEGER, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, BIGINT, INTEGER, BIGINT, BIGINT];

/** Appends a source's encounter rows, a data chunk at a time. */
export async function appendEncounterRows(store: Store, sourceId: number, rows: readonly EncounterRow[]): Promise<void> {
  await appendColumns(store, 'encounters', ENCOUNTER_TYPES, rows, (r) => [
    sourceId, r.dataset, r.fiscalYear, r.month, r.component, r.region, r.aor, r.demographic, r.citizenshipRaw, r.citizenship,
    r.title, r.encounterType, BigInt(r.count), r.roundedTo, BigInt(r.line), BigInt(r.lines),
  ]);
}

/** One row of `removals`: a country's removals in one fiscal year, from one file line. */
export interface RemovalRow {
  fiscalYear: number;
  citizenshipRaw: string;
  citizenship: string | null;
  count: number;
  line: number;
}

/** Appends a source's removal rows, a data chunk at a time. */
export async function appendRemovalRows(store: Store, sourceId: number, rows: readonly RemovalRow[]): Promise<void> {
  await appendColumns(store, 'removals', [INTEGER, INTEGER, VARCHAR, VARCHAR, BIGINT, BIGINT], rows, (r) => [
    sourceId, r.fiscalYear, r.citizenshipRaw, r.citizenship, BigInt(r.count), BigInt(r.line),
  ]);
}

// --- ICE cooperation lists ------------------------------------------------------------------

/** One row of a cooperation list as stored. */
export interface DesignationInput {
  asOf: string;
  list: string;
  count: number | null;
  /** ISO 3166-1 alpha-2 codes, upper case (checked by the reader: no commas). */
  countries: string[];
  chinaListed: string | null;
  source: string;
  line: number;
}

/** Writes one designation row of a source. */
export async function insertDesignation(store: Store, sourceId: number, d: DesignationInput): Promise<void> {
  // The codes go in as one comma-joined text (a bound empty list has no type DuckDB can take).
  await store.run(`INSERT INTO designations VALUES (?, ?, ?, ?, list_filter(string_split(?, ','), (c) -> c <> ''), ?, ?, ?)`, [
    sourceId, d.asOf, d.list, d.count, d.countries.join(','), d.chinaListed, d.source, d.line,
  ]);
}

// --- CBP encounters -------------------------------------------------------------------------

/** The fiscal year written `2024` or `2025 (FYTD)`, NULL for anything else. */
const fiscalYearSql = (column: string) => `CASE WHEN regexp_full_match(trim(${column}), '\\d{4}( \\(FYTD\\))?') THEN TRY_CAST(left(trim(${column}), 4) AS INTEGER) END`;
const COUNT = `TRY_CAST(replace(trim("Encounter Count"), ',', '') AS BIGINT)`;
const componentSql = (column: string) => `CASE trim(${column})
  WHEN 'U.S. Border Patrol' THEN 'USBP' WHEN 'Office of Field Operations' THEN 'OFO'
  ELSE CASE lower(trim(${column})) WHEN 'u.s. border patrol' THEN 'USBP' WHEN 'us border patrol' THEN 'USBP' WHEN 'usbp' THEN 'USBP'
    WHEN 'office of field operations' THEN 'OFO' WHEN 'ofo' THEN 'OFO' END END`;
const FY = fiscalYearSql('"Fiscal Year"');
const MONTH = sqlCalendarMonth(FY, '"Month (abbv)"');

/**
 * Why a row of a CBP file is unusable (SQL over the file's columns, NULL when it is fine), in the
 * order a reader would fix them. An empty field is NULL in the scan: it is quoted as "" (printf
 * of NULL would be NULL, and the line would go unreported).
 */
export function cbpProblemSql(citizenshipColumn: string): string {
  const citizenship = sqlIdent(citizenshipColumn);
  const quoted = (column: string) => `coalesce(${column}, '')`;
  return `CASE
  WHEN ${FY} IS NULL THEN printf('Fiscal Year is not a year: "%s"', ${quoted('"Fiscal Year"')})
  WHEN ${MONTH} IS NULL THEN printf('Month (abbv) is not a month: "%s"', ${quoted('"Month (abbv)"')})
  WHEN ${componentSql('"Component"')} IS NULL THEN printf('Component is neither Office of Field Operations nor U.S. Border Patrol: "%s"', ${quoted('"Component"')})
  WHEN ${COUNT} IS NULL THEN printf('Encounter Count is not a whole number: "%s"', ${quoted('"Encounter Count"')})
  WHEN ${COUNT} < 0 THEN printf('Encounter Count is negative: "%s"', "Encounter Count")
  WHEN coalesce(trim(${citizenship}), '') = '' THEN 'Citizenship is empty'
END`;
}

/** The staging tables of one CBP load. */
const groupsTable = (sourceId: number) => sqlIdent(`_cbp_groups_${sourceId}`);
const parsedTable = (sourceId: number) => sqlIdent(`_cbp_parsed_${sourceId}`);

/**
 * One pass over the file (`from`, a FROM item of DuckDB's CSV scan): lines that repeat every
 * dimension are summed into one group, on the raw text (hashing the text once is far cheaper than
 * converting and storing every line). Counts that are not whole non-negative numbers are left
 * out of the sum and counted (`bad`), so their lines can be found and rejected. `header`: the
 * file's columns (the optional ones may be missing).
 */
export async function groupCbpLines(store: Store, sourceId: number, { from, header, citizenshipColumn }: { from: string; header: readonly string[]; citizenshipColumn: string }): Promise<void> {
  const has = new Set(header);
  const raw = (name: string) => (has.has(name) ? sqlIdent(name) : 'NULL::VARCHAR');
  await store.run(
    `CREATE TEMP TABLE ${groupsTable(sourceId)} AS
     SELECT fy, mon, comp, region, aor, demographic, cit, title, etype,
            sum(n) FILTER (WHERE n >= 0) AS n, count(*) FILTER (WHERE n >= 0) AS good, count(*) FILTER (WHERE n IS NULL OR n < 0) AS bad
     FROM (
       SELECT "Fiscal Year" AS fy, "Month (abbv)" AS mon, "Component" AS comp, ${raw('Land Border Region')} AS region, ${raw('Area of Responsibility')} AS aor,
              ${raw('Demographic')} AS demographic, ${sqlIdent(citizenshipColumn)} AS cit, ${raw('Title of Authority')} AS title, ${raw('Encounter Type')} AS etype,
              ${COUNT} AS n
       FROM ${from}
     ) GROUP BY ALL`,
  );
}

/** A group's dimensions are all there and parse. */
const VALID = `fiscal_year IS NOT NULL AND month IS NOT NULL AND component IS NOT NULL AND cit <> ''`;

/**
 * Parses and checks the groups' dimensions once each (the groups are few: at most one per line),
 * with the same rules as `cbpProblemSql`, so the two always agree; writes the valid ones to
 * `encounters` (citizenship matched by its plain spelling, from `_country_names`) and returns the
 * lines read, kept and rejected. Drops the staging tables.
 */
export async function storeCbpGroups(store: Store, sourceId: number, dataset: string): Promise<{ lines: number; kept: number; rejected: number }> {
  const opt = (expr: string) => `nullif(trim(${expr}), '')`;
  await store.run(
    `CREATE TEMP TABLE ${parsedTable(sourceId)} AS
     SELECT ${fiscalYearSql('g.fy')} AS fiscal_year, ${sqlCalendarMonth(fiscalYearSql('g.fy'), 'g.mon')} AS month, ${componentSql('g.comp')} AS component, ${opt('g.region')} AS region, ${opt('g.aor')} AS aor, ${opt('g.demographic')} AS demographic,
            coalesce(trim(g.cit), '') AS cit, ${opt('g.title')} AS title, ${opt('g.etype')} AS etype, g.n, g.good, g.bad
     FROM ${groupsTable(sourceId)} g`,
  );
  await store.run(
    `INSERT INTO encounters (source_id, dataset, fiscal_year, month, component, region, aor, demographic, citizenship_raw, citizenship, title, encounter_type, count, rounded_to, lines)
     SELECT ?::INTEGER, ?::VARCHAR, fiscal_year, month, component, region, aor, demographic, cit, cn.code, title, etype, sum(n), 1, sum(good)
     FROM ${parsedTable(sourceId)} p LEFT JOIN _country_names cn ON cn.name = upper(p.cit)
     WHERE ${VALID} AND good > 0
     GROUP BY ALL`,
    [sourceId, dataset],
  );
  const totals = await store.all<{ lines: number; kept: number; rejected: number }>(
    `SELECT coalesce(sum(good + bad), 0)::BIGINT AS lines, coalesce(sum(good) FILTER (WHERE ${VALID}), 0)::BIGINT AS kept,
            coalesce(sum(CASE WHEN ${VALID} THEN bad ELSE good + bad END), 0)::BIGINT AS rejected
     FROM ${parsedTable(sourceId)}`,
  );
  await store.run(`DROP TABLE ${groupsTable(sourceId)}; DROP TABLE ${parsedTable(sourceId)}`);
  return totals[0]!;
}

/** Gives a source's encounters whose citizenship the plain match missed the code of their normalized spelling. */
export async function matchNormalizedCitizenships(store: Store, sourceId: number): Promise<void> {
  await store.run(
    `UPDATE encounters SET citizenship = cn.code FROM _country_names cn
     WHERE encounters.source_id = ? AND encounters.citizenship IS NULL AND cn.name = ${sqlNormalizeName('encounters.citizenship_raw')}`,
    [sourceId],
  );
}

/** The last month (YYYY-MM) a source's encounters cover. */
export function lastEncounterMonth(store: Store, sourceId: number): Promise<string | null | undefined> {
  return store.value<string | null>(`SELECT max(month) FROM encounters WHERE source_id = ?`, [sourceId]);
}
