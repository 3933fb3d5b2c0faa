import type { MonthlyReport } from '../answers/monthly.ts';
import { declare } from './declare.ts';
import { DOCUMENT_FORMATS } from './country.ts';

/** The monthly flight report: `charterwatch report monthly --month 2024-06`, `GET /api/reports/monthly/2024-06`. */
export const monthlyReportQuestion = declare<MonthlyReport>({
  name: 'report monthly',
  summary: 'The monthly flight report: removal, return, domestic and lateral legs, by country, operator and airport, against the previous month and the average of the months before that have data; a month without data says "no data"',
  params: [
    { name: 'month', type: 'month', required: true, api: { path: true }, help: 'calendar month (UTC), YYYY-MM' },
    { name: 'format', type: 'enum', values: DOCUMENT_FORMATS, cli: { default: 'md' }, api: { default: 'json' }, help: 'md, html (one offline file with a route map and charts) or json' },
    { name: 'out', type: 'file', api: false, help: 'write to a file instead of stdout' },
    { name: 'package', type: 'file', api: false, cli: { placeholder: 'dir' }, help: 'also write a data package (CSV files and datapackage.json with columns and sources)' },
    { name: 'claims', type: 'file', api: false, cli: { repeatable: true }, help: 'a claim file (docs/claims.md): its claims whose period falls in the month are checked in a section of the report (repeatable)' },
  ],
  formats: DOCUMENT_FORMATS,
  path: '/api/reports/monthly/{month}',
  ask: async (store, v) => {
    const { monthlyReport } = await import('../answers/monthly.ts');
    const { readClaimFile } = await import('../answers/claims-file.ts');
    return monthlyReport(store, { month: v.month as string, claims: ((v.claims as string[] | undefined) ?? []).map(readClaimFile) });
  },
  write: {
    md: async (r) => (await import('../answers/monthly.ts')).monthlyMarkdown(r),
    html: async (r) => (await import('../render/report.ts')).monthlyReportHtml(r),
  },
});
