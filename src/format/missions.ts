import { airportByCode } from '../airports/airports.ts';
import type { MissionView } from '../answers/missions.ts';
import type { Position } from './antimeridian.ts';
import { rowObject, type Column } from './columns.ts';
import { writeCsv } from './csv.ts';
import type { MapFeature } from './features.ts';
import { writeGeoJson } from './geojson.ts';
import { writeKml } from './kml.ts';
import { writeParquet } from './parquet.ts';

/** The missions table: its columns, declared once, and the missions in every export format. */

export const MISSION_EXPORT_FORMATS = ['csv', 'geojson', 'kml', 'parquet'] as const;

export const MISSION_COLUMNS: readonly Column<MissionView>[] = [
  { name: 'id', type: 'integer', description: 'mission id in this database', value: (m) => m.id },
  { name: 'icao24', type: 'string', description: 'ICAO 24-bit address, lower-case hex', value: (m) => m.icao24 },
  { name: 'registration', type: 'string', description: 'registration (tail number)', value: (m) => m.registration },
  { name: 'start_airport', type: 'string', description: 'US airport it left from, ICAO code', value: (m) => m.start.airport },
  { name: 'start_time', type: 'datetime', description: 'take-off of its first leg, UTC', value: (m) => m.start.time },
  { name: 'end_airport', type: 'string', description: 'airport of its last landing, ICAO code', value: (m) => m.end.airport },
  { name: 'end_time', type: 'datetime', description: 'landing of its last leg, UTC', value: (m) => m.end.time },
  { name: 'countries', type: 'string', description: 'foreign countries visited, ISO 3166-1 alpha-2, space-separated', value: (m) => m.countries.join(' ') },
  { name: 'legs', type: 'integer', description: 'legs flown', value: (m) => m.legs },
  { name: 'complete', type: 'boolean', description: 'true: seen back in the US', value: (m) => m.complete },
  { name: 'route', type: 'string', description: 'airports in flying order, space-separated', value: (m) => m.route.join(' ') },
  { name: 'kinds', type: 'string', description: 'the kind of each leg in order, space-separated', value: (m) => m.kinds.map((k) => k ?? 'unclassified').join(' ') },
  { name: 'generated', type: 'boolean', description: 'true: its legs were made by the traffic generator (synthetic demo data), not observed', value: (m) => m.generated },
];

export const missionsCsv = (missions: readonly MissionView[]): string => writeCsv(MISSION_COLUMNS, missions);

/** GeoJSON, one feature a mission: the line through the airports of its route. */
export const missionsGeoJson = (missions: readonly MissionView[]): string => writeGeoJson(missions.map(missionFeature));

export const missionsKml = (missions: readonly MissionView[]): string => writeKml('charterwatch missions', missions.map(missionFeature));

export const missionsParquet = (missions: readonly MissionView[]): Promise<Uint8Array<ArrayBuffer>> =>
  writeParquet({ columns: MISSION_COLUMNS, rows: missions, metadata: { 'charterwatch.table': 'missions', 'charterwatch.generated_rows': String(missions.filter((m) => m.generated).length) } });

function missionFeature(m: MissionView): MapFeature {
  // The airports of its route with known coordinates.
  const path = m.route.flatMap((code): Position[] => {
    const a = airportByCode(code);
    return a ? [[a.lon, a.lat]] : [];
  });
  return {
    id: m.id,
    name: `${m.generated ? 'GENERATED ' : ''}mission ${m.id} ${m.registration ?? m.icao24 ?? '?'} ${m.route.join(' → ')}`,
    description: `countries: ${m.countries.join(', ') || 'none'}; ${m.complete ? 'back in the US' : 'return not seen'}`,
    begin: m.start.time,
    end: m.end.time,
    path: path.length >= 2 ? path : null,
    properties: rowObject(MISSION_COLUMNS, m),
  };
}

/** The missions in one export format: text, or bytes for Parquet. */
export function missionsAs(format: (typeof MISSION_EXPORT_FORMATS)[number], missions: readonly MissionView[]): Promise<string | Uint8Array<ArrayBuffer>> | string {
  switch (format) {
    case 'csv': return missionsCsv(missions);
    case 'geojson': return missionsGeoJson(missions);
    case 'kml': return missionsKml(missions);
    case 'parquet': return missionsParquet(missions);
  }
}
