/**
 * Airports shipped in the repo (`data/reference/airports.csv`: airportsdata locations and codes,
 * OurAirports runway lengths) with the kind of field each is, looked up by code or by distance through a geographic k-d tree.
 * Loaded lazily, once, on first use.
 */
import { readFileSync } from 'node:fs';
import KDBush from 'kdbush';
import { around, distance } from 'geokdbush';
import { parseCsv } from '../ingest/csv.ts';
import { dataPath } from '../paths.ts';
import { fieldKind, type FieldKind } from './field-kind.ts';

export interface Airport {
  /** ICAO code (or the FAA location identifier for small US fields without one). */
  icao: string;
  iata: string | null;
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  lat: number;
  lon: number;
  elevationFt: number;
  /** The longest paved, open runway in feet; null when the field has none on record. */
  longestRunwayFt: number | null;
  /** Public, joint civil-military, military, private, heliport or seaplane: from the name and IATA code (field-kind.ts), once at load. */
  kind: FieldKind;
}

export interface NearAirport {
  airport: Airport;
  /** Great-circle distance from the query point, km. */
  distanceKm: number;
}

interface AirportTables {
  all: Airport[];
  byIcao: Map<string, Airport>;
  byIata: Map<string, Airport>;
  index: KDBush;
}

let tables: AirportTables | undefined;

function load(): AirportTables {
  if (tables) return tables;
  const all: Airport[] = [];
  for (const row of parseCsv(readFileSync(dataPath('reference/airports.csv'), 'utf8'))) {
    const iata = row.iata || null;
    all.push({
      icao: row.icao!,
      iata,
      name: row.name!,
      country: row.country!,
      lat: Number(row.lat),
      lon: Number(row.lon),
      elevationFt: row.elevation_ft ? Number(row.elevation_ft) : 0,
      longestRunwayFt: row.longest_runway_ft ? Number(row.longest_runway_ft) : null,
      kind: fieldKind(row.name!, iata),
    });
  }
  const byIcao = new Map<string, Airport>();
  const byIata = new Map<string, Airport>();
  for (const a of all) {
    byIcao.set(a.icao, a);
    // Several small fields can share an IATA code in the data; the one with the longest runway wins.
    const other = a.iata ? byIata.get(a.iata) : undefined;
    if (a.iata && (!other || (a.longestRunwayFt ?? 0) > (other.longestRunwayFt ?? 0))) byIata.set(a.iata, a);
  }
  // An airport the list gives only under a newer code is also found by its former one.
  for (const row of parseCsv(readFileSync(dataPath('reference/airport-renames.csv'), 'utf8'))) {
    const airport = byIcao.get(row.new_icao!);
    if (airport && !byIcao.has(row.old_icao!)) byIcao.set(row.old_icao!, airport);
  }
  const index = new KDBush(all.length);
  for (const a of all) index.add(a.lon, a.lat);
  index.finish();
  tables = { all, byIcao, byIata, index };
  return tables;
}

/**
 * The airport with this ICAO (4 characters) or IATA (3 letters) code, case-insensitive; undefined if unknown.
 *
 * @example airportByCode('AEX')?.icao === 'KAEX'
 */
export function airportByCode(code: string): Airport | undefined {
  const { byIcao, byIata } = load();
  const c = code.trim().toUpperCase();
  if (c.length === 3) return byIata.get(c) ?? byIcao.get(c);
  return byIcao.get(c) ?? byIata.get(c);
}

/** Every shipped airport. */
export function allAirports(): readonly Airport[] {
  return load().all;
}

/**
 * Airports within `radiusKm` of a point, nearest first, optionally only those `accept` keeps.
 *
 * @example airportsNear(31.33, -92.55, 10)[0]?.airport.icao === 'KAEX'
 */
export function airportsNear(lat: number, lon: number, radiusKm: number, accept?: (a: Airport) => boolean): NearAirport[] {
  const { all, index } = load();
  const ids = around(index as never, lon, lat, Infinity, radiusKm, accept ? (id: number) => accept(all[id]!) : undefined) as unknown as number[];
  return ids.map((id) => {
    const airport = all[id]!;
    return { airport, distanceKm: distance(lon, lat, airport.lon, airport.lat) };
  });
}

/** Great-circle distance in km. */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  return distance(lon1, lat1, lon2, lat2);
}
