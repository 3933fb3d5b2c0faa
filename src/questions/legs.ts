import type { LegView } from '../answers/legs.ts';
import { LEG_SORT_VALUES } from '../answers/vocabulary.ts';
import { declare } from './declare.ts';
import { LEG_FILTER, legFilterOf, LIMIT, OFFSET } from './leg-filter.ts';

/** Output formats of a list of legs: the command line's text, JSON, the downloads, and Parquet to a file. */
export const LEG_OUTPUTS = ['text', 'json', 'csv', 'geojson', 'kml', 'parquet'] as const;
export const LEG_API_OUTPUTS = ['json', 'csv', 'geojson'] as const;

/** Flight legs matching a filter: `charterwatch legs`, `GET /api/legs`. */
export const legsQuestion = declare<LegView[]>({
  name: 'legs',
  summary: 'Flight legs (take-off to landing, from ADS-B positions and leg histories) with airports, times, kind and mission; filtered, sorted and paged',
  params: [
    ...LEG_FILTER,
    { name: 'sort', type: 'enum', values: LEG_SORT_VALUES, api: { default: 'departure' }, help: 'sort key, a leading - sorts descending; none: the timeline' },
    LIMIT,
    OFFSET,
    { name: 'format', type: 'enum', values: LEG_OUTPUTS, cli: { default: 'text' }, api: { default: 'json', values: () => LEG_API_OUTPUTS }, help: 'output format: the API\'s json is a page, csv and geojson a download of up to 50,000 legs; parquet goes to the file --out names' },
    { name: 'out', type: 'file', api: false, help: 'with --format parquet: the file to write' },
  ],
  formats: LEG_OUTPUTS,
  path: '/api/legs',
  ask: async (store, v) => {
    const { listLegs } = await import('../answers/legs.ts');
    return listLegs(store, legFilterOf(v), { sort: v.sort as string | undefined, limit: v.limit as number | undefined, offset: v.offset as number | undefined });
  },
  write: {
    text: async (legs) => (await import('../answers/legs.ts')).renderLegsText(legs),
    csv: async (legs) => (await import('../answers/legs.ts')).legsCsv(legs),
    geojson: async (legs) => (await import('../answers/legs.ts')).legsGeoJson(legs),
    kml: async (legs) => (await import('../answers/legs.ts')).legsKml(legs),
  },
});
