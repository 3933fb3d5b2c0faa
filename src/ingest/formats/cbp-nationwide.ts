import { badInput } from '../../errors.ts';
import { sqlNormalizeName } from '../../countries/countries.ts';
import { ensureCountryNames, reportUnmatched } from '../country-match.ts';
import { rejectWhere, stageCsv } from '../duckdb-csv.ts';
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
  load: (ctx) => loadCbp(ctx, 'cbp-nationwide', REQUIRED, 'Citizenship'),
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
  load: (ctx) => loadCbp(ctx, 'cbp-southwest', REQUIRED.map((c) => (c === 'Citizenship' ? 'Citizenship Grouping' : c)), 'Citizenship Grouping'),
};

const COMPONENTS = `CASE lower(trim("Component"))
  WHEN 'office of field operations' THEN 'OFO' WHEN 'ofo' THEN 'OFO'
  WHEN 'u.s. border patrol' THEN 'USBP' WHEN 'us border patrol' THEN 'USBP' WHEN 'usbp' THEN 'USBP' END`;

async function loadCbp(ctx: LoadContext, dataset: string, required: string[], citizenshipColumn: string): Promise<LoadResult> {
  const { store, sourceId } = ctx;
  const staged = await stageCsv(ctx, { required });
  const t = staged.table;
  const columns = new Set((await store.all<{ name: string }>(`SELECT name FROM pragma_table_info('${t}')`)).map((r) => r.name));
  const opt = (name: string) => (columns.has(name) ? `nullif(trim("${name}"), '')` : 'NULL');
  // Parsed values as views over the staged text; validation and insert both read them.
  await store.run(`CREATE OR REPLACE TEMP VIEW _cbp AS SELECT _ord, raw,
      TRY_CAST(regexp_extract(trim("Fiscal Year"), '^(\\d{4})', 1) AS INTEGER) AS fy,
      trim("Fiscal Year") AS fy_raw,
      trim("Month (abbv)") AS mon_raw,
      ${COMPONENTS} AS component, trim("Component") AS component_raw,
      TRY_CAST(replace(replace(trim("Encounter Count"), ',', ''), ' ', '') AS BIGINT) AS n,
      trim("Encounter Count") AS n_raw,
      trim("${citizenshipColumn}") AS citizenship_raw,
      ${opt('Land Border Region')} AS region, ${opt('Area of Responsibility')} AS aor, ${opt('Demographic')} AS demographic,
      ${opt('Title of Authority')} AS title, ${opt('Encounter Type')} AS encounter_type
    FROM ${t}`);
  await store.run(`CREATE OR REPLACE TEMP VIEW _cbp_checked AS SELECT *, ${sqlCalendarMonth('fy', 'mon_raw')} AS month,
      CASE
        WHEN fy IS NULL THEN printf('Fiscal Year is not a year: "%s"', fy_raw)
        WHEN ${sqlCalendarMonth('fy', 'mon_raw')} IS NULL THEN printf('Month (abbv) is not a month: "%s"', mon_raw)
        WHEN component IS NULL THEN printf('Component is neither Office of Field Operations nor U.S. Border Patrol: "%s"', component_raw)
        WHEN n IS NULL THEN printf('Encounter Count is not a whole number: "%s"', n_raw)
        WHEN n < 0 THEN printf('Encounter Count is negative: "%s"', n_raw)
        WHEN citizenship_raw IS NULL OR citizenship_raw = '' THEN 'Citizenship is empty'
      END AS problem
    FROM _cbp`);
  await rejectWhere(ctx, { ...staged, table: '_cbp_checked' }, 'problem IS NOT NULL', 'problem');
  await ensureCountryNames(store);
  await store.run(
    `INSERT INTO encounters (source_id, dataset, fiscal_year, month, component, region, aor, demographic, citizenship_raw, citizenship, title, encounter_type, count, rounded_to, line)
     SELECT ?, ?, fy, month, component, region, aor, demographic, citizenship_raw, cn.code, title, encounter_type, n, 1, ${staged.lineSql('_ord')}
     FROM _cbp_checked LEFT JOIN _country_names cn ON cn.name = ${sqlNormalizeName('citizenship_raw')}
     WHERE problem IS NULL`,
    [sourceId, dataset],
  );
  await reportUnmatched(ctx, 'encounters');
  const kept = Number(await store.value(`SELECT count(*) FROM encounters WHERE source_id = ?`, [sourceId]));
  if (staged.rowsStaged + staged.rowsMalformed === 0) throw badInput('no data rows after the header', ctx.path, 2);
  const through = await store.value<string>(`SELECT max(month) FROM encounters WHERE source_id = ?`, [sourceId]);
  await store.run(`DROP VIEW _cbp_checked; DROP VIEW _cbp; DROP TABLE ${t}`);
  return { rowsRead: staged.rowsStaged + staged.rowsMalformed, rowsKept: kept, releaseThrough: through ?? undefined };
}
