import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

export const CBP_HEADER =
  'Fiscal Year,Month Grouping,Month (abbv),Component,Land Border Region,Area of Responsibility,AOR (Abbv),Demographic,Citizenship,Title of Authority,Encounter Type,Encounter Count';

export interface CbpRow {
  fy: string | number;
  month: string;
  component?: 'Office of Field Operations' | 'U.S. Border Patrol';
  citizenship?: string;
  count: string | number;
}

/** One CBP nationwide CSV line, quoting the citizenship (it may hold a comma) and a count with separators. */
export function cbpLine({ fy, month, component = 'U.S. Border Patrol', citizenship = 'CHINA, PEOPLES REPUBLIC OF', count }: CbpRow): string {
  const q = (s: string) => (/[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return [fy, 'FYTD', month, component, 'Southwest Land Border', 'San Diego Sector', 'San Diego', 'Single Adults', q(citizenship), 'Title 8', 'Apprehensions', q(String(count))].join(',');
}

/** Writes a CBP nationwide CSV (optionally with a byte-order mark, CRLF, or gzip) and returns its path. */
export function writeCbp(dir: string, name: string, rows: CbpRow[], { bom = false, crlf = false, gzip = false } = {}): string {
  const eol = crlf ? '\r\n' : '\n';
  const text = (bom ? '\uFEFF' : '') + [CBP_HEADER, ...rows.map(cbpLine)].join(eol) + eol;
  const file = path.join(dir, name);
  writeFileSync(file, gzip ? gzipSync(text) : text);
  return file;
}

/** Every month of a fiscal year, each with `count` encounters. */
export const wholeYear = (fy: number | string, count: number, extra: Partial<CbpRow> = {}): CbpRow[] =>
  ['OCT', 'NOV', 'DEC', 'JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP'].map((month) => ({ fy, month, count, ...extra }));
