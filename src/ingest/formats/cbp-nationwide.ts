import { badInput } from '../../errors.ts';
import { cbpProblemSql, groupCbpLines, lastEncounterMonth, matchNormalizedCitizenships, storeCbpGroups } from '../../query/write/statistics.ts';
import { ensureCountryNames, reportUnmatched } from '../country-match.ts';
import { csvScan, type CsvScan } from '../duckdb-csv.ts';
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

async function loadCbp(ctx: LoadContext, dataset: string, citizenshipColumn: string): Promise<LoadResult> {
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
  await ensureCountryNames(store);
  ctx.progress.note('loading');
  // One pass over the file, lines that repeat every dimension summed into one group
  // (src/query/write/statistics.ts); counts that are not whole non-negative numbers are counted
  // apart, so their lines can be found and rejected below.
  await groupCbpLines(store, sourceId, { from: await scan.full(), header: scan.header, citizenshipColumn });
  const malformed = await scan.finish();
  const { lines, kept, rejected } = await storeCbpGroups(store, sourceId, dataset);
  if (rejected > 0) {
    // The slower second pass, only when there are bad values: find each such line and say why.
    const problem = cbpProblemSql(citizenshipColumn);
    const found = await scan.linesOf(`(${problem}) IS NOT NULL`, problem);
    for (const r of found) await ctx.rejects.add(r.line, r.reason, r.raw);
    // Every line the checks refused must be reported: a mismatch is a bug, never a silent drop.
    if (found.length !== rejected) throw new Error(`${rejected} line(s) failed the checks but ${found.length} were found to report`);
  }
  // Spellings that the plain match missed get the full normalization (few distinct names).
  await matchNormalizedCitizenships(store, sourceId);
  if (lines + malformed + scan.taken === 0) throw badInput('no data rows after the header', ctx.path, 2);
  await reportUnmatched(ctx, 'encounters', 'citizenship_raw', 'citizenship', 'lines');
  const through = await lastEncounterMonth(store, sourceId);
  return { rowsRead: lines + malformed + scan.taken, rowsKept: kept, releaseThrough: through ?? undefined };
}
