import type { Leg } from './shapes.ts';

/**
 * Leg downloads: CSV (RFC 4180: fields with a comma, quote or line break are quoted, quotes
 * doubled) and GeoJSON (RFC 7946: one LineString per leg whose both ends have an airport).
 */

export const LEG_CSV_COLUMNS = [
  'id', 'icao24', 'registration', 'aircraft_type', 'operator', 'callsign', 'kind', 'mission_id',
  'dep_airport', 'dep_country', 'dep_time', 'dep_status', 'arr_airport', 'arr_country', 'arr_time', 'arr_status',
  'origin', 'source_id', 'generated', 'evidence',
] as const;

const csvField = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  const s = String(v);
  // A leading = + - @ would run as a formula in a spreadsheet: prefix a quote (OWASP CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function legsCsv(legs: Leg[]): string {
  const lines = [LEG_CSV_COLUMNS.join(',')];
  for (const l of legs) {
    lines.push(
      [
        l.id, l.icao24, l.registration, l.aircraftType, l.operator, l.callsign, l.kind, l.missionId,
        l.departure.airport, l.departure.country, l.departure.time, l.departure.status,
        l.arrival.airport, l.arrival.country, l.arrival.time, l.arrival.status,
        l.origin, l.sourceId, l.generated, l.evidence,
      ].map(csvField).join(','),
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
