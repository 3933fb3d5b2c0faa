/**
 * How well a field suits an aircraft, apart from where the aircraft was seen: a cost in the same
 * points as ends.ts's geometry (1 point = 1,000 ft off a plausible climb or descent = 15 km of
 * distance = 30° off the course to or from the field).
 *
 * - The kind of field (src/airports/field-kind.ts): public and joint civil-military fields cost
 *   nothing; a private strip (no IATA code) 1 point; a military base 4 points for a civil
 *   aircraft, unless the program uses it (the staging and border-airport lists in data/program/,
 *   KDLF Laughlin AFB, KNJK El Centro NAF …) or the fleet's own leg histories name it, or the
 *   aircraft is a military type; heliports and seaplane bases are never an end.
 * - The runway: fit fields (paved, at least what the type needs) cost up to half a point when the
 *   runway only just fits, nothing from one and a half times the need.
 */
import { readFileSync } from 'node:fs';
import type { Airport } from '../airports/airports.ts';
import { badInput } from '../errors.ts';
import { parseCsv } from '../ingest/csv.ts';
import { dataPath } from '../paths.ts';

/** Cost of a private strip (no IATA code): charter jets land there, but seldom when a public field fits as well. */
export const PRIVATE_COST = 1;
/** Cost of a military base the program does not use, for a civil aircraft: more than any geometry a public field nearby can lose. */
export const MILITARY_COST = 4;
/** Cost of a runway that only just fits. */
export const SHORT_RUNWAY_COST = 0.5;

/** Military transport and tanker types (ICAO designators): for these a military base costs nothing. */
const MILITARY_TYPES = new Set(['C17', 'C5M', 'C130', 'C30J', 'A400', 'K35R', 'KC10', 'P8', 'E3TF', 'E3CF', 'C160']);

export function isMilitaryType(type: string | null | undefined): boolean {
  return !!type && MILITARY_TYPES.has(type.toUpperCase());
}

let programFields: Set<string> | undefined;

/** ICAO codes on the program's lists (data/program/staging-airports.csv, lateral-airports.csv), read once. */
export function programAirports(): ReadonlySet<string> {
  if (programFields) return programFields;
  const codes = new Set<string>();
  for (const file of ['staging-airports.csv', 'lateral-airports.csv']) {
    const path = dataPath(`program/${file}`);
    const rows = parseCsv(readFileSync(path, 'utf8'));
    rows.forEach((row, k) => {
      const icao = row.icao?.trim().toUpperCase();
      // Line k + 2: the header is line 1.
      if (!icao) throw badInput('expected an ICAO code in column "icao"', path, k + 2);
      codes.add(icao);
    });
  }
  return (programFields = codes);
}

/** What an end's aircraft is and which military fields it is known to use. */
export interface EndRules {
  /** Paved runway the type needs, ft. */
  runwayFt: number;
  /** A military type: military bases cost nothing. */
  military: boolean;
  /** ICAO codes of fields the fleet's leg histories name: eligible whatever their kind. */
  usedFields?: ReadonlySet<string>;
}

/**
 * The field's cost for this aircraft, Infinity when it is never an end (heliport, seaplane base).
 *
 * @example fieldCost(airportByCode('KSKA')!, { runwayFt: 5500, military: false }) === 4
 */
export function fieldCost(a: Airport, rules: EndRules): number {
  let cost: number;
  switch (a.kind) {
    case 'public':
    case 'joint':
      cost = 0;
      break;
    case 'private':
      cost = PRIVATE_COST;
      break;
    case 'military':
      cost = rules.military || programAirports().has(a.icao) || rules.usedFields?.has(a.icao) ? 0 : MILITARY_COST;
      break;
    default:
      return Infinity;
  }
  const runway = a.longestRunwayFt ?? 0;
  const spare = (runway - rules.runwayFt) / (0.5 * rules.runwayFt);
  return cost + (spare >= 1 ? 0 : SHORT_RUNWAY_COST * (1 - Math.max(0, spare)));
}
