import type { LegRecord } from '../answers/leg-files.ts';
import type { LegView } from '../answers/legs.ts';
import { LEG_SORT_VALUES } from '../query/vocabulary.ts';
import { declare } from './declare.ts';
import { LEG_FILTER, legFilterOf, LIMIT, OFFSET } from './leg-filter.ts';

/** Output formats of a list of legs: the command line's text, JSON, the downloads, and Parquet to a file. */
export const LEG_OUTPUTS = ['text', 'json', 'csv', 'geojson', 'kml', 'parquet'] as const;
export const LEG_API_OUTPUTS = ['json', 'csv', 'geojson', 'kml', 'parquet'] as const;

/** Flight legs matching a filter: `charterwatch legs`, `GET /api/legs`. */
export const legsQuestion = declare<LegView[]>({
  name: 'legs',
  summary: 'Flight legs (take-off to landing, from ADS-B positions and leg histories) with airports, times, kind and mission; filtered, sorted and paged',
  params: [
    ...LEG_FILTER,
    { name: 'sort', type: 'enum', values: LEG_SORT_VALUES, api: { default: 'departure' }, help: 'sort key, a leading - sorts descending; none: the timeline' },
    LIMIT,
    OFFSET,
    { name: 'format', type: 'enum', values: LEG_OUTPUTS, cli: { default: 'text' }, api: { default: 'json', values: () => LEG_API_OUTPUTS }, help: 'output format: the API\'s json is a page, csv, geojson, kml and parquet a download of up to 50,000 legs (the same bytes as the command line\'s); on the command line parquet goes to the file --out names' },
    { name: 'out', type: 'file', api: false, help: 'with --format parquet: the file to write' },
  ],
  formats: LEG_OUTPUTS,
  path: '/api/legs',
  ask: async (store, v) => {
    const listing = { sort: v.sort as string | undefined, limit: v.limit as number | undefined, offset: v.offset as number | undefined };
    // An export cites the files behind every leg (src/format/legs.ts); a listing does not need them.
    if (isExport(v.format)) return (await import('../answers/leg-files.ts')).listLegRecords(store, legFilterOf(v), listing);
    return (await import('../answers/legs.ts')).listLegs(store, legFilterOf(v), listing);
  },
  write: {
    text: async (legs) => (await import('../answers/legs.ts')).renderLegsText(legs),
    csv: async (legs) => (await import('../format/legs.ts')).legsAs('csv', legs as LegRecord[]) as string,
    geojson: async (legs) => (await import('../format/legs.ts')).legsAs('geojson', legs as LegRecord[]) as string,
    kml: async (legs) => (await import('../format/legs.ts')).legsAs('kml', legs as LegRecord[]) as string,
    parquet: async (legs) => (await import('../format/legs.ts')).legsAs('parquet', legs as LegRecord[]),
  },
});

/** The formats written from legs with their files (every export but text and JSON). */
const isExport = (format: unknown) => format === 'csv' || format === 'geojson' || format === 'kml' || format === 'parquet';
