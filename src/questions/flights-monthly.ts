import { declare } from './declare.ts';
import { COUNTRY, FROM, KIND, legFilterOf, TO } from './leg-filter.ts';

export interface MonthlyFlights {
  from: string | null;
  to: string | null;
  rows: { month: string; kind: string; country: string; flights: number }[];
}

/** Legs per month by kind and country (the dashboard's chart data): `charterwatch flights monthly`, `GET /api/flights/monthly`. */
export const flightsMonthlyQuestion = declare<MonthlyFlights>({
  name: 'flights monthly',
  summary: 'Legs per month by kind and country (the foreign end: where a removal went, where a return came from)',
  params: [FROM, TO, KIND, COUNTRY],
  formats: ['text', 'json'],
  path: '/api/flights/monthly',
  ask: async (store, v) => {
    const { monthlySeries } = await import('../answers/flights.ts');
    return { from: (v.from as string | undefined) ?? null, to: (v.to as string | undefined) ?? null, rows: await monthlySeries(store, legFilterOf(v)) };
  },
  write: {
    text: async (m) => (m.rows.length ? ['month    kind      country  legs', ...m.rows.map((r) => `${r.month}  ${r.kind.padEnd(8)}  ${r.country.padEnd(7)}  ${String(r.flights).padStart(4)}`)].join('\n') : 'no legs in the period'),
  },
});
