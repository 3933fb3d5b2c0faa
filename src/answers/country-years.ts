import type { RemovalsAnswer } from './removals.ts';

/** One US fiscal year (October to September) of a country's sheet. */
export interface CountryYear {
  fiscalYear: number;
  /** Removal flights (legs) to the country dated in the year; null when the data hold no leg at all in it ("no data", not 0). */
  removalFlights: number | null;
  /** Months of the year (of 12) in which the data hold any leg: the flight count covers these only. */
  dataMonths: number;
  /** ICE's published removals of the country's citizens that year; null where no table is loaded for it. */
  iceRemovals: number | null;
  /** The fiscal year the day of the answer falls in. */
  current: boolean;
}

/** The fiscal year a month (YYYY-MM) falls in: October starts the next year's. */
export const fiscalYearOfMonth = (month: string): number => Number(month.slice(0, 4)) + (Number(month.slice(5, 7)) >= 10 ? 1 : 0);

/**
 * The country's years side by side: removal flights in the data and ICE's published removals,
 * from the first year either reaches to the current fiscal year (always a row, even when
 * neither has reached it yet).
 */
export function countryYears({ byMonth, dataMonths, removals, today = new Date() }: {
  /** Removal flights to the country per month (YYYY-MM). */
  byMonth: { month: string; flights: number }[];
  /** Every month in which the data hold any leg, of any kind and country. */
  dataMonths: string[];
  removals: RemovalsAnswer;
  today?: Date;
}): { rows: CountryYear[]; rule: string } {
  const current = fiscalYearOfMonth(today.toISOString().slice(0, 7));
  const years = [...dataMonths.map(fiscalYearOfMonth), ...removals.rows.map((r) => r.fiscalYear), current];
  const first = Math.min(...years);
  const rows: CountryYear[] = [];
  for (let fy = first; fy <= current; fy++) {
    const covered = dataMonths.filter((m) => fiscalYearOfMonth(m) === fy).length;
    const flights = byMonth.filter((m) => fiscalYearOfMonth(m.month) === fy).reduce((a, m) => a + m.flights, 0);
    const published = removals.rows.filter((r) => r.fiscalYear === fy);
    rows.push({
      fiscalYear: fy,
      removalFlights: covered ? flights : null,
      dataMonths: covered,
      iceRemovals: published.length ? published.reduce((a, r) => a + r.removals, 0) : null,
      current: fy === current,
    });
  }
  return {
    rows,
    rule: `US fiscal years (October to September) from the first either source reaches to the current one (FY${current}); removal flights are legs classified "removal" arriving in the country, dated by departure (else arrival, else the day the record gives), "no data" where the data hold no leg in the year and counted over the months they cover; ICE removals as published per country of citizenship, "not published" where no table for the year is loaded.`,
  };
}
