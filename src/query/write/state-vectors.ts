/**
 * The statements of loading OpenSky state vectors (src/ingest/positions/state-vectors.ts): the
 * scan of a file (`from`, a FROM item of DuckDB's CSV or Parquet reader, or the watched-lines
 * table) into a temp table of watched rows with what is wrong with each, the good ones converted
 * into the staging table (src/query/write/positions.ts), the others kept aside in `rejects`.
 * Column names come from the file's header and are quoted (`sqlIdent`).
 */
import { implausibleSqlBranches } from '../../ingest/positions/plausible.ts';
import { M_TO_FT, MS_TO_FPM, MS_TO_KT, STALE_SECONDS } from '../../ingest/positions/units.ts';
import type { Store } from '../../store/store.ts';
import { sqlIdent, sqlString } from '../sql.ts';
import { STAGE } from './positions.ts';

/**
 * The state-vector columns a reader uses (OpenSky also has `alert`, `spi`, `lastposupdate`:
 * not read, since every column taken out of the scan costs time on every row of the file).
 */
export const STATE_COLUMNS = ['time', 'icao24', 'lat', 'lon', 'velocity', 'heading', 'vertrate', 'callsign', 'onground', 'squawk', 'baroaltitude', 'geoaltitude', 'lastcontact'];

/** Reasons a row of watched aircraft is not kept, as `rejects` and the summary name them. */
export const STALE_REASON = `stale: time - lastcontact > ${STALE_SECONDS} s`;
/** A row without latitude or longitude: counted, not kept aside. */
const NO_POSITION = 'no position';

/** Scanned rows with bad values (neither stale nor without a position). */
const BAD = `_problem NOT IN (${sqlString(NO_POSITION)}, ${sqlString(STALE_REASON)})`;

/** The temp table of a scan's watched rows, with their raw values and `_problem`. */
const ROWS = '_sv_rows';

/** The file's columns as SQL: a text (trimmed, NULL when empty) and a number (NULL when not one); NULL when the file lacks the column. */
function columnSql(columns: readonly string[]) {
  const has = new Set(columns);
  return {
    has,
    text: (name: string) => (has.has(name) ? `nullif(trim(CAST(${sqlIdent(name)} AS VARCHAR)), '')` : 'NULL::VARCHAR'),
    num: (name: string) => (has.has(name) ? `TRY_CAST(${sqlIdent(name)} AS DOUBLE)` : 'NULL::DOUBLE'),
  };
}

/** Columns that may be empty but, when given, must be numbers: a word there is a bad row, not a missing value. */
const OPTIONAL_NUMBERS = ['velocity', 'heading', 'vertrate', 'baroaltitude', 'geoaltitude', 'lastcontact'];

/** Why a state-vector row is not kept (SQL, NULL when it is), in the order a reader would fix them. */
function problemSql(columns: readonly string[]): string {
  const { has, num, text } = columnSql(columns);
  const stale = has.has('lastcontact') ? `WHEN ${num('time')} - ${num('lastcontact')} > ${STALE_SECONDS} THEN ${sqlString(STALE_REASON)}` : '';
  return `CASE
    WHEN NOT regexp_full_match(lower(trim(CAST(icao24 AS VARCHAR))), '[0-9a-f]{6}') THEN 'not an ICAO address'
    WHEN ${num('time')} IS NULL OR isnan(${num('time')}) THEN 'time is not a number'
    WHEN ${text('lat')} IS NULL OR ${text('lon')} IS NULL THEN ${sqlString(NO_POSITION)}
    WHEN ${num('lat')} IS NULL OR ${num('lon')} IS NULL OR isnan(${num('lat')}) OR isnan(${num('lon')}) OR isinf(${num('lat')}) OR isinf(${num('lon')})
      THEN 'latitude or longitude is not a number'
    WHEN abs(${num('lat')}) > 90 OR abs(${num('lon')}) > 180 THEN 'latitude or longitude out of range'
    ${OPTIONAL_NUMBERS.filter((c) => has.has(c)).map((c) => `WHEN ${text(c)} IS NOT NULL AND ${num(c)} IS NULL THEN printf('${c} is not a number: "%s"', ${text(c)})`).join('\n    ')}
    ${implausibleSqlBranches({
      // In the store's units, rounded as they are stored, so that this check and the staging
      // table's (positions.ts) agree to the last row.
      time: num('time'),
      altBaroFt: `round(${num('baroaltitude')} * ${M_TO_FT}, 2)`,
      altGeomFt: `round(${num('geoaltitude')} * ${M_TO_FT}, 2)`,
      gsKt: `round(${num('velocity')} * ${MS_TO_KT}, 2)`,
      trackDeg: num('heading'),
    })}
    ${stale}
  END`;
}

/**
 * The condition that keeps watched aircraft, over a temp table of their addresses (lower and
 * upper case, so the scan compares the raw column and needs no per-row string work); null
 * when every aircraft is kept.
 */
async function fleetCondition(store: Store, fleet: ReadonlySet<string> | null): Promise<string | null> {
  if (fleet === null) return null;
  await store.run(`CREATE OR REPLACE TEMP TABLE _fleet_keys (k VARCHAR)`);
  const appender = await store.conn.createAppender('_fleet_keys', 'main', 'temp');
  for (const icao24 of fleet) {
    for (const k of new Set([icao24.toLowerCase(), icao24.toUpperCase()])) {
      appender.appendVarchar(k);
      appender.endRow();
    }
  }
  appender.closeSync();
  return `icao24 IN (SELECT k FROM _fleet_keys)`;
}

/** What a scan leaves for finding the lines of its bad rows in the file: SQL over the file's columns. */
export interface ScannedStateVectors {
  /** Why a row is not kept (NULL when it is). */
  problem: string;
  /** The rows of watched aircraft with bad values (neither stale nor without a position). */
  badRows: string;
}

/**
 * The scan: only the rows of `fleet` (every row when null) leave it, with their raw values (the
 * columns a reader uses) and what is wrong with them, into a temp table.
 */
export async function scanStateVectors(store: Store, { from, columns, fleet }: { from: string; columns: readonly string[]; fleet: ReadonlySet<string> | null }): Promise<ScannedStateVectors> {
  const watched = await fleetCondition(store, fleet);
  const problem = problemSql(columns);
  const kept = columns.filter((c) => STATE_COLUMNS.includes(c));
  await store.run(`CREATE OR REPLACE TEMP TABLE ${ROWS} AS SELECT ${kept.map(sqlIdent).join(', ')}, ${problem} AS _problem FROM ${from} ${watched ? `WHERE ${watched}` : ''}`);
  const condition = `(${problem}) NOT IN (${sqlString(NO_POSITION)}, ${sqlString(STALE_REASON)})`;
  return { problem, badRows: watched ? `${watched} AND ${condition}` : condition };
}

/** Parses the scanned rows without a problem and converts them to the store's units, into the staging table. */
export async function stageScannedStateVectors(store: Store, columns: readonly string[]): Promise<void> {
  const { has, num, text } = columnSql(columns);
  const onGround = has.has('onground')
    ? `CASE lower(trim(CAST(onground AS VARCHAR))) WHEN 'true' THEN true WHEN '1' THEN true WHEN 't' THEN true WHEN 'false' THEN false WHEN '0' THEN false WHEN 'f' THEN false END`
    : 'NULL::BOOLEAN';
  await store.run(
    `INSERT INTO ${STAGE}
     SELECT lower(trim(CAST(icao24 AS VARCHAR))), ${num('time')}, ${num('lat')}, ${num('lon')},
            round(${num('baroaltitude')} * ${M_TO_FT}, 2), round(${num('geoaltitude')} * ${M_TO_FT}, 2), ${onGround},
            round(${num('velocity')} * ${MS_TO_KT}, 2), ${num('heading')}, round(${num('vertrate')} * ${MS_TO_FPM}, 2),
            ${text('callsign')}, ${text('squawk')}, 0, NULL
     FROM ${ROWS} WHERE _problem IS NULL`,
  );
}

/** The scanned rows: all, without a position, stale, and with bad values. */
export async function countScannedStateVectors(store: Store): Promise<{ read: number; noPosition: number; stale: number; bad: number }> {
  const counts = await store.one<{ read: number; no_position: number; stale: number; bad: number }>(
    `SELECT count(*)::BIGINT AS read,
            count(*) FILTER (WHERE _problem = ${sqlString(NO_POSITION)})::BIGINT AS no_position,
            count(*) FILTER (WHERE _problem = ${sqlString(STALE_REASON)})::BIGINT AS stale,
            count(*) FILTER (WHERE ${BAD})::BIGINT AS bad
     FROM ${ROWS}`,
  );
  const { read = 0, no_position: noPosition = 0, stale = 0, bad = 0 } = counts ?? {};
  return { read: Number(read), noPosition: Number(noPosition), stale: Number(stale), bad: Number(bad) };
}

/** A scanned row's text as `rejects` keeps it: `prefix`, then its raw values joined by commas. */
function rawSql(columns: readonly string[], prefix: string): string {
  const kept = columns.filter((c) => STATE_COLUMNS.includes(c));
  return `${sqlString(prefix)} || concat_ws(',', ${kept.map((c) => `coalesce(CAST(${sqlIdent(c)} AS VARCHAR), '')`).join(', ')})`;
}

/** Keeps the stale scanned rows aside in `rejects` in one statement, without line numbers. */
export async function rejectStaleStateVectors(store: Store, sourceId: number, { columns, prefix }: { columns: readonly string[]; prefix: string }): Promise<void> {
  await store.run(`INSERT INTO rejects SELECT ${Number(sourceId)}, NULL, ${sqlString(STALE_REASON)}, left(${rawSql(columns, prefix)}, 1000) FROM ${ROWS} WHERE _problem = ${sqlString(STALE_REASON)}`);
}

/** How many scanned rows have bad values, by reason. */
export function countBadStateVectors(store: Store): Promise<{ reason: string; n: number }[]> {
  return store.all<{ reason: string; n: number }>(`SELECT _problem AS reason, count(*)::BIGINT AS n FROM ${ROWS} WHERE ${BAD} GROUP BY 1`);
}

/** Keeps the scanned rows with bad values aside in `rejects`, with their reason and without line numbers. */
export async function rejectBadStateVectors(store: Store, sourceId: number, { columns, prefix }: { columns: readonly string[]; prefix: string }): Promise<void> {
  await store.run(`INSERT INTO rejects SELECT ${Number(sourceId)}, NULL, _problem, left(${rawSql(columns, prefix)}, 1000) FROM ${ROWS} WHERE ${BAD}`);
}

/** Drops the scan's temp table. */
export async function dropScannedStateVectors(store: Store): Promise<void> {
  await store.run(`DROP TABLE IF EXISTS ${ROWS}`);
}
