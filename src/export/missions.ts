import { airportByCode } from '../airports/airports.ts';
import type { MissionView } from '../answers/missions.ts';
import { csvRow } from './csv.ts';

/** Mission exports: CSV (one row a mission), GeoJSON and KML (the route through its airports). */

export const MISSION_FORMATS = ['json', 'csv', 'geojson', 'kml'] as const;

export function missionsCsv(missions: MissionView[]): string {
  const header = ['id', 'icao24', 'registration', 'start_airport', 'start_time', 'end_airport', 'end_time', 'countries', 'legs', 'complete', 'route', 'kinds', 'generated'];
  const rows = missions.map((m) => [m.id, m.icao24, m.registration, m.start.airport, m.start.time, m.end.airport, m.end.time, m.countries.join(' '), m.legs, m.complete, m.route.join(' '), m.kinds.map((k) => k ?? 'unclassified').join(' '), m.generated]);
  return `${[header, ...rows].map((r) => csvRow(r)).join('\n')}\n`;
}

/** The airports of a mission's route with known coordinates, as [lon, lat] pairs. */
function routeCoordinates(m: MissionView): [number, number][] {
  return m.route.flatMap((code) => {
    const a = airportByCode(code);
    return a ? [[a.lon, a.lat] as [number, number]] : [];
  });
}

export function missionsGeoJson(missions: MissionView[]): string {
  const features = missions
    .map((m) => ({ m, coordinates: routeCoordinates(m) }))
    .filter(({ coordinates }) => coordinates.length >= 2)
    .map(({ m, coordinates }) => ({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates },
      properties: { id: m.id, icao24: m.icao24, registration: m.registration, start: m.start.time, end: m.end.time, countries: m.countries, legs: m.legs, complete: m.complete, route: m.route, kinds: m.kinds, generated: m.generated },
    }));
  return `${JSON.stringify({ type: 'FeatureCollection', features })}\n`;
}

export function missionsKml(missions: MissionView[]): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const marks = missions.flatMap((m) => {
    const coordinates = routeCoordinates(m);
    if (coordinates.length < 2) return [];
    const name = `${m.generated ? 'GENERATED ' : ''}mission ${m.id} ${m.registration ?? m.icao24 ?? '?'} ${m.route.join(' → ')}`;
    return [
      `  <Placemark>\n    <name>${esc(name)}</name>\n    <description>${esc(`countries: ${m.countries.join(', ') || 'none'}; ${m.complete ? 'back in the US' : 'return not seen'}`)}</description>\n` +
        (m.start.time ? `    <TimeSpan><begin>${m.start.time}</begin>${m.end.time ? `<end>${m.end.time}</end>` : ''}</TimeSpan>\n` : '') +
        `    <LineString><tessellate>1</tessellate><coordinates>${coordinates.map(([lon, lat]) => `${lon},${lat},0`).join(' ')}</coordinates></LineString>\n  </Placemark>`,
    ];
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">\n<Document>\n  <name>charterwatch missions</name>\n${marks.join('\n')}\n</Document>\n</kml>\n`;
}
