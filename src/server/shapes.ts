import { airportByCode } from '../airports/airports.ts';
import { countryByCode } from '../countries/countries.ts';
import type { LegSourceView, LegView } from '../answers/legs.ts';
import type { MissionView } from '../answers/missions.ts';

/**
 * The API's JSON shapes of the answers modules' legs and missions. The figures come from
 * src/answers/ alone; these only rename and add the airports' coordinates for the map, so that a
 * page of legs reads the same as it did when the API had its own queries.
 */

export interface Leg {
  id: number;
  icao24: string | null;
  registration: string | null;
  aircraftType: string | null;
  operator: string | null;
  callsign: string | null;
  departure: LegEnd;
  arrival: LegEnd;
  kind: string | null;
  evidence: string | null;
  missionId: number | null;
  origin: string;
  sourceId: number | null;
  generated: boolean;
  /** Every source of the leg: one, or each leg merged into it (a flight several sources give). */
  sources: LegSourceView[];
}

/** One end of a leg over HTTP: codes with their names beside them (null when the code is unknown). */
interface LegEnd { airport: string | null; airportName: string | null; country: string | null; countryName: string | null; time: string | null; status: string; lat: number | null; lon: number | null }

export interface Mission {
  id: number;
  icao24: string | null;
  registration: string | null;
  start: string | null;
  end: string | null;
  startAirport: string | null;
  endAirport: string | null;
  countries: string[];
  legs: number;
  /** Its legs are GENERATED (synthetic demo data, not observed). */
  generated: boolean;
  complete: boolean;
}

export interface Page<T> {
  total: number;
  limit: number;
  offset: number;
  items: T[];
}

export type CoordsLookup = (airport: string | null) => { lat: number; lon: number } | undefined;

export function apiLeg(l: LegView, coords: CoordsLookup): Leg {
  const end = (e: LegView['departure']): LegEnd => {
    const at = coords(e.airport);
    return {
      airport: e.airport, airportName: e.airport ? (airportByCode(e.airport)?.name ?? null) : null,
      country: e.country, countryName: e.country ? (countryByCode(e.country)?.name ?? null) : null,
      time: e.time, status: e.status, lat: at?.lat ?? null, lon: at?.lon ?? null,
    };
  };
  return {
    id: l.id,
    icao24: l.icao24,
    registration: l.registration,
    aircraftType: l.aircraftType,
    operator: l.operator,
    callsign: l.callsign,
    departure: end(l.departure),
    arrival: end(l.arrival),
    kind: l.kind,
    evidence: l.evidence,
    missionId: l.missionId,
    origin: l.origin,
    sourceId: l.sourceId,
    generated: l.generated,
    sources: l.sources,
  };
}

export const apiMission = (m: MissionView): Mission => ({
  id: m.id,
  icao24: m.icao24,
  registration: m.registration,
  start: m.start.time,
  end: m.end.time,
  startAirport: m.start.airport,
  endAirport: m.end.airport,
  countries: m.countries,
  legs: m.legs,
  complete: m.complete,
  generated: m.generated,
});
