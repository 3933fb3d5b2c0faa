/**
 * The statements that make legs: positions read back for the derivation (src/tracks/legs.ts),
 * the derived legs written over the ones they replace, a leg history's legs appended
 * (src/ingest/formats/leg-history.ts), and the registry's registration, type and operator given
 * to derived legs (src/tracks/registry-join.ts). The modules decide what to write; the SQL is here.
 */
import { listValue, type DuckDBResult } from '@duckdb/node-api';
import type { HistoryLeg } from '../../ingest/formats/leg-history.ts';
import type { Store } from '../../store/store.ts';
import { whereAll, type Sql, type SqlValue } from '../sql.ts';

/** The positions a derivation reads: a period (either end open) and some aircraft. */
export interface PositionSpan {
  /** Inclusive start, ISO date or date-time (UTC). */
  from?: string;
  /** Exclusive end. */
  to?: string;
  /** ICAO addresses; every aircraft when absent. */
  aircraft?: string[];
}

/**
 * The WHERE clause over `positions` of a span widened by `padS` seconds either side; no clause
 * (empty SQL) when the span is open.
 */
export function positionsWhere({ from, to, aircraft }: PositionSpan, padS: number): Sql {
  const conditions: Sql[] = [];
  if (from) conditions.push({ sql: `time >= epoch(?::TIMESTAMPTZ) - ${Number(padS)}`, params: [from] });
  if (to) conditions.push({ sql: `time < epoch(?::TIMESTAMPTZ) + ${Number(padS)}`, params: [to] });
  if (aircraft) conditions.push({ sql: 'list_contains(?::VARCHAR[], icao24)', params: [listValue(aircraft)] });
  return conditions.length ? whereAll(conditions) : { sql: '', params: [] };
}

/** The aircraft with positions in `where`, by address, each with whether any of its sources is generated. */
export function positionAircraft(store: Store, where: Sql): Promise<{ icao24: string; generated: boolean }[]> {
  return store.all<{ icao24: string; generated: boolean }>(
    `SELECT icao24, bool_or(coalesce(s.generated, false)) AS generated FROM positions p LEFT JOIN sources s ON s.id = p.source_id ${where.sql} GROUP BY icao24 ORDER BY icao24`,
    where.params,
  );
}

/** A position that starts or ends a run of one callsign of an aircraft (see `callsignRuns`). */
export interface CallsignEdge {
  icao24: string;
  time: number;
  callsign: string;
  starts: boolean;
  ends: boolean;
}

/**
 * The first and the last position of each run of one callsign, by aircraft and time: a run ends
 * where the aircraft was last heard with it, so a later leg flown with no callsign does not
 * inherit it.
 */
export function callsignRuns(store: Store, where: Sql): Promise<CallsignEdge[]> {
  return store.all<CallsignEdge>(
    `SELECT icao24, time, callsign, prev IS DISTINCT FROM callsign AS starts, next IS DISTINCT FROM callsign AS ends FROM (
       SELECT icao24, time, callsign, lag(callsign) OVER w AS prev, lead(callsign) OVER w AS next
       FROM positions ${where.sql ? `${where.sql} AND` : 'WHERE'} callsign IS NOT NULL
       WINDOW w AS (PARTITION BY icao24 ORDER BY time))
     WHERE prev IS DISTINCT FROM callsign OR next IS DISTINCT FROM callsign ORDER BY icao24, time`,
    where.params,
  );
}

/** Airports the fleet's leg histories (every origin but adsb) name. */
export async function historyAirports(store: Store): Promise<string[]> {
  const rows = await store.all<{ code: string }>(
    `SELECT DISTINCT code FROM (SELECT dep_airport AS code FROM legs WHERE origin <> 'adsb' UNION ALL SELECT arr_airport FROM legs WHERE origin <> 'adsb') WHERE code IS NOT NULL`,
  );
  return rows.map((r) => r.code);
}

/**
 * The positions of `addresses` in `where`, streamed ordered by aircraft (`k`: 1-based place in
 * `addresses`) and time. Every column but `k` and `g` is a DOUBLE without NULLs (NULL becomes
 * NaN), `g` a TINYINT (-1 for unknown), so a reader can copy whole vectors into typed arrays:
 * `k, time, lat, lon, alt, gs, track, g`.
 */
export function streamTrackPositions(store: Store, addresses: string[], where: Sql): Promise<DuckDBResult> {
  return store.stream(
    `
    SELECT list_position(?::VARCHAR[], icao24)::INTEGER AS k, time, lat, lon,
      coalesce(alt_baro_ft, alt_geom_ft, 'nan'::DOUBLE) AS alt, coalesce(gs_kt, 'nan'::DOUBLE) AS gs,
      coalesce(track_deg, 'nan'::DOUBLE) AS track, coalesce(on_ground::TINYINT, -1)::TINYINT AS g
    FROM positions ${where.sql} ORDER BY k, time`,
    [listValue(addresses), ...where.params],
  );
}

/** A leg derived from positions, as `replaceAdsbLegs` writes it (times in epoch seconds). */
export type AdsbLegRow = [
  generated: boolean, icao24: string, aircraftType: string | null, callsign: string | null,
  depAirport: string | null, depCountry: string | null, depTime: number, depStatus: string, depEvidence: string | null,
  arrAirport: string | null, arrCountry: string | null, arrTime: number, arrStatus: string, arrEvidence: string | null,
];

/**
 * Deletes the adsb legs of the span (picked by take-off, else landing; the span not widened) and
 * writes `rows` as new adsb legs. Call inside a transaction.
 */
export async function replaceAdsbLegs(store: Store, { from, to, aircraft }: PositionSpan, rows: AdsbLegRow[]): Promise<void> {
  const del: Sql[] = [{ sql: `origin = 'adsb'`, params: [] }];
  if (from) del.push({ sql: 'coalesce(dep_time, arr_time) >= ?::TIMESTAMPTZ', params: [from] });
  if (to) del.push({ sql: 'coalesce(dep_time, arr_time) < ?::TIMESTAMPTZ', params: [to] });
  if (aircraft) del.push({ sql: 'list_contains(?::VARCHAR[], icao24)', params: [listValue(aircraft)] });
  const where = whereAll(del);
  await store.run(`DELETE FROM legs ${where.sql}`, where.params);
  const BATCH = 400;
  for (let k = 0; k < rows.length; k += BATCH) {
    const batch = rows.slice(k, k + BATCH);
    const values = batch.map(() => `(nextval('leg_id_seq'), 'adsb', ?, ?, ?, ?, ?, ?, to_timestamp(?), ?, ?, ?, ?, to_timestamp(?), ?, ?)`).join(', ');
    await store.run(
      `INSERT INTO legs (id, origin, generated, icao24, aircraft_type, callsign, dep_airport, dep_country, dep_time, dep_status, dep_evidence, arr_airport, arr_country, arr_time, arr_status, arr_evidence) VALUES ${values}`,
      batch.flat(),
    );
  }
}

/** A leg a history file gives (src/ingest/formats/leg-history.ts), with its ends' countries and status, as `appendHistoryLegRows` writes it. */
export interface HistoryLegRow extends HistoryLeg {
  depCountry: string | null;
  depStatus: string;
  arrCountry: string | null;
  arrStatus: string;
}

/** Appends a source's history legs (origin 'history'), 300 a statement; `onBatch` after each. */
export async function appendHistoryLegRows(store: Store, sourceId: number, legs: HistoryLegRow[], onBatch: () => void = () => undefined): Promise<void> {
  const BATCH = 300;
  for (let k = 0; k < legs.length; k += BATCH) {
    const batch = legs.slice(k, k + BATCH);
    const values = batch.map(() => `(nextval('leg_id_seq'), 'history', ?, ?, ?, ?, ?, ?, ?, ?, to_timestamp(?::DOUBLE), ?, ?, ?, to_timestamp(?::DOUBLE), ?, ?::DATE, ?)`).join(', ');
    const params = batch.flatMap((l): SqlValue[] => [
      sourceId, l.icao24, l.registration, l.aircraftType, l.operator, l.callsign,
      l.depAirport, l.depCountry, l.depTime, l.depStatus,
      l.arrAirport, l.arrCountry, l.arrTime, l.arrStatus,
      l.legDate, l.line,
    ]);
    await store.run(
      `INSERT INTO legs (id, origin, source_id, icao24, registration, aircraft_type, operator, callsign,
         dep_airport, dep_country, dep_time, dep_status, arr_airport, arr_country, arr_time, arr_status, leg_date, line)
       VALUES ${values}`,
      params,
    );
    onBatch();
  }
}

/** ICAO type designators of the registry's aircraft, by address. */
export function registryTypeRows(store: Store): Promise<{ icao24: string; icao_type: string }[]> {
  return store.all<{ icao24: string; icao_type: string }>(`SELECT icao24, icao_type FROM aircraft WHERE icao_type IS NOT NULL`);
}

/**
 * Gives legs derived from positions the registration, type and operator the registry holds for
 * their address (a leg keeps what it has); the operator a dated claim gives for the leg's day
 * first. Returns how many legs lacked one of them before.
 */
export async function fillLegsFromRegistry(store: Store): Promise<number> {
  const before = Number(await store.value(`SELECT count(*) FROM legs l JOIN aircraft a USING (icao24) WHERE l.origin = 'adsb' AND (l.registration IS NULL OR l.operator IS NULL OR l.aircraft_type IS NULL)`));
  await store.run(
    `UPDATE legs SET registration = coalesce(legs.registration, a.registration),
            operator = coalesce(legs.operator, (
              SELECT t.value FROM aircraft_attributes t
              WHERE t.icao24 = legs.icao24 AND t.attribute = 'operator' AND (t.valid_from IS NOT NULL OR t.valid_to IS NOT NULL)
                AND coalesce(t.valid_from, DATE '0001-01-01') <= coalesce(legs.dep_time, legs.arr_time)::DATE
                AND coalesce(t.valid_to, DATE '9999-12-31') >= coalesce(legs.dep_time, legs.arr_time)::DATE
              ORDER BY t.claimed, t.valid_from DESC NULLS LAST LIMIT 1), a.operator),
            aircraft_type = coalesce(legs.aircraft_type, a.icao_type)
     FROM aircraft a WHERE a.icao24 = legs.icao24 AND legs.origin = 'adsb'`,
  );
  return before;
}
