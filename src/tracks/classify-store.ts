/**
 * (Re)runs missions and classification over every leg in the store, in one transaction: each
 * leg's kind, evidence and mission, and the missions table, are rewritten from scratch.
 */
import { BIGINT, BOOLEAN, DOUBLE, DuckDBDataChunk, INTEGER, VARCHAR, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import type { Store } from '../store/store.ts';
import { classifyLegs } from './classify.ts';
import type { ProgramLists } from './classify-lists.ts';
import type { LegRecord } from './missions.ts';

export interface ClassifyResult {
  legs: number;
  missions: number;
  /** Legs by kind; `unclassified` for legs with an unknown end; possible ones as `possible removal` etc. */
  byKind: Record<string, number>;
}

export async function classifyStore(store: Store, { lists }: { lists?: ProgramLists } = {}): Promise<ClassifyResult> {
  const legs = await readLegRecords(store);
  const { classes, missions } = classifyLegs(legs, lists);
  const byKind: Record<string, number> = {};
  for (const c of classes.values()) {
    const key = c.kind === 'possible' ? `possible ${c.candidate}` : (c.kind ?? 'unclassified');
    byKind[key] = (byKind[key] ?? 0) + 1;
  }
  await store.transaction(async () => {
    // Rows go in column by column, a data chunk at a time: appending value by value cost more than the classification itself.
    await store.run(`CREATE OR REPLACE TEMP TABLE _classes (id BIGINT, kind VARCHAR, evidence VARCHAR, mission_id BIGINT, dep_airport VARCHAR, dep_country VARCHAR, arr_airport VARCHAR, arr_country VARCHAR, candidate_kind VARCHAR, score DOUBLE, confidence DOUBLE, reasons VARCHAR, reason_codes VARCHAR)`);
    await appendColumns(store, '_classes', CLASS_TYPES, [...classes], ([id, c]) => [
      BigInt(id), c.kind, c.evidence, c.missionId === null ? null : BigInt(c.missionId),
      c.filled?.depAirport || null, c.filled?.depCountry || null, c.filled?.arrAirport || null, c.filled?.arrCountry || null,
      c.candidate, c.score, c.confidence, JSON.stringify(c.reasons), c.reasons.map((e) => e.code).join(','),
    ]);
    await store.run(
      `UPDATE legs SET kind = c.kind, evidence = c.evidence, mission_id = c.mission_id,
         filled_dep_airport = c.dep_airport, filled_dep_country = c.dep_country, filled_arr_airport = c.arr_airport, filled_arr_country = c.arr_country,
         candidate_kind = c.candidate_kind, score = c.score, confidence = c.confidence, reasons = c.reasons,
         reason_codes = CASE WHEN c.reason_codes = '' THEN []::VARCHAR[] ELSE string_split(c.reason_codes, ',') END
       FROM _classes c WHERE legs.id = c.id`,
    );
    await store.run(`DROP TABLE _classes`);
    await store.run(`DELETE FROM missions`);
    await store.run(`CREATE OR REPLACE TEMP TABLE _missions (id BIGINT, icao24 VARCHAR, registration VARCHAR, start_time DOUBLE, end_time DOUBLE, start_airport VARCHAR, end_airport VARCHAR, countries VARCHAR, legs INTEGER, complete BOOLEAN)`);
    await appendColumns(store, '_missions', MISSION_TYPES, missions, (m) => [
      BigInt(m.id), m.icao24, m.registration, m.startTime, m.endTime, m.startAirport, m.end, m.countries.join(','), m.legs.length, m.complete,
    ]);
    await store.run(
      `INSERT INTO missions (id, icao24, registration, start_time, end_time, start_airport, end_airport, countries, legs, complete)
       SELECT id, icao24, registration, to_timestamp(start_time), to_timestamp(end_time), start_airport, end_airport,
              list_filter(string_split(countries, ','), (c) -> c <> ''), legs, complete
       FROM _missions ORDER BY id`,
    );
    await store.run(`DROP TABLE _missions`);
  });
  return { legs: legs.length, missions: missions.length, byKind };
}

const CLASS_TYPES = [BIGINT, VARCHAR, VARCHAR, BIGINT, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, DOUBLE, DOUBLE, VARCHAR, VARCHAR];
const MISSION_TYPES = [BIGINT, VARCHAR, VARCHAR, DOUBLE, DOUBLE, VARCHAR, VARCHAR, VARCHAR, INTEGER, BOOLEAN];
/** DuckDB's vector size: the most rows one data chunk holds. */
const CHUNK = 2048;

/** Appends `items` to a temporary table, `row` giving each item's values in the table's column order. */
async function appendColumns<T>(store: Store, table: string, types: DuckDBType[], items: readonly T[], row: (item: T) => DuckDBValue[]): Promise<void> {
  const appender = await store.conn.createAppender(table, 'main', 'temp');
  for (let k = 0; k < items.length; k += CHUNK) {
    const n = Math.min(CHUNK, items.length - k);
    const columns: DuckDBValue[][] = types.map(() => new Array<DuckDBValue>(n));
    for (let i = 0; i < n; i++) {
      const values = row(items[k + i]!);
      for (let c = 0; c < types.length; c++) columns[c]![i] = values[c] ?? null;
    }
    const chunk = DuckDBDataChunk.create(types, n);
    chunk.setColumns(columns);
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
}

/** Every stored leg that stands for a flight (not one merged into another: src/tracks/merge.ts), as classification reads it, in a stable order. */
export function readLegRecords(store: Store): Promise<LegRecord[]> {
  return store.all<LegRecord>(
    `SELECT id, origin, source_id AS "sourceId", line, icao24, registration, callsign,
            dep_airport AS "depAirport", dep_country AS "depCountry", epoch(dep_time) AS "depTime",
            arr_airport AS "arrAirport", arr_country AS "arrCountry", epoch(arr_time) AS "arrTime", leg_date::VARCHAR AS "legDate", generated
     FROM legs WHERE merged_into IS NULL ORDER BY source_id NULLS FIRST, line, id`,
  );
}
