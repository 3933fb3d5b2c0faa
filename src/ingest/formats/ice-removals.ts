import { countryCode } from '../../countries/countries.ts';
import { badInput } from '../../errors.ts';
import { readCsvRecords, rowText } from '../csv.ts';
import { appendRemovalRows, type RemovalRow } from '../../query/write/statistics.ts';
import { reportUnmatched } from '../country-match.ts';
import type { Format } from '../format.ts';

/**
 * ICE removals by country of citizenship: one row per country, one column per fiscal year
 * (`CountryOfCitizenship,2017,2018`), values often with a space after the comma.
 */
export const iceRemovals: Format = {
  name: 'ice-removals',
  description: 'ICE removals by country of citizenship (CountryOfCitizenship,<fiscal year>,…)',
  target: 'removals',
  sniff: ({ firstLine }) => (/^"?country\s*of\s*citizenship"?\s*(,\s*"?(fy)?\s*\d{4}"?\s*)+$/i.test(firstLine.trim()) ? 95 : 0),
  async load(ctx) {
    const records = readCsvRecords(ctx.path);
    const header = records[0]?.fields ?? [];
    const years = header.slice(1).map((h) => Number(/(\d{4})/.exec(h)?.[1]));
    if (years.length === 0 || years.some((y) => !Number.isInteger(y))) throw badInput(`expected fiscal years after the first column, found ${header.join(',')}`, ctx.path, 1);
    const rows: RemovalRow[] = [];
    let kept = 0;
    for (let i = 1; i < records.length; i++) {
      const { fields: r, line } = records[i]!;
      const raw = await rowText(records[i]!, header.length, ctx.rejects);
      if (raw === null) continue;
      const name = r[0]!;
      if (name === '' || name.includes('\uFFFD')) {
        await ctx.rejects.add(line, name === '' ? 'CountryOfCitizenship is empty' : 'not valid UTF-8 text', raw);
        continue;
      }
      const counts = r.slice(1).map((v) => (/^\d[\d,]*$/.test(v) ? Number(v.replace(/,/g, '')) : v === '' ? null : NaN));
      const bad = counts.findIndex((c) => c !== null && Number.isNaN(c));
      if (bad >= 0) {
        await ctx.rejects.add(line, `FY${years[bad]} removals is not a whole number: "${r[bad + 1]}"`, raw);
        continue;
      }
      const code = countryCode(name);
      kept++; // a file row kept, stored as one row per fiscal year it gives a count for
      counts.forEach((count, j) => {
        if (count !== null) rows.push({ fiscalYear: years[j]!, citizenshipRaw: name, citizenship: code || null, count, line });
      });
    }
    await appendRemovalRows(ctx.store, ctx.sourceId, rows);
    await reportUnmatched(ctx, 'removals');
    if (records.length <= 1) throw badInput('no data rows after the header', ctx.path, 2);
    return { rowsRead: records.length - 1, rowsKept: kept, releaseThrough: `${Math.max(...years)}-09` };
  },
};
