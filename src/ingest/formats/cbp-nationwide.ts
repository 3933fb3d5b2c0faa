import { sqlNormalizeName } from '../../countries/countries.ts';
import { badInput } from '../../errors.ts';
import { ensureCountryNames, reportUnmatched } from '../country-match.ts';
import { csvScan, sqlIdent } from '../duckdb-csv.ts';
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
const FY = `TRY_CAST(left(trim("Fiscal Year"), 4) AS INTEGER)`;
const COUNT = `TRY_CAST(replace(trim("Encounter Count"), ',', '') AS BIGINT)`;
const COMPONENT = `CASE trim("Component")
  WHEN 'U.S. Border Patrol' THEN 'USBP' WHEN 'Office of Field Operations' THEN 'OFO'
  ELSE CASE lower(trim("Component")) WHEN 'u.s. border patrol' THEN 'USBP' WHEN 'us border patrol' THEN 'USBP' WHEN 'usbp' THEN 'USBP'
    WHEN 'office of field operations' THEN 'OFO' WHEN 'ofo' THEN 'OFO' END END`;
const MONTH = sqlCalendarMonth(FY, '"Month (abbv)"');

/** Why a row is unusable (SQL, NULL when it is fine), in the order a reader would fix them. */
const problemSql = (citizenship: string) => `CASE
  WHEN ${FY} IS NULL OR NOT regexp_full_match(trim("Fiscal Year"), '\\d{4}( \\(FYTD\\))?') THEN printf('Fiscal Year is not a year: "%s"', "Fiscal Year")
  WHEN ${MONTH} IS NULL THEN printf('Month (abbv) is not a month: "%s"', "Month (abbv)")
  WHEN ${COMPONENT} IS NULL THEN printf('Component is neither Office of Field Operations nor U.S. Border Patrol: "%s"', "Component")
  WHEN ${COUNT} IS NULL THEN printf('Encounter Count is not a whole number: "%s"', "Encounter Count")
  WHEN ${COUNT} < 0 THEN printf('Encounter Count is negative: "%s"', "Encounter Count")
  WHEN coalesce(trim(${citizenship}), '') = '' THEN 'Citizenship is empty'
END`;

/**
 * The temp table `_fiscal_months(fy_text, mon, fiscal_year, month)`: every way CBP writes a fiscal
 * year (`2024`, `2025 (FYTD)`) and month (`OCT`) with its calendar month, so the bulk load turns
 * them into months with one hash join instead of string work on every row.
 */
async function ensureFiscalMonths(store: LoadContext['store']): Promise<void> {
  await store.run(`CREATE TEMP TABLE IF NOT EXISTS _fiscal_months AS
    SELECT fy || suffix AS fy_text, mon, fy AS fiscal_year,
           printf('%04d-%02d', CASE WHEN i < 3 THEN fy - 1 ELSE fy END, ((i + 9) % 12) + 1) AS month
    FROM range(1990, 2101) y(fy),
         (SELECT unnest(['OCT','NOV','DEC','JAN','FEB','MAR','APR','MAY','JUN','JUL','AUG','SEP']) AS mon, unnest(range(12)) AS i),
         (SELECT unnest(['', ' (FYTD)']) AS suffix)`);
}

async function loadCbp(ctx: LoadContext, dataset: string, citizenshipColumn: string): Promise<LoadResult> {
  const { store, sourceId } = ctx;
  const required = REQUIRED.map((c) => (c === 'Citizenship' ? citizenshipColumn : c));
  const scan = csvScan(ctx, { required });
  const has = new Set(scan.header);
  const opt = (name: string) => (has.has(name) ? `nullif(trim(${sqlIdent(name)}), '')` : 'NULL');
  const citizenship = sqlIdent(citizenshipColumn);
  await ensureCountryNames(store);
  ctx.progress.note('loading');
  // One pass: parse, convert and store every row. Rows with a bad value get NULLs in
  // fiscal_year, month or count here and are moved to rejects below, before the commit.
  await ensureFiscalMonths(store);
  await store.run(
    `INSERT INTO encounters (source_id, dataset, fiscal_year, month, component, region, aor, demographic, citizenship_raw, citizenship, title, encounter_type, count, rounded_to)
     SELECT ${sourceId}, '${dataset}', fm.fiscal_year, fm.month, f.component, f.region, f.aor, f.demographic, f.cit, cn.code, f.title, f.etype,
            CASE WHEN fm.month IS NOT NULL AND f.component IS NOT NULL AND f.n >= 0 AND f.cit <> '' THEN f.n END, 1
     FROM (
       SELECT trim("Fiscal Year") AS fy, upper(trim("Month (abbv)")) AS mon, ${COMPONENT} AS component, ${COUNT} AS n, coalesce(trim(${citizenship}), '') AS cit,
              ${opt('Land Border Region')} AS region, ${opt('Area of Responsibility')} AS aor, ${opt('Demographic')} AS demographic,
              ${opt('Title of Authority')} AS title, ${opt('Encounter Type')} AS etype
       FROM ${scan.from}
     ) f
     LEFT JOIN _fiscal_months fm ON fm.fy_text = f.fy AND fm.mon = f.mon
     LEFT JOIN _country_names cn ON cn.name = upper(f.cit)`,
  );
  const malformed = await scan.finish();
  const inserted = Number(await store.value(`SELECT count(*) FROM encounters WHERE source_id = ?`, [sourceId]));
  const bad = Number(await store.value(`SELECT count(*) FROM encounters WHERE source_id = ? AND count IS NULL`, [sourceId]));
  if (bad > 0) {
    for (const r of await scan.linesOf(`(${problemSql(citizenship)}) IS NOT NULL`, problemSql(citizenship))) await ctx.rejects.add(r.line, r.reason, r.raw);
    await store.run(`DELETE FROM encounters WHERE source_id = ? AND count IS NULL`, [sourceId]);
  }
  // Spellings that the plain match missed get the full normalization (few distinct names).
  await store.run(
    `UPDATE encounters SET citizenship = cn.code FROM _country_names cn
     WHERE encounters.source_id = ? AND encounters.citizenship IS NULL AND cn.name = ${sqlNormalizeName('encounters.citizenship_raw')}`,
    [sourceId],
  );
  if (inserted + malformed === 0) throw badInput('no data rows after the header', ctx.path, 2);
  await reportUnmatched(ctx, 'encounters');
  const through = await store.value<string>(`SELECT max(month) FROM encounters WHERE source_id = ?`, [sourceId]);
  return { rowsRead: inserted + malformed, rowsKept: inserted - bad, releaseThrough: through ?? undefined };
}
