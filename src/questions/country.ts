import type { CountrySheet } from '../answers/country.ts';
import { declare } from './declare.ts';

export const DOCUMENT_FORMATS = ['md', 'html', 'json'] as const;

/** The country sheet (questions 1–6 for one country): `charterwatch country CN`, `GET /api/countries/CN`. */
export const countryQuestion = declare<CountrySheet>({
  name: 'country',
  summary: 'The country sheet: removal flights, people on board, encounters, cooperation lists, removals (questions 1–6), each with sources',
  params: [
    { name: 'country', type: 'country', required: true, cli: { argument: true }, api: { path: true }, help: 'ISO code or name: CN, China' },
    { name: 'fy', type: 'fiscalYear', cli: { placeholder: 'year' }, help: 'fiscal year for the statistics (default: that of the latest removal flight)' },
    { name: 'through', type: 'month', help: 'count encounters and flights of the fiscal year through this month, YYYY-MM' },
    { name: 'format', type: 'enum', values: DOCUMENT_FORMATS, cli: { default: 'md' }, api: { default: 'json' }, help: 'md, html (a printable sheet) or json' },
    { name: 'out', type: 'file', api: false, help: 'write to a file instead of stdout' },
    { name: 'package', type: 'file', api: false, cli: { placeholder: 'dir' }, help: 'also write a data package (CSV files and datapackage.json with columns and sources)' },
  ],
  formats: DOCUMENT_FORMATS,
  path: '/api/countries/{country}',
  ask: async (store, v) => (await import('../answers/country.ts')).countrySheet(store, { country: v.country as string, fiscalYear: v.fy as number | undefined, through: v.through as string | undefined }),
  write: {
    md: async (s) => (await import('../answers/country-render.ts')).countryMarkdown(s),
    html: async (s) => (await import('../render/report.ts')).countrySheetHtml(s),
  },
});
