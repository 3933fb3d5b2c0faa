/**
 * The classification's store (src/tracks/classify-store.ts): the legs it reads, and each leg's
 * kind, evidence, mission and filled ends, and the missions table, it writes.
 */
import { BIGINT, BOOLEAN, DOUBLE, INTEGER, VARCHAR } from '@duckdb/node-api';
import type { Store } from '../../store/store.ts';
import type { LegRecord } from '../../tracks/missions.ts';
import { appendColumns } from './append.ts';

/** Every stored leg that stands for a flight (not one merged into another), as classification reads it, in a stable order. */
export function readLegRecords(store: Store): Promise<LegRecord[]> {
  return store.all<LegRecord>(
    `SELECT id, origin, source_id AS "sourceId", line, icao24, registration, callsign,
            dep_airport AS "depAirport", dep_country AS "depCountry", epoch(dep_time) AS "depTime",
            arr_airport AS "arrAirport", arr_country AS "arrCountry", epoch(arr_time) AS "arrTime", leg_date::VARCHAR AS "legDate", generated
     FROM legs WHERE merged_into IS NULL ORDER BY source_id NULLS FIRST, line, id`,
  );
}

/** One leg's classification as stored. */
export interface LegClassRow {
  id: number;
  kind: string | null;
  evidence: string;
  missionId: number | null;
  /** The ends classification filled in for an unseen one (null: none). */
  filledDepAirport: string | null;
  filledDepCountry: string | null;
  filledArrAirport: string | null;
  filledArrCountry: string | null;
  candidateKind: string | null;
  score: number | null;
  confidence: number | null;
  /** The weighed evidence, as JSON text. */
  reasons: string;
  /** The codes of the weighed evidence, in order. */
  reasonCodes: string[];
}

/** One mission as stored (times in epoch seconds). */
export interface MissionRow {
  id: number;
  icao24: string | null;
  registration: string | null;
  startTime: number | null;
  endTime: number | null;
  startAirport: string | null;
  endAirport: string | null;
  countries: string[];
  legs: number;
  complete: boolean;
}

const CLASS_TYPES = [BIGINT, VARCHAR, VARCHAR, BIGINT, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, DOUBLE, DOUBLE, VARCHAR, VARCHAR];
const MISSION_TYPES = [BIGINT, VARCHAR, VARCHAR, DOUBLE, DOUBLE, VARCHAR, VARCHAR, VARCHAR, INTEGER, BOOLEAN];

/**
 * Writes each leg's classification (the legs named; others keep theirs). The rows go through a
 * temporary table, appended a chunk at a time, and one UPDATE. Call inside a transaction.
 */
export async function writeLegClasses(store: Store, rows: readonly LegClassRow[]): Promise<void> {
  await store.run(`CREATE OR REPLACE TEMP TABLE _classes (id BIGINT, kind VARCHAR, evidence VARCHAR, mission_id BIGINT, dep_airport VARCHAR, dep_country VARCHAR, arr_airport VARCHAR, arr_country VARCHAR, candidate_kind VARCHAR, score DOUBLE, confidence DOUBLE, reasons VARCHAR, reason_codes VARCHAR)`);
  await appendColumns(store, '_classes', CLASS_TYPES, rows, (c) => [
    BigInt(c.id), c.kind, c.evidence, c.missionId === null ? null : BigInt(c.missionId),
    c.filledDepAirport, c.filledDepCountry, c.filledArrAirport, c.filledArrCountry,
    c.candidateKind, c.score, c.confidence, c.reasons, c.reasonCodes.join(','),
  ], { schema: 'temp' });
  await store.run(
    `UPDATE legs SET kind = c.kind, evidence = c.evidence, mission_id = c.mission_id,
       filled_dep_airport = c.dep_airport, filled_dep_country = c.dep_country, filled_arr_airport = c.arr_airport, filled_arr_country = c.arr_country,
       candidate_kind = c.candidate_kind, score = c.score, confidence = c.confidence, reasons = c.reasons,
       reason_codes = CASE WHEN c.reason_codes = '' THEN []::VARCHAR[] ELSE string_split(c.reason_codes, ',') END
     FROM _classes c WHERE legs.id = c.id`,
  );
  await store.run(`DROP TABLE _classes`);
}

/** Replaces the missions table with `missions`. Call inside a transaction. */
export async function replaceMissions(store: Store, missions: readonly MissionRow[]): Promise<void> {
  await store.run(`DELETE FROM missions`);
  await store.run(`CREATE OR REPLACE TEMP TABLE _missions (id BIGINT, icao24 VARCHAR, registration VARCHAR, start_time DOUBLE, end_time DOUBLE, start_airport VARCHAR, end_airport VARCHAR, countries VARCHAR, legs INTEGER, complete BOOLEAN)`);
  await appendColumns(store, '_missions', MISSION_TYPES, missions, (m) => [
    BigInt(m.id), m.icao24, m.registration, m.startTime, m.endTime, m.startAirport, m.endAirport, m.countries.join(','), m.legs, m.complete,
  ], { schema: 'temp' });
  await store.run(
    `INSERT INTO missions (id, icao24, registration, start_time, end_time, start_airport, end_airport, countries, legs, complete)
     SELECT id, icao24, registration, to_timestamp(start_time), to_timestamp(end_time), start_airport, end_airport,
            list_filter(string_split(countries, ','), (c) -> c <> ''), legs, complete
     FROM _missions ORDER BY id`,
  );
  await store.run(`DROP TABLE _missions`);
}

/** Every source's id and stored path (a labels file names its history file by name). */
export function sourcePaths(store: Store): Promise<{ id: number; path: string }[]> {
  return store.all<{ id: number; path: string }>(`SELECT id, path FROM sources`);
}
