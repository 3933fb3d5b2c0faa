import { seatsForType } from '../fleet/seats.ts';
import { validations } from './passengers-holdout.ts';
import { headcount, modelFor, MODEL_NAMES, type HeadcountModel } from './passengers-model.ts';
import type { LegView } from './legs.ts';

/**
 * People on board: the one function every answer uses (country sheet, monthly report, demo,
 * dashboard, exports, `charterwatch passengers`, `/api/passengers`).
 *
 * The headcount of the mission comes from passengers-model.ts (by kind, destination region and
 * period); the aircraft's seats only cap it. Each estimate carries its model's name, the inputs,
 * the method in words, the sources and the coverage of its 80% interval measured on held-out
 * flights (passengers-holdout.ts).
 */

/**
 * Typical seats of the program's aircraft types (all-economy charter cabins): the fallback when
 * data/fleet/seats.csv has no row for a type.
 */
const TYPICAL_SEATS: Record<string, number> = {
  A319: 144, A320: 180, A321: 220, B712: 117, B733: 148, B734: 168, B737: 149, B738: 189, B739: 189,
  B752: 200, B763: 261, B772: 305, CRJ2: 50, CRJ7: 70, E145: 50, E170: 76, E190: 100, MD82: 172, MD83: 172, MD88: 172,
};

export interface SeatsLookup {
  (type: string): number | undefined;
}

/** Seats of an ICAO type designator from the built-in table (B734 → 168), else undefined. */
export const typicalSeats: SeatsLookup = (type) => TYPICAL_SEATS[type.trim().toUpperCase()];

/** Seats from the fleet registry's table (data/fleet/seats.csv), else the built-in table. */
export const registrySeats: SeatsLookup = (type) => seatsForType(type) ?? typicalSeats(type);

export interface PassengerEstimate {
  aircraftType: string | null;
  seats: number | null;
  /** Point estimate (the median), rounded to a person; null when no model answers for the leg. */
  passengers: number | null;
  /** 80% interval. */
  low: number | null;
  high: number | null;
  model: HeadcountModel | null;
  modelName: string | null;
  /** True when the seats cut the point or the interval. */
  capped: boolean;
  inputs: { kind: string; country: string | null; date: string | null; period: string | null };
  /** "80% interval, measured coverage 83% on 6 held-out flights", or that there are none. */
  coverage: string | null;
  method: string;
  sources: string[];
}

export interface EstimateOptions {
  aircraftType: string | null | undefined;
  /** Leg kind: removal/foreign by destination region; domestic; lateral; return and other get no number. */
  kind?: string | null;
  /** ISO-2 destination of a removal (chooses short- or long-haul and the baseline). */
  country?: string | null;
  /** The day of the flight (ISO); chooses the period. */
  date?: string | null;
  seats?: SeatsLookup;
}

/**
 * People on board one leg.
 * @example estimatePassengers({ aircraftType: 'B763', kind: 'removal', country: 'CN', date: '2024-07-01' }) // { passengers: 114, low: 77, high: 169, model: 'long-haul-removal', … }
 */
export function estimatePassengers({ aircraftType, kind = 'removal', country = null, date = null, seats = registrySeats }: EstimateOptions): PassengerEstimate {
  const type = aircraftType ? aircraftType.trim().toUpperCase() : null;
  const seatCount = type ? (seats(type) ?? null) : null;
  const k = kind ?? 'removal';
  const day = date ? date.slice(0, 10) : null;
  const { model, note } = modelFor(k, country);
  const seatSource = seatCount ? `seats of ${type}: data/fleet/seats.csv` : `seats: ${type ? `${type} not known` : 'aircraft type not known'}`;
  if (!model) {
    return {
      aircraftType: type, seats: seatCount, passengers: null, low: null, high: null, model: null, modelName: null, capped: false,
      inputs: { kind: k, country: country ?? null, date: day, period: null }, coverage: null, method: `no estimate: ${note}`, sources: [seatSource],
    };
  }
  const h = headcount(model, { country, date: day });
  const cut = (n: number) => (seatCount ? Math.min(n, seatCount) : n);
  const capped = seatCount !== null && (h.point > seatCount || h.high > seatCount);
  const coverage = validations()[model].text;
  const cabin = seatCount
    ? capped ? `capped at the ${seatCount} seats of a ${type}` : `within the ${seatCount} seats of a ${type}`
    : `no seat cap (${type ? `seats of ${type} not known` : 'aircraft type not known'})`;
  const factor = h.period.factor === 1 ? '' : ` (factor ${h.period.factor.toFixed(3)})`;
  return {
    aircraftType: type,
    seats: seatCount,
    passengers: cut(h.point),
    low: cut(h.low),
    high: cut(h.high),
    model,
    modelName: MODEL_NAMES[model],
    capped,
    inputs: { kind: k, country: country ?? null, date: day, period: h.period.label },
    coverage,
    method: `${MODEL_NAMES[model]} model${note ? ` (${note})` : ''}: ${h.base}; period ${h.period.label}${factor}; ${cabin}; ${coverage}`,
    sources: [...h.sources, seatSource],
  };
}

/** The day a leg flew: departure, else arrival, else the day the record gives. */
export function legDay(leg: Pick<LegView, 'departure' | 'arrival' | 'date'>): string | null {
  return (leg.departure.time ?? leg.arrival.time ?? leg.date)?.slice(0, 10) ?? null;
}

/**
 * People on board a leg as stored: its kind (a `possible` leg as the kind its ends would give
 * it, said so in the method), the arrival country, the day.
 */
export function estimateLeg(leg: Pick<LegView, 'aircraftType' | 'kind' | 'candidateKind' | 'arrival' | 'departure' | 'date'>, seats: SeatsLookup = registrySeats): PassengerEstimate {
  const possible = leg.kind === 'possible';
  const kind = possible ? leg.candidateKind : leg.kind;
  const e = estimatePassengers({ aircraftType: leg.aircraftType, kind: kind ?? 'unclassified', country: leg.arrival.country, date: legDay(leg), seats });
  return possible && e.passengers !== null ? { ...e, method: `if it is a ${kind} (the leg is only possible): ${e.method}` } : e;
}

/** Sums estimates (a mission's drops, a fiscal year's flights): the points and the interval ends add up. */
export function sumEstimates(estimates: PassengerEstimate[]): { low: number; point: number; high: number; flights: number; models: string[] } | null {
  const known = estimates.filter((e) => e.passengers !== null);
  if (known.length === 0) return null;
  return {
    low: known.reduce((a, e) => a + e.low!, 0),
    point: known.reduce((a, e) => a + e.passengers!, 0),
    high: known.reduce((a, e) => a + e.high!, 0),
    flights: known.length,
    models: [...new Set(known.map((e) => e.modelName!))],
  };
}

export interface MissionEstimate {
  missionId: number | null;
  /** Foreign drops of the mission (removal and foreign legs), each with its estimate. */
  drops: { legId: number; country: string | null; estimate: PassengerEstimate }[];
  /** People removed on the mission: the drops' sum, capped by the aircraft's seats. */
  total: { low: number; point: number; high: number } | null;
  capped: boolean;
  method: string;
}

/**
 * People removed on one mission: each foreign drop is one destination's headcount (the ARTS
 * figures are people dropped off per mission at that airport), the mission carries their sum,
 * and the aircraft's seats cap the sum. Pick-ups at several US airports on the way do not add
 * people: they are how the same headcount boards.
 */
export function estimateMission(legs: (Pick<LegView, 'id' | 'missionId' | 'aircraftType' | 'kind' | 'candidateKind' | 'arrival' | 'departure' | 'date'>)[], seats: SeatsLookup = registrySeats): MissionEstimate {
  const drops = legs.filter((l) => l.kind === 'removal' || l.kind === 'foreign').map((l) => ({ legId: l.id, country: l.arrival.country, estimate: estimateLeg(l, seats) }));
  const sum = sumEstimates(drops.map((d) => d.estimate));
  const type = legs.find((l) => l.aircraftType)?.aircraftType ?? null;
  const seatCount = type ? (seats(type) ?? null) : null;
  if (!sum) return { missionId: legs[0]?.missionId ?? null, drops, total: null, capped: false, method: drops.length ? 'no estimate for any drop' : 'no removal or foreign leg: no one is removed on this mission' };
  const cut = (n: number) => (seatCount ? Math.min(n, seatCount) : n);
  const capped = seatCount !== null && sum.high > seatCount;
  return {
    missionId: legs[0]?.missionId ?? null,
    drops,
    total: { low: cut(sum.low), point: cut(sum.point), high: cut(sum.high) },
    capped,
    method: `${drops.length} foreign drop(s) (${drops.map((d) => `${d.country ?? '?'} ${d.estimate.passengers ?? '?'}`).join(', ')}), summed${seatCount ? `, ${capped ? 'capped at' : 'within'} the ${seatCount} seats of a ${type}` : ''}; models: ${sum.models.join(', ')}`,
  };
}
