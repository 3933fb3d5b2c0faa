import type { Store } from '../store/store.ts';
import { countChains } from '../query/legs.ts';
import { countFlights } from './flights.ts';

/** Removal flights (legs) and missions in one period the monthly report compares. */
export interface PeriodCount {
  period: 'this month' | 'previous month' | 'same month a year before' | 'fiscal year to date';
  /** "2020-03", or "FY2020 to date (2019-10 to 2020-03)". */
  label: string;
  /** The months of the period (YYYY-MM) and those of them the data hold any leg in: the figures cover only these. */
  months: string[];
  monthsWithData: string[];
  /** Null: no month of the period has data ("no data", not 0). */
  removalLegs: number | null;
  missions: number | null;
  /** Possible removals beside the figure, never in it. */
  possible: number | null;
  /** Of the removal legs, how many are GENERATED (synthetic demo data). */
  generated: number | null;
}

const shift = (month: string, by: number) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + by, 1)).toISOString().slice(0, 7);
};

/**
 * The month against the previous month, the same month a year before and the running US fiscal
 * year (October through the month). `hasLegs` says whether the data hold any leg in a month
 * (it must know the twelve months before `month`).
 */
export async function monthlyComparisons(store: Store, { month, hasLegs }: { month: string; hasLegs: (month: string) => boolean }): Promise<PeriodCount[]> {
  const m = Number(month.slice(5, 7));
  const fyStart = shift(month, -((m + 2) % 12));
  const fy = Number(month.slice(0, 4)) + (m >= 10 ? 1 : 0);
  const span = (first: string, last: string) => {
    const out = [first];
    while (out.at(-1)! < last) out.push(shift(out.at(-1)!, 1));
    return out;
  };
  const periods: [PeriodCount['period'], string, string[]][] = [
    ['this month', month, [month]],
    ['previous month', shift(month, -1), [shift(month, -1)]],
    ['same month a year before', shift(month, -12), [shift(month, -12)]],
    ['fiscal year to date', `FY${fy} to date (${fyStart} to ${month})`, span(fyStart, month)],
  ];
  const out: PeriodCount[] = [];
  for (const [period, label, months] of periods) {
    const monthsWithData = months.filter(hasLegs);
    if (monthsWithData.length === 0) {
      out.push({ period, label, months, monthsWithData, removalLegs: null, missions: null, possible: null, generated: null });
      continue;
    }
    const from = `${months[0]}-01`;
    const to = `${shift(months.at(-1)!, 1)}-01`;
    const c = await countFlights(store, { kind: 'removal', from, to, cite: false });
    out.push({ period, label, months, monthsWithData, removalLegs: c.total, missions: await countChains(store, { kind: 'removal', from, to }), possible: c.possible, generated: c.generated });
  }
  return out;
}
