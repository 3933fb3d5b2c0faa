import type { CountBreakdown, FlightCount } from '../answers/flights.ts';
import { COUNT_BREAKDOWNS } from '../query/vocabulary.ts';
import { declare } from './declare.ts';
import { KIND, LEG_FILTER, legFilterOf } from './leg-filter.ts';

/**
 * How many legs of a kind between dates, by country, month, … : `charterwatch flights count`,
 * `GET /api/flights/count`. The answer echoes `from` and `to` as they were given.
 */
export const flightsCountQuestion = declare<FlightCount>({
  name: 'flights count',
  summary: 'How many flights (legs) of a kind between dates, e.g. international removal flights since a date by country',
  params: [
    ...LEG_FILTER.map((p) => (p === KIND ? { ...KIND, cli: { default: 'removal' }, help: 'leg kind; none: every kind, unclassified legs too' } : p)),
    { name: 'by', type: 'enum', values: COUNT_BREAKDOWNS, list: 2, api: { default: 'country' }, help: 'breakdown, or two of them comma-separated (country,month); airport and country are the foreign end, us-airport where a removal left from; none: the total only' },
  ],
  formats: ['text', 'json'],
  path: '/api/flights/count',
  ask: async (store, v) => {
    const { countFlights } = await import('../answers/flights.ts');
    const [by, then] = (v.by as CountBreakdown[] | undefined) ?? [];
    const count = await countFlights(store, { ...legFilterOf(v), by, then });
    // As the user gave them: "2024-07-03", not the instant the query used.
    return { ...count, from: (v.from as string | undefined) ?? null, to: (v.to as string | undefined) ?? null };
  },
  write: {
    text: async (c) => (await import('../answers/flights.ts')).renderFlightCount(c),
  },
});
