import { countryByCode } from '../../countries/countries.ts';
import { badInput } from '../../errors.ts';
import { insertDesignation } from '../../query/write/statistics.ts';
import { readCsvRecords, rowText } from '../csv.ts';
import type { Format } from '../format.ts';

const COLUMNS = ['as_of', 'list', 'count', 'countries', 'china_listed', 'source'];
const LISTS = new Set(['uncooperative', 'at_risk_of_non_compliance']);

/** ICE's cooperation lists as publicly reported: `as_of,list,count,countries,china_listed,source`. */
export const designations: Format = {
  name: 'ice-designations',
  description: 'ICE "uncooperative" / "at risk of non-compliance" country lists as reported (as_of,list,count,countries,china_listed,source)',
  target: 'designations',
  sniff: ({ firstLine }) => (firstLine.trim().replace(/"/g, '') === COLUMNS.join(',') ? 100 : 0),
  async load(ctx) {
    const records = readCsvRecords(ctx.path);
    let kept = 0;
    for (let i = 1; i < records.length; i++) {
      const { fields: r, line } = records[i]!;
      const raw = await rowText(records[i]!, COLUMNS.length, ctx.rejects);
      if (raw === null) continue;
      const [asOf, list, count, countries, china, citation] = r as [string, string, string, string, string, string];
      const codes = countries === '' ? [] : countries.split(';').map((c) => c.trim().toUpperCase());
      const unknown = codes.filter((c) => !countryByCode(c));
      let problem: string | undefined;
      if (!/^\d{4}-\d{2}(-\d{2})?$/.test(asOf)) problem = `as_of is not a date (YYYY-MM or YYYY-MM-DD): "${asOf}"`;
      else if (!LISTS.has(list)) problem = `list is neither uncooperative nor at_risk_of_non_compliance: "${list}"`;
      else if (count !== '' && !/^\d+$/.test(count)) problem = `count is not a whole number: "${count}"`;
      else if (unknown.length) problem = `countries holds codes that are not ISO 3166-1 alpha-2: ${unknown.join(', ')}`;
      else if (citation === '') problem = 'source is empty: every designation needs its source';
      if (problem) {
        await ctx.rejects.add(line, problem, raw);
        continue;
      }
      await insertDesignation(ctx.store, ctx.sourceId, { asOf, list, count: count === '' ? null : Number(count), countries: codes, chinaListed: china || null, source: citation, line });
      kept++;
    }
    if (records.length <= 1) throw badInput('no designation rows after the header', ctx.path, 2);
    return { rowsRead: records.length - 1, rowsKept: kept };
  },
};
