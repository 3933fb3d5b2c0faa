import { airportByCode } from '../airports/airports.ts';
import type { MissionView } from '../answers/missions.ts';
import type { Position } from './antimeridian.ts';
import { flownColumns, rowObject, type Column } from './columns.ts';
import { EXPORT_FORMATS, exportRows, type ExportFormat, type ExportTable } from './export-table.ts';
import type { MapFeature } from './features.ts';

/** The missions table: its columns, declared once, and the missions in every export format. */

export const MISSION_EXPORT_FORMATS = EXPORT_FORMATS;

export const MISSION_COLUMNS: readonly Column<MissionView>[] = flownColumns<MissionView>({ idOf: 'mission', generatedBy: 'its legs were made' }, [
  { name: 'start_airport', type: 'string', description: 'US airport it left from, ICAO code', value: (m) => m.start.airport },
  { name: 'start_time', type: 'datetime', description: 'take-off of its first leg, UTC', value: (m) => m.start.time },
  { name: 'end_airport', type: 'string', description: 'airport of its last landing, ICAO code', value: (m) => m.end.airport },
  { name: 'end_time', type: 'datetime', description: 'landing of its last leg, UTC', value: (m) => m.end.time },
  { name: 'countries', type: 'string', description: 'foreign countries visited, ISO 3166-1 alpha-2, space-separated', value: (m) => m.countries.join(' ') },
  { name: 'legs', type: 'integer', description: 'legs flown', value: (m) => m.legs },
  { name: 'complete', type: 'boolean', description: 'true: seen back in the US', value: (m) => m.complete },
  { name: 'route', type: 'string', description: 'airports in flying order, space-separated', value: (m) => m.route.join(' ') },
  { name: 'kinds', type: 'string', description: 'the kind of each leg in order, space-separated', value: (m) => m.kinds.map((k) => k ?? 'unclassified').join(' ') },
]);

/** The missions in one export format: text, or bytes for Parquet. */
export const missionsAs = (format: ExportFormat, missions: readonly MissionView[]) => exportRows(format, MISSIONS, missions);

/** GeoJSON and KML: the line through the airports of its route, cut at the antimeridian. */
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

const MISSIONS: ExportTable<MissionView> = { name: 'missions', columns: MISSION_COLUMNS, feature: missionFeature, generated: (m) => m.generated };
