/** US federal fiscal years run October to September: FY2024 = October 2023 to September 2024. */

export const FISCAL_MONTHS = ['OCT', 'NOV', 'DEC', 'JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP'] as const;

/** Calendar month `YYYY-MM` of a fiscal year's month given by its 3-letter abbreviation. */
export function calendarMonth(fiscalYear: number, abbrev: string): string | undefined {
  const index = FISCAL_MONTHS.indexOf(abbrev.trim().toUpperCase().slice(0, 3) as (typeof FISCAL_MONTHS)[number]);
  if (index < 0) return undefined;
  const year = index < 3 ? fiscalYear - 1 : fiscalYear;
  const month = ((index + 9) % 12) + 1;
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** The fiscal year a calendar month `YYYY-MM` falls in. */
export function fiscalYearOf(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m >= 10 ? y + 1 : y;
}

/** Calendar months of a fiscal year, October first. */
export function fiscalYearMonths(fiscalYear: number): string[] {
  return FISCAL_MONTHS.map((abbrev) => calendarMonth(fiscalYear, abbrev)!);
}

/** SQL: the calendar month (YYYY-MM) for fiscal-year and month-abbreviation expressions. */
export function sqlCalendarMonth(fyExpr: string, monExpr: string): string {
  const idx = `(NULLIF(list_position(['OCT','NOV','DEC','JAN','FEB','MAR','APR','MAY','JUN','JUL','AUG','SEP'], upper(left(trim(${monExpr}), 3))), 0) - 1)`;
  return `CASE WHEN ${idx} IS NULL THEN NULL ELSE
            printf('%04d-%02d', CASE WHEN ${idx} < 3 THEN ${fyExpr} - 1 ELSE ${fyExpr} END, ((${idx} + 9) % 12) + 1) END`;
}
