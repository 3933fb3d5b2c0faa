import { Store } from '../../src/store/store.ts';
import { tempDb } from '../helpers.ts';

/**
 * A real database file holding a handful of legs chosen to sit on every edge the query layer
 * draws: the day boundary of `from` and `to`, an arrival only classification filled, a leg
 * known by its registration only, a leg merged into another, a possible and an unclassified leg.
 * N703KW is a960a9 by the FAA's rule (DESIGN.md's example).
 */
export interface FixtureLeg {
  id: number;
  origin?: string;
  generated?: boolean;
  icao24?: string | null;
  registration?: string | null;
  operator?: string | null;
  dep: [string | null, string | null];
  arr: [string | null, string | null];
  depTime?: string | null;
  arrTime?: string | null;
  legDate?: string | null;
  kind?: string | null;
  candidateKind?: string | null;
  /** Evidence as classification stores it: code, weight, words. */
  reasons?: [string, number, string][];
  mission?: number | null;
  filledArr?: [string, string];
  mergedInto?: number;
}

const h = (hours: number) => hours * 3600e3;
const after = (iso: string, hours: number) => new Date(Date.parse(iso) + h(hours)).toISOString();

export const LEGS: FixtureLeg[] = [
  // One second before 4 June: outside from=2024-06-04.
  { id: 1, icao24: 'a960a9', registration: 'N703KW', operator: 'GlobalX', dep: ['KAEX', 'US'], arr: ['MHLM', 'HN'], depTime: '2024-06-03T23:59:59Z', kind: 'removal', candidateKind: 'removal', reasons: [['callsign-block', 2, 'GXA callsign in the program block'], ['us-airport-hub', 1, 'KAEX is a program hub']], mission: 10 },
  // On the stroke of 4 June: inside.
  { id: 2, icao24: 'a960a9', registration: 'N703KW', operator: 'GlobalX', dep: ['KAEX', 'US'], arr: ['MGGT', 'GT'], depTime: '2024-06-04T00:00:00Z', kind: 'removal', candidateKind: 'removal', reasons: [['us-airport-hub', 1, 'KAEX is a program hub'], ['arts-destination', 1.5, 'MGGT is an ARTS destination']], mission: 11 },
  // A return from Guatemala: its counted end is where it left from.
  { id: 3, icao24: 'a960a9', registration: null, operator: 'GlobalX', dep: ['MGGT', 'GT'], arr: ['KAEX', 'US'], depTime: '2024-06-10T12:00:00Z', kind: 'return', candidateKind: 'return', reasons: [['arts-destination', 1.5, 'MGGT is an ARTS destination']], mission: 11 },
  // A history line without times, its registration in lower case and no address: dated by its day.
  { id: 4, origin: 'history', icao24: null, registration: 'n123ab', operator: null, dep: ['KMIA', 'US'], arr: ['MDSD', 'DO'], legDate: '2024-06-20', kind: 'other', candidateKind: 'removal', reasons: [['public-charter', -3, 'a scheduled public charter'], ['us-airport-hub', 1, 'KMIA is a program hub']] },
  // Lost in the air on the way to Honduras: classification filled the arrival. GENERATED.
  { id: 5, generated: true, icao24: 'a960a9', registration: 'N703KW', operator: 'GlobalX', dep: ['KAEX', 'US'], arr: [null, null], depTime: '2024-07-02T23:00:00Z', kind: 'removal', candidateKind: 'removal', reasons: [['us-airport-hub', 1, 'KAEX is a program hub']], filledArr: ['MHLM', 'HN'], mission: 12 },
  // On the stroke of 3 July: outside to=2024-07-03.
  { id: 6, icao24: 'a960a9', registration: 'N703KW', operator: 'GlobalX', dep: ['KAEX', 'US'], arr: ['KIAH', 'US'], depTime: '2024-07-03T00:00:00Z', kind: 'domestic', candidateKind: 'domestic', reasons: [['us-airport-hub', 1, 'KAEX is a program hub']] },
  // The same flight as leg 2 from another source, merged into it: never counted on its own.
  { id: 7, origin: 'history', icao24: 'a960a9', registration: 'N703KW', operator: 'GlobalX', dep: ['KAEX', 'US'], arr: ['MGGT', 'GT'], depTime: '2024-06-04T00:05:00Z', kind: null, mergedInto: 2 },
  // A possible removal to El Salvador.
  { id: 8, icao24: 'a960a9', registration: 'N703KW', operator: 'GlobalX', dep: ['KAEX', 'US'], arr: ['MSLP', 'SV'], depTime: '2024-06-15T09:00:00Z', kind: 'possible', candidateKind: 'removal', reasons: [['us-airport-hub', 1, 'KAEX is a program hub'], ['timetable', 0.5, 'flies a weekly timetable']] },
  // Unclassified: its arrival is unknown and nothing filled it.
  { id: 9, icao24: 'a960a9', registration: 'N703KW', operator: null, dep: ['KAEX', 'US'], arr: [null, null], depTime: '2024-06-16T09:00:00Z', kind: null },
];

/** A fresh database file with the fixture's legs, as classification and merging would have stored them. */
export async function fixtureStore(legs: FixtureLeg[] = LEGS): Promise<Store> {
  const store = await Store.open(tempDb());
  for (const l of legs) {
    const reasons = l.reasons ? JSON.stringify(l.reasons.map(([code, weight, text]) => ({ code, weight, text }))) : null;
    await store.run(
      `INSERT INTO legs (id, origin, generated, icao24, registration, operator, dep_airport, dep_country, dep_time, dep_status, arr_airport, arr_country, arr_time, arr_status,
                         leg_date, kind, candidate_kind, reasons, reason_codes, evidence, mission_id, filled_arr_airport, filled_arr_country, merged_into)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::TIMESTAMPTZ, ?, ?, ?, ?::TIMESTAMPTZ, ?, ?::DATE, ?, ?, ?, json_extract_string(?, '$[*].code'), ?, ?, ?, ?, ?)`,
      [
        l.id, l.origin ?? 'adsb', l.generated ?? false, l.icao24 ?? null, l.registration ?? null, l.operator ?? null,
        l.dep[0], l.dep[1], l.depTime ?? null, l.depTime ? 'observed' : 'reported',
        l.arr[0], l.arr[1], l.arrTime ?? (l.depTime && l.arr[0] ? after(l.depTime, 2) : null), l.arr[0] ? (l.depTime ? 'observed' : 'reported') : 'unknown',
        l.legDate ?? null, l.kind ?? null, l.candidateKind ?? null, reasons, reasons,
        l.reasons ? `${l.kind}: ${l.reasons.map((r) => r[2]).join('; ')}` : null,
        l.mission ?? null, l.filledArr?.[0] ?? null, l.filledArr?.[1] ?? null, l.mergedInto ?? null,
      ],
    );
  }
  return store;
}
