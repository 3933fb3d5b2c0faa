import { sqlNormalizeName } from '../../countries/countries.ts';
import { badInput } from '../../errors.ts';
import { ensureCountryNames, reportUnmatched } from '../country-match.ts';
import { csvScan, sqlIdent, type CsvScan } from '../duckdb-csv.ts';
import { sqlCalendarMonth } from '../fiscal.ts';
import type { Format, LoadContext, LoadResult } from '../format.ts';

const REQUIRED = ['Fiscal Year', 'Month (abbv)', 'Component', 'Demographic', 'Citizenship', 'Title of Authority', 'Encounter Type', 'Encounter Count'];

/**
 * CBP "Nationwide Encounters" (by area of responsibility, or by state). Quirks: the open year
 * is written `2025 (FYTD)`; counts may carry thousands separators; a byte-order mark.
 */
export const cbpNationwide: Format = {
  name: 'cbp-nationwide',
  description: 'CBP Nationwide Encounters CSV (AOR or state variant), plain or gzip',
  target: 'encounters',
  sniff: ({ firstLine }) => {
    const header = firstLine.toLowerCase();
    return header.includes('fiscal year') && header.includes('encounter count') && header.includes(',citizenship,') ? 90 : 0;
  },
  load: (ctx) => loadCbp(ctx, 'cbp-nationwide', 'Citizenship'),
};

/** CBP "Southwest Land Border Encounters": the same shape with `Citizenship Grouping` and no AOR. */
export const cbpSouthwest: Format = {
  name: 'cbp-southwest',
  description: 'CBP Southwest Land Border Encounters CSV',
  target: 'encounters',
  sniff: ({ firstLine }) => {
    const header = firstLine.toLowerCase();
    return header.includes('fiscal year') && header.includes('encounter count') && header.includes('citizenship grouping') ? 95 : 0;
  },
  load: (ctx) => loadCbp(ctx, 'cbp-southwest', 'Citizenship Grouping'),
};

/** Per-row parsed values, as SQL over the file's columns. */
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
 * Why a row is unusable (SQL, NULL when it is fine), in the order a reader would fix them. An
 * empty field is NULL in the scan: it is quoted as "" (printf of NULL would be NULL, and the
 * line would go unreported).
 */
const problemSql = (citizenship: string) => {
  const quoted = (column: string) => `coalesce(${column}, '')`;
  return `CASE
  WHEN ${FY} IS NULL THEN printf('Fiscal Year is not a year: "%s"', ${quoted('"Fiscal Year"')})
  WHEN ${MONTH} IS NULL THEN printf('Month (abbv) is not a month: "%s"', ${quoted('"Month (abbv)"')})
  WHEN ${componentSql('"Component"')} IS NULL THEN printf('Component is neither Office of Field Operations nor U.S. Border Patrol: "%s"', ${quoted('"Component"')})
  WHEN ${COUNT} IS NULL THEN printf('Encounter Count is not a whole number: "%s"', ${quoted('"Encounter Count"')})
  WHEN ${COUNT} < 0 THEN printf('Encounter Count is negative: "%s"', "Encounter Count")
  WHEN coalesce(trim(${citizenship}), '') = '' THEN 'Citizenship is empty'
END`;
};

async function loadCbp(ctx: LoadContext, dataset: string, citizenshipColumn: string): Promise<LoadResult> {
  const { store, sourceId } = ctx;
  const required = REQUIRED.map((c) => (c === 'Citizenship' ? citizenshipColumn : c));
  const scan = await csvScan(ctx, { required });
  try {
    return await loadScanned(ctx, scan, dataset, citizenshipColumn);
  } finally {
    scan.dispose();
  }
}

async function loadScanned(ctx: LoadContext, scan: CsvScan, dataset: string, citizenshipColumn: string): Promise<LoadResult> {
  const { store, sourceId } = ctx;
  const has = new Set(scan.header);
  const raw = (name: string) => (has.has(name) ? sqlIdent(name) : 'NULL::VARCHAR');
  const citizenship = sqlIdent(citizenshipColumn);
  await ensureCountryNames(store);
  ctx.progress.note('loading');
  // One pass over the file: lines that repeat every dimension are summed into one group, on
  // the raw text (hashing the text once is far cheaper than converting and storing every line).
  // Counts that are not whole non-negative numbers are left out of the sum and counted, so
  // their lines can be found and rejected below.
  const groups = `_cbp_groups_${sourceId}`;
  await store.run(
    `CREATE TEMP TABLE ${groups} AS
     SELECT fy, mon, comp, region, aor, demographic, cit, title, etype,
            sum(n) FILTER (WHERE n >= 0) AS n, count(*) FILTER (WHERE n >= 0) AS good, count(*) FILTER (WHERE n IS NULL OR n < 0) AS bad
     FROM (
       SELECT "Fiscal Year" AS fy, "Month (abbv)" AS mon, "Component" AS comp, ${raw('Land Border Region')} AS region, ${raw('Area of Responsibility')} AS aor,
              ${raw('Demographic')} AS demographic, ${citizenship} AS cit, ${raw('Title of Authority')} AS title, ${raw('Encounter Type')} AS etype,
              ${COUNT} AS n
       FROM ${await scan.full()}
     ) GROUP BY ALL`,
  );
  const malformed = await scan.finish();
  // The groups are few (at most one per line): parse and check their dimensions once each, with
  // the same rules the search for rejected lines uses (problemSql), so the two always agree.
  const parsed = `_cbp_parsed_${sourceId}`;
  const opt = (expr: string) => `nullif(trim(${expr}), '')`;
  await store.run(
    `CREATE TEMP TABLE ${parsed} AS
     SELECT ${fiscalYearSql('g.fy')} AS fiscal_year, ${sqlCalendarMonth(fiscalYearSql('g.fy'), 'g.mon')} AS month, ${componentSql('g.comp')} AS component, ${opt('g.region')} AS region, ${opt('g.aor')} AS aor, ${opt('g.demographic')} AS demographic,
            coalesce(trim(g.cit), '') AS cit, ${opt('g.title')} AS title, ${opt('g.etype')} AS etype, g.n, g.good, g.bad
     FROM ${groups} g`,
  );
  const valid = `fiscal_year IS NOT NULL AND month IS NOT NULL AND component IS NOT NULL AND cit <> ''`;
  await store.run(
    `INSERT INTO encounters (source_id, dataset, fiscal_year, month, component, region, aor, demographic, citizenship_raw, citizenship, title, encounter_type, count, rounded_to, lines)
     SELECT ${sourceId}, '${dataset}', fiscal_year, month, component, region, aor, demographic, cit, cn.code, title, etype, sum(n), 1, sum(good)
     FROM ${parsed} p LEFT JOIN _country_names cn ON cn.name = upper(p.cit)
     WHERE ${valid} AND good > 0
     GROUP BY ALL`,
  );
  const totals = await store.all<{ lines: number; kept: number; rejected: number }>(
    `SELECT coalesce(sum(good + bad), 0)::BIGINT AS lines, coalesce(sum(good) FILTER (WHERE ${valid}), 0)::BIGINT AS kept,
            coalesce(sum(CASE WHEN ${valid} THEN bad ELSE good + bad END), 0)::BIGINT AS rejected
     FROM ${parsed}`,
  );
  const { lines, kept, rejected } = totals[0]!;
  await store.run(`DROP TABLE ${groups}; DROP TABLE ${parsed}`);
  if (rejected > 0) {
    // The slower second pass, only when there are bad values: find each such line and say why.
    const found = await scan.linesOf(`(${problemSql(citizenship)}) IS NOT NULL`, problemSql(citizenship));
    for (const r of found) await ctx.rejects.add(r.line, r.reason, r.raw);
    // Every line the checks refused must be reported: a mismatch is a bug, never a silent drop.
    if (found.length !== rejected) throw new Error(`${rejected} line(s) failed the checks but ${found.length} were found to report`);
  }
  // Spellings that the plain match missed get the full normalization (few distinct names).
  await store.run(
    `UPDATE encounters SET citizenship = cn.code FROM _country_names cn
     WHERE encounters.source_id = ? AND encounters.citizenship IS NULL AND cn.name = ${sqlNormalizeName('encounters.citizenship_raw')}`,
    [sourceId],
  );
  if (lines + malformed + scan.taken === 0) throw badInput('no data rows after the header', ctx.path, 2);
  await reportUnmatched(ctx, 'encounters', 'citizenship_raw', 'citizenship', 'lines');
  const through = await store.value<string>(`SELECT max(month) FROM encounters WHERE source_id = ?`, [sourceId]);
  return { rowsRead: lines + malformed + scan.taken, rowsKept: kept, releaseThrough: through ?? undefined };
}
