import ExcelJS from 'exceljs';
import { countryCode } from '../../countries/countries.ts';
import { badInput } from '../../errors.ts';
import { appendEncounterRows, type EncounterRow } from '../../query/write/statistics.ts';
import { reportUnmatched } from '../country-match.ts';
import { readCsvRecords, rowText } from '../csv.ts';
import { checkZipUnpacked } from '../whole-file.ts';
import { calendarMonth } from '../fiscal.ts';
import type { Format, LoadContext, LoadResult } from '../format.ts';

/**
 * DHS OHSS "KHSM" Border Patrol encounters: the workbook (.xlsx) and its sheets exported to CSV.
 * Every quantity in it is rounded to the nearest 10, and the rows say so (`rounded_to`).
 * Two datasets come out of it, never summed together: `ohss-usbp` (the monthly citizenship
 * sheet) and `ohss-usbp-region` (the monthly region-and-citizenship sheet).
 */

interface OhssRow {
  line: number;
  fiscalYear: unknown;
  month: unknown;
  region: unknown;
  citizenship: unknown;
  quantity: unknown;
  raw: string;
}

const SHEETS = [
  { sheet: 'Monthly Citizenship', dataset: 'ohss-usbp', region: false },
  { sheet: 'Monthly Rgn and Citp', dataset: 'ohss-usbp-region', region: true },
] as const;

export const ohssWorkbook: Format = {
  name: 'ohss-khsm-xlsx',
  description: 'DHS OHSS KHSM Border Patrol encounters workbook (.xlsx): the monthly citizenship sheets',
  target: 'encounters',
  sniff: ({ zip, head }) => (zip && head.includes('xl/') ? 60 : 0),
  async load(ctx) {
    const workbook = new ExcelJS.Workbook();
    checkZipUnpacked(ctx.path);
    try {
      await workbook.xlsx.readFile(ctx.path);
    } catch (error) {
      throw badInput(`not a readable .xlsx workbook: ${(error as Error).message.split('\n')[0]}`, ctx.path);
    }
    let rowsRead = 0;
    let rowsKept = 0;
    let through: string | undefined;
    const found = SHEETS.filter(({ sheet }) => workbook.getWorksheet(sheet));
    if (found.length === 0) {
      throw badInput(`no sheet named ${SHEETS.map((s) => `"${s.sheet}"`).join(' or ')}; sheets found: ${workbook.worksheets.map((w) => `"${w.name}"`).join(', ')}`, ctx.path);
    }
    for (const { sheet, dataset, region } of found) {
      const ws = workbook.getWorksheet(sheet)!;
      const header = (ws.getRow(1).values as unknown[]).slice(1).map((v) => String(v ?? '').replace(/\s+/g, ' ').trim());
      const col = (name: string) => {
        const i = header.indexOf(name);
        if (i < 0) throw badInput(`sheet "${sheet}": missing column "${name}"; found ${header.map((h) => `"${h}"`).join(', ')}`, ctx.path, 1);
        return i + 1;
      };
      const [cFy, cMonth, cCit, cQty] = [col('Fiscal Year'), col('Month'), col('Citizenship'), col('Quantity')];
      const cRegion = region ? col('Region') : 0;
      const rows: OhssRow[] = [];
      ws.eachRow({ includeEmpty: false }, (row, number) => {
        if (number === 1) return;
        const cell = (c: number) => (c ? cellValue(row.getCell(c).value) : null);
        rows.push({
          line: number,
          fiscalYear: cell(cFy),
          month: cell(cMonth),
          region: cell(cRegion),
          citizenship: cell(cCit),
          quantity: cell(cQty),
          raw: (row.values as unknown[]).slice(1).map((v) => String(cellValue(v as ExcelJS.CellValue) ?? '')).join(','),
        });
      });
      const result = await appendOhss(ctx, rows, dataset);
      rowsRead += rows.length;
      rowsKept += result.kept;
      if (result.through && (!through || result.through > through)) through = result.through;
    }
    await reportUnmatched(ctx, 'encounters');
    return { rowsRead, rowsKept, releaseThrough: through };
  },
};

export const ohssCsv: Format = {
  name: 'ohss-khsm-csv',
  description: 'a monthly citizenship sheet of the OHSS KHSM workbook exported to CSV (Fiscal Year,Month,[Region,]Citizenship,Quantity)',
  target: 'encounters',
  sniff: ({ firstLine }) => (/^"?fiscal\s*year"?,"?month"?,("?region"?,)?"?citizenship"?,"?quantity"?\s*$/i.test(firstLine.trim()) ? 95 : 0),
  async load(ctx) {
    const records = readCsvRecords(ctx.path, { trim: false });
    if (records.length <= 1) throw badInput('no data rows after the header', ctx.path, 2);
    const header = (records[0]?.fields ?? []).map((h) => h.replace(/\s+/g, ' ').trim());
    const region = header.includes('Region');
    const dataset = region ? 'ohss-usbp-region' : 'ohss-usbp';
    const expected = region ? 5 : 4;
    const rows: OhssRow[] = [];
    for (let i = 1; i < records.length; i++) {
      const { fields: r, line } = records[i]!;
      const raw = await rowText(records[i]!, expected, ctx.rejects);
      if (raw === null) continue;
      rows.push(region
        ? { line, fiscalYear: r[0], month: r[1], region: r[2], citizenship: r[3], quantity: r[4], raw }
        : { line, fiscalYear: r[0], month: r[1], region: null, citizenship: r[2], quantity: r[3], raw });
    }
    const result = await appendOhss(ctx, rows, dataset);
    await reportUnmatched(ctx, 'encounters');
    return { rowsRead: records.length - 1, rowsKept: result.kept, releaseThrough: result.through };
  },
};

function cellValue(value: ExcelJS.CellValue): unknown {
  if (value && typeof value === 'object' && 'result' in value) return (value as { result: unknown }).result;
  if (value && typeof value === 'object' && 'richText' in value) return (value as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join('');
  return value;
}

/** Validates and appends OHSS rows; bad rows go to rejects with their line. */
async function appendOhss(ctx: LoadContext, rows: OhssRow[], dataset: string): Promise<{ kept: number; through?: string }> {
  const kept: EncounterRow[] = [];
  let through: string | undefined;
  for (const row of rows) {
    const fy = Number(String(row.fiscalYear ?? '').trim());
    const monthText = String(row.month ?? '').trim();
    const monthName = monthText.replace(/^\d+\s+/, '');
    const month = Number.isInteger(fy) && fy > 1900 ? calendarMonth(fy, monthName) : undefined;
    const quantityText = String(row.quantity ?? '').trim().replace(/,/g, '');
    const quantity = /^\d+$/.test(quantityText) ? Number(quantityText) : NaN;
    const name = String(row.citizenship ?? '').trim();
    let problem: string | undefined;
    if (!Number.isInteger(fy) || fy < 1900) problem = `Fiscal Year is not a year: "${row.fiscalYear}"`;
    else if (!month) problem = `Month is not a month: "${monthText}"`;
    else if (Number.isNaN(quantity)) problem = `Quantity is not a whole number: "${row.quantity}"`;
    else if (name === '') problem = 'Citizenship is empty';
    if (problem) {
      await ctx.rejects.add(row.line, problem, row.raw);
      continue;
    }
    kept.push({
      dataset, fiscalYear: fy, month: month!, component: 'USBP', region: row.region === null || row.region === undefined || row.region === '' ? null : String(row.region).trim(),
      aor: null, demographic: null, citizenshipRaw: name, citizenship: countryCode(name) || null, title: null, encounterType: null,
      count: quantity, roundedTo: 10, line: row.line, lines: 1, // one row per line
    });
    if (!through || month! > through) through = month;
  }
  await appendEncounterRows(ctx.store, ctx.sourceId, kept);
  return { kept: kept.length, through };
}
