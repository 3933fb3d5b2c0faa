import { csvRow } from '../export/csv.ts';
import type { Leg } from './shapes.ts';

/**
 * Leg downloads: CSV (RFC 4180 and the formula guard of src/export/csv.ts) and GeoJSON
 * (RFC 7946: one LineString per leg whose both ends have an airport).
 */

export const LEG_CSV_COLUMNS = [
  'id', 'icao24', 'registration', 'aircraft_type', 'operator', 'callsign', 'kind', 'mission_id',
  'dep_airport', 'dep_country', 'dep_time', 'dep_status', 'arr_airport', 'arr_country', 'arr_time', 'arr_status',
  'origin', 'source_id', 'generated', 'evidence',
] as const;

export function legsCsv(legs: Leg[]): string {
  const lines = [csvRow(LEG_CSV_COLUMNS)];
  for (const l of legs) {
    lines.push(
      csvRow([
        l.id, l.icao24, l.registration, l.aircraftType, l.operator, l.callsign, l.kind, l.missionId,
        l.departure.airport, l.departure.country, l.departure.time, l.departure.status,
        l.arrival.airport, l.arrival.country, l.arrival.time, l.arrival.status,
        l.origin, l.sourceId, l.generated, l.evidence,
      ]),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function legsGeoJson(legs: Leg[]): object {
  return {
    type: 'FeatureCollection',
    features: legs
      .filter((l) => l.departure.lat !== null && l.arrival.lat !== null)
      .map((l) => ({
        type: 'Feature',
        id: l.id,
        geometry: { type: 'LineString', coordinates: [[l.departure.lon, l.departure.lat], [l.arrival.lon, l.arrival.lat]] },
        properties: {
          registration: l.registration, icao24: l.icao24, kind: l.kind, missionId: l.missionId,
          from: l.departure.airport, to: l.arrival.airport, departure: l.departure.time, arrival: l.arrival.time,
          generated: l.generated,
        },
      })),
  };
}
