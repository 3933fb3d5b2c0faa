/**
 * (Re)runs missions and classification over every leg in the store, in one transaction: each
 * leg's kind, evidence and mission, and the missions table, are rewritten from scratch.
 */
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
  await store.transaction(async () => {
    await store.run(`CREATE OR REPLACE TEMP TABLE _classes (id BIGINT, kind VARCHAR, evidence VARCHAR, mission_id BIGINT, dep_airport VARCHAR, dep_country VARCHAR, arr_airport VARCHAR, arr_country VARCHAR, candidate_kind VARCHAR, score DOUBLE, confidence DOUBLE, reasons VARCHAR)`);
    const a = await store.conn.createAppender('_classes', 'main', 'temp');
    for (const [id, c] of classes) {
      a.appendBigInt(BigInt(id));
      if (c.kind === null) a.appendNull();
      else a.appendVarchar(c.kind);
      a.appendVarchar(c.evidence);
      if (c.missionId === null) a.appendNull();
      else a.appendBigInt(BigInt(c.missionId));
      for (const end of [c.filled?.depAirport, c.filled?.depCountry, c.filled?.arrAirport, c.filled?.arrCountry]) {
        if (end) a.appendVarchar(end);
        else a.appendNull();
      }
      if (c.candidate === null) a.appendNull();
      else a.appendVarchar(c.candidate);
      if (c.score === null) a.appendNull();
      else a.appendDouble(c.score);
      if (c.confidence === null) a.appendNull();
      else a.appendDouble(c.confidence);
      a.appendVarchar(JSON.stringify(c.reasons));
      a.endRow();
      const key = c.kind === 'possible' ? `possible ${c.candidate}` : (c.kind ?? 'unclassified');
      byKind[key] = (byKind[key] ?? 0) + 1;
    }
    a.closeSync();
    await store.run(
      `UPDATE legs SET kind = c.kind, evidence = c.evidence, mission_id = c.mission_id,
         filled_dep_airport = c.dep_airport, filled_dep_country = c.dep_country, filled_arr_airport = c.arr_airport, filled_arr_country = c.arr_country,
         candidate_kind = c.candidate_kind, score = c.score, confidence = c.confidence, reasons = c.reasons,
         reason_codes = json_extract_string(c.reasons, '$[*].code')
       FROM _classes c WHERE legs.id = c.id`,
    );
    await store.run(`DROP TABLE _classes`);
    await store.run(`DELETE FROM missions`);
    for (let k = 0; k < missions.length; k += 300) {
      const batch = missions.slice(k, k + 300);
      await store.run(
        `INSERT INTO missions (id, icao24, registration, start_time, end_time, start_airport, end_airport, countries, legs, complete) VALUES
         ${batch.map(() => `(?, ?, ?, to_timestamp(?::DOUBLE), to_timestamp(?::DOUBLE), ?, ?, list_filter(string_split(?, ','), (c) -> c <> ''), ?, ?)`).join(', ')}`,
        batch.flatMap((m) => [m.id, m.icao24, m.registration, m.startTime, m.endTime, m.startAirport, m.end, m.countries.join(','), m.legs.length, m.complete]) as never,
      );
    }
  });
  return { legs: legs.length, missions: missions.length, byKind };
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
