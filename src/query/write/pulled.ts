/**
 * The statements of a pull (src/pull/pull.ts, src/pull/landing.ts) over our store: a window's
 * downloaded reply landed in `positions` by DuckDB's own CSV reader, its refused rows counted and
 * kept aside, the `pulled_windows` rows that say what was already pulled, and the setting a pull
 * lands under. A window's `sources` row goes through src/query/write/sources.ts. The queries sent
 * to the remote databases (ClickHouse, Trino) stay with their clients in src/pull/.
 */
import { implausibleSqlBranches } from '../../ingest/positions/plausible.ts';
import { M_TO_FT, MS_TO_FPM, MS_TO_KT } from '../../ingest/positions/units.ts';
import { FIELDS, TEXT_FIELDS, type Units } from '../../pull/layout.ts';
import type { Store } from '../../store/store.ts';
import { sqlIdent, sqlString } from '../sql.ts';

// --- The landing of a reply -------------------------------------------------------------------

/** A window's downloaded reply: CSV, one row a record, fields in `FIELDS` order without `lastcontact`. */
export interface PulledReply {
  file: string;
  units: Units;
  /** The window asked for, epoch s: a row outside it is not what was asked. */
  start: number;
  end: number;
  /**
   * The error a row that cannot be what the query asked for stops the statement with: a printf
   * format given the row's address and time (`%s`, `NULL` when missing).
   */
  malformed: string;
  /** The reason a row without a usable position is refused. */
  noPosition: string;
  /** The clock of the plausibility checks (epoch s): one for every statement over the same reply. */
  now: number;
}

/** The columns of the reply as DuckDB reads them (its CSV reader parses them itself). */
const SENT = FIELDS.filter((f) => f !== 'lastcontact');
const COLUMNS = `{${SENT.map((f) => `'${f}': '${TEXT_FIELDS.has(f) ? 'VARCHAR' : 'DOUBLE'}'`).join(', ')}}`;

/** What JavaScript's `String.prototype.trim` removes (the row-by-row path's trim), for DuckDB's `trim(s, characters)`. */
const WHITESPACE = '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
/** The same characters as a regular-expression class (RE2): `trim(s, characters)` is costly, so only strings that need it get it. */
const WHITESPACE_CLASS = '[\\t\\n\\v\\f\\r \\x{00a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}]';

/** A text field trimmed as JavaScript trims, NULL when empty. */
const textSql = (column: string) =>
  `nullif(CASE WHEN regexp_matches(${column}, ${sqlString(`^${WHITESPACE_CLASS}|${WHITESPACE_CLASS}$`)}) THEN trim(${column}, ${sqlString(WHITESPACE)}) ELSE ${column} END, '')`;

/**
 * The reply's rows with their values in the store's units (`_t`, `_baro`, …, computed once for
 * both the checks and the row stored) and why each is not kept (`_problem`, NULL when it is), in
 * the row-by-row path's order (src/pull/sink.ts); a row that cannot be what was asked raises
 * `malformed`.
 */
function checkedSql({ file, units, start, end, malformed, noPosition, now }: PulledReply): string {
  const t = units.time === 'ms' ? `("time" / 1000)` : `"time"`;
  const number = (column: string, factor: number | null) =>
    `CASE WHEN isfinite(${column}) THEN ${factor === null ? column : `round(${column} * ${factor}, 2)`} END`;
  const v = {
    time: t,
    baro: number('baroaltitude', units.altitude === 'm' ? M_TO_FT : null),
    geom: number('geoaltitude', units.altitude === 'm' ? M_TO_FT : null),
    gs: number('velocity', units.speed === 'm/s' ? MS_TO_KT : null),
    track: number('heading', null),
    vrate: number('vertrate', units.vertrate === 'm/s' ? MS_TO_FPM : null),
  };
  const error = `error(printf(${sqlString(malformed)}, coalesce(icao24, 'NULL'), coalesce(CAST("time" AS VARCHAR), 'NULL')))`;
  const reply = `read_csv(${sqlString(file)}, header = false, delim = ',', quote = '"', escape = '"', nullstr = '\\N',
      allow_quoted_nulls = false, auto_detect = false, strict_mode = true, columns = ${COLUMNS})`;
  const converted = `(SELECT *, ${v.time} AS _t, ${v.baro} AS _baro, ${v.geom} AS _geom, ${v.gs} AS _gs, ${v.track} AS _track, ${v.vrate} AS _vrate FROM ${reply})`;
  const problem = `CASE
    WHEN icao24 IS NULL OR NOT regexp_full_match(icao24, '[0-9a-f]{6}') OR "time" IS NULL OR NOT (_t >= ${Number(start)} AND _t < ${Number(end)}) THEN ${error}
    WHEN lat IS NULL OR lon IS NULL OR isnan(lat) OR isnan(lon) OR NOT (lat >= -90 AND lat <= 90 AND lon >= -180 AND lon <= 180) THEN ${sqlString(noPosition)}
    ${implausibleSqlBranches({ time: '_t', altBaroFt: '_baro', altGeomFt: '_geom', gsKt: '_gs', trackDeg: '_track' }, now)}
  END`;
  return `(SELECT *, ${problem} AS _problem FROM ${converted})`;
}

/**
 * Lands the reply's rows that pass every check in `positions` as the source's, in one
 * `INSERT … SELECT FROM read_csv(…)`; returns how many. Throws DuckDB's error (with `malformed`'s
 * text) when a row cannot be what was asked.
 */
export async function insertReplyPositions(store: Store, sourceId: number, reply: PulledReply): Promise<number> {
  const inserted = await store.conn.run(
    `INSERT INTO positions (source_id, icao24, time, lat, lon, alt_baro_ft, alt_geom_ft, on_ground, gs_kt, track_deg, vrate_fpm, callsign, squawk, flags)
     SELECT ${Number(sourceId)}, icao24, _t, lat, lon, _baro, _geom, onground <> 0, _gs, _track, _vrate,
            ${textSql('callsign')}, ${textSql('squawk')}, 0
     FROM ${checkedSql(reply)} WHERE _problem IS NULL`,
  );
  return Number(inserted.rowsChanged);
}

/** The reply's rows by why they are not kept (`reason` null for the rows kept): a second reading of the file. */
export function countReplyRows(store: Store, reply: PulledReply): Promise<{ reason: string | null; n: number }[]> {
  return store.all<{ reason: string | null; n: number }>(`SELECT _problem AS reason, count(*)::INTEGER AS n FROM ${checkedSql(reply)} GROUP BY 1`);
}

/**
 * Keeps the first `limit` refused rows of the reply aside in `rejects`, in time order (then
 * address, then text), with their reason and text (no line): the same rows whatever order the
 * file was read in (a pull lets DuckDB read it in any order).
 */
export async function rejectReplyRows(store: Store, sourceId: number, reply: PulledReply, limit: number): Promise<void> {
  const raw = `'row of the reply: ' || concat_ws(',', ${SENT.map((f) => `coalesce(CAST(${sqlIdent(f)} AS VARCHAR), '\\N')`).join(', ')})`;
  await store.run(`INSERT INTO rejects SELECT ${Number(sourceId)}, NULL, _problem, left(${raw}, 1000) FROM ${checkedSql(reply)} WHERE _problem IS NOT NULL ORDER BY _t, icao24, 4 LIMIT ${Number(limit)}`);
}

// --- The windows pulled -----------------------------------------------------------------------

/** A window already pulled from an origin: its range (epoch s), its aircraft (null: all) and those left out. */
export interface PulledWindowRow {
  start: number;
  end: number;
  aircraft: string[] | null;
  excluded: string[] | null;
}

/** The windows pulled from `origin` that overlap `[from, to)`, in the order they were pulled. */
export function pulledWindowRows(store: Store, origin: string, from: number, to: number): Promise<PulledWindowRow[]> {
  return store.all<PulledWindowRow>(
    `SELECT window_start AS start, window_end AS "end", aircraft, excluded FROM pulled_windows
     WHERE origin = ? AND window_end > ? AND window_start < ? ORDER BY source_id`,
    [origin, from, to],
  );
}

/** A window's `pulled_windows` row: its aircraft (`include`, null for all) and those left out (`exclude`). */
export interface PulledWindow {
  sourceId: number;
  origin: string;
  start: number;
  end: number;
  include: string[] | null;
  exclude: string[];
}

/** Records a window as pulled (in its transaction). */
export async function insertPulledWindow(store: Store, w: PulledWindow): Promise<void> {
  await store.run(
    `INSERT INTO pulled_windows VALUES (?, ?, ?, ?, ${w.include === null ? 'NULL' : '?::VARCHAR[]'}, ?::VARCHAR[])`,
    [w.sourceId, w.origin, w.start, w.end, ...(w.include === null ? [] : [listLiteral(w.include)]), listLiteral(w.exclude)],
  );
}

/** A VARCHAR[] parameter as DuckDB's list literal text (addresses are validated hex). */
const listLiteral = (items: string[]) => `[${items.join(', ')}]`;

