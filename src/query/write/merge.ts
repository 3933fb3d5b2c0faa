/**
 * The statements of the merge step (src/tracks/merge.ts): clear the last merge, read every leg
 * with its source, write the merged legs and point their members at them, note conflicts.
 */
import type { Store } from '../../store/store.ts';
import type { SqlValue } from '../sql.ts';

/** A leg as the merge step reads it (times in epoch seconds, day YYYY-MM-DD). */
export interface MergeLeg {
  id: number;
  origin: string;
  sourceId: number | null;
  line: number | null;
  /** The source file's stored path; null for legs from positions. */
  file: string | null;
  format: string | null;
  generated: boolean;
  icao24: string;
  registration: string | null;
  aircraftType: string | null;
  operator: string | null;
  callsign: string | null;
  depAirport: string | null;
  depCountry: string | null;
  depTime: number | null;
  depStatus: string;
  depEvidence: string | null;
  arrAirport: string | null;
  arrCountry: string | null;
  arrTime: number | null;
  arrStatus: string;
  arrEvidence: string | null;
  legDate: string | null;
}

/** Undoes the last merge: its merged legs go, their members stand for themselves again (unclassified). */
export async function clearMerge(store: Store): Promise<void> {
  await store.run(`DELETE FROM legs WHERE origin = 'merged'`);
  await store.run(`UPDATE legs SET merged_into = NULL, merge_evidence = NULL, evidence = NULL WHERE merged_into IS NOT NULL OR merge_evidence IS NOT NULL`);
}

/** Every leg with an aircraft address, with its source's path and format, by address then id. */
export function readMergeLegs(store: Store): Promise<MergeLeg[]> {
  return store.all<MergeLeg>(
    `SELECT l.id, l.origin, l.source_id AS "sourceId", l.line, s.path AS file, s.format, l.generated,
            l.icao24, l.registration, l.aircraft_type AS "aircraftType", l.operator, l.callsign,
            l.dep_airport AS "depAirport", l.dep_country AS "depCountry", epoch(l.dep_time) AS "depTime", l.dep_status AS "depStatus", l.dep_evidence AS "depEvidence",
            l.arr_airport AS "arrAirport", l.arr_country AS "arrCountry", epoch(l.arr_time) AS "arrTime", l.arr_status AS "arrStatus", l.arr_evidence AS "arrEvidence",
            l.leg_date::VARCHAR AS "legDate"
     FROM legs l LEFT JOIN sources s ON s.id = l.source_id
     WHERE l.icao24 IS NOT NULL
     ORDER BY l.icao24, l.id`,
  );
}

/** `n` new leg ids from the legs' sequence. */
export async function nextLegIds(store: Store, n: number): Promise<number[]> {
  if (n === 0) return [];
  return (await store.all<{ id: number }>(`SELECT nextval('leg_id_seq') AS id FROM range(?)`, [n])).map((r) => Number(r.id));
}

/** A merged leg as `insertMergedLegs` writes it (times in epoch seconds). */
export type MergedLegRow = [
  id: number, sourceId: number | null, generated: boolean, icao24: string, registration: string | null, aircraftType: string | null, operator: string | null, callsign: string | null,
  depAirport: string | null, depCountry: string | null, depTime: number | null, depStatus: string, depEvidence: string | null,
  arrAirport: string | null, arrCountry: string | null, arrTime: number | null, arrStatus: string, arrEvidence: string | null,
  legDate: string | null, line: number | null, mergeEvidence: string,
];

/** Writes merged legs (origin 'merged'), 200 a statement. */
export async function insertMergedLegs(store: Store, rows: MergedLegRow[]): Promise<void> {
  for (let k = 0; k < rows.length; k += 200) {
    const batch = rows.slice(k, k + 200);
    await store.run(
      `INSERT INTO legs (id, origin, source_id, generated, icao24, registration, aircraft_type, operator, callsign,
         dep_airport, dep_country, dep_time, dep_status, dep_evidence, arr_airport, arr_country, arr_time, arr_status, arr_evidence, leg_date, line, merge_evidence)
       VALUES ${batch.map(() => `(?, 'merged', ?, ?, ?, ?, ?, ?, ?, ?, ?, to_timestamp(?::DOUBLE), ?, ?, ?, ?, to_timestamp(?::DOUBLE), ?, ?, ?::DATE, ?, ?)`).join(', ')}`,
      batch.flat() as SqlValue[],
    );
  }
}

/**
 * Points each member leg (`[member, merged]` pairs) at its merged leg: its classification is
 * cleared and its evidence says which leg stands for the flight. 500 pairs a statement.
 */
export async function markMembers(store: Store, pairs: [member: number, merged: number][]): Promise<void> {
  for (let k = 0; k < pairs.length; k += 500) {
    const batch = pairs.slice(k, k + 500);
    await store.run(
      `UPDATE legs SET merged_into = m.merged, kind = NULL, mission_id = NULL, candidate_kind = NULL, score = NULL, confidence = NULL, reasons = NULL, reason_codes = NULL,
         filled_dep_airport = NULL, filled_dep_country = NULL, filled_arr_airport = NULL, filled_arr_country = NULL,
         evidence = 'merged into leg ' || m.merged || ', which stands for this flight in every count'
       FROM (VALUES ${batch.map(() => '(?::BIGINT, ?::BIGINT)').join(', ')}) m(id, merged) WHERE legs.id = m.id`,
      batch.flat(),
    );
  }
}

/** Adds a note to a leg's merge evidence (after what is there). */
export async function appendMergeEvidence(store: Store, id: number, note: string): Promise<void> {
  await store.run(`UPDATE legs SET merge_evidence = concat_ws(' ', merge_evidence, ?) WHERE id = ?`, [note, id]);
}
