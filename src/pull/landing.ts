import { CharterwatchError } from '../errors.ts';
import { sqlString } from '../ingest/duckdb-csv.ts';
import { implausibleSqlBranches } from '../ingest/positions/plausible.ts';
import { M_TO_FT, MS_TO_FPM, MS_TO_KT } from '../ingest/positions/units.ts';
import type { Store } from '../store/store.ts';
import { FIELDS, TEXT_FIELDS, type Units } from './layout.ts';
import type { Download } from './source.ts';

export interface LandOptions {
  /** The window's transaction's connection. */
  store: Store;
  sourceId: number;
  /** The downloaded reply: CSV, one row a record, fields in `FIELDS` order without `lastcontact`. */
  file: string;
  download: Download;
  units: Units;
  /** The window asked for, epoch s: a row outside it means the reply is not what was asked. */
  start: number;
  end: number;
  /** Where the rows come from, for error messages. */
  origin: string;
}

export interface Landed {
  rowsRead: number;
  rowsKept: number;
  rowsRejected: number;
  rejectedByReason: Record<string, number>;
}

/** The columns of the reply as DuckDB reads them (its CSV reader parses them itself). */
const SENT = FIELDS.filter((f) => f !== 'lastcontact');
const COLUMNS = `{${SENT.map((f) => `'${f}': '${TEXT_FIELDS.has(f) ? 'VARCHAR' : 'DOUBLE'}'`).join(', ')}}`;

/** What JavaScript's `String.prototype.trim` removes (the row-by-row path's trim), for DuckDB's `trim(s, characters)`. */
const WHITESPACE = '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
/** The same characters as a regular-expression class (RE2): `trim(s, characters)` is costly, so only strings that need it get it. */
const WHITESPACE_CLASS = '[\\t\\n\\v\\f\\r \\x{00a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}]';

/** The reason a row without a usable position is refused (the same words as the row-by-row path). */
export const NO_POSITION = 'no usable position: latitude or longitude missing or out of range';

/** Refused rows of a window kept aside with their text; the rest are counted by reason only. */
const MAX_KEPT_ASIDE = 1000;

/**
 * Lands a window's downloaded reply in `positions` with DuckDB's own CSV reader: one
 * `INSERT … SELECT FROM read_csv(…)` inside the window's transaction, the units converted and the
 * plausibility bounds applied in SQL exactly as the row-by-row path (sink.ts) applies them in
 * JavaScript, so both give the same rows to the bit (tested).
 *
 * A row that cannot be what the query asked for (address not 6 hex digits, time missing or
 * outside the window) stops the window: the statement fails and the transaction rolls back.
 * Refused rows (no usable position, implausible values) are counted by reason and the first
 * 1,000 kept aside in `rejects`; that second reading of the file happens only when some rows were
 * not kept (the reply's line count says so), so a clean window is read once.
 */
export async function landFile({ store, sourceId, file, download, units, start, end, origin }: LandOptions): Promise<Landed> {
  if (download.bytes === 0) return { rowsRead: 0, rowsKept: 0, rowsRejected: 0, rejectedByReason: {} };
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
  const text = (column: string) =>
    `nullif(CASE WHEN regexp_matches(${column}, ${sqlString(`^${WHITESPACE_CLASS}|${WHITESPACE_CLASS}$`)}) THEN trim(${column}, ${sqlString(WHITESPACE)}) ELSE ${column} END, '')`;
  const malformed = `error(printf(${sqlString(`${origin}: a row of the reply has address %s and time %s, not a 6-hex-digit address and a time inside the window asked for (the reply was cut or is not in the expected layout)`)}, coalesce(icao24, 'NULL'), coalesce(CAST("time" AS VARCHAR), 'NULL')))`;
  const reply = `read_csv(${sqlString(file)}, header = false, delim = ',', quote = '"', escape = '"', nullstr = '\\N',
      allow_quoted_nulls = false, auto_detect = false, strict_mode = true, columns = ${COLUMNS})`;
  // The values in the store's units, computed once for both the checks and the row stored.
  const converted = `(SELECT *, ${v.time} AS _t, ${v.baro} AS _baro, ${v.geom} AS _geom, ${v.gs} AS _gs, ${v.track} AS _track, ${v.vrate} AS _vrate FROM ${reply})`;
  // Why a row is not kept (NULL when it is), in the row-by-row path's order.
  const problem = `CASE
    WHEN icao24 IS NULL OR NOT regexp_full_match(icao24, '[0-9a-f]{6}') OR "time" IS NULL OR NOT (_t >= ${start} AND _t < ${end}) THEN ${malformed}
    WHEN lat IS NULL OR lon IS NULL OR isnan(lat) OR isnan(lon) OR NOT (lat >= -90 AND lat <= 90 AND lon >= -180 AND lon <= 180) THEN ${sqlString(NO_POSITION)}
    ${implausibleSqlBranches({ time: '_t', altBaroFt: '_baro', altGeomFt: '_geom', gsKt: '_gs', trackDeg: '_track' })}
  END`;
  const checked = `(SELECT *, ${problem} AS _problem FROM ${converted})`;
  let rowsKept: number;
  try {
    const inserted = await store.conn.run(
      `INSERT INTO positions (source_id, icao24, time, lat, lon, alt_baro_ft, alt_geom_ft, on_ground, gs_kt, track_deg, vrate_fpm, callsign, squawk, flags)
       SELECT ${Number(sourceId)}, icao24, _t, lat, lon, _baro, _geom, onground <> 0, _gs, _track, _vrate,
              ${text('callsign')}, ${text('squawk')}, 0
       FROM ${checked} WHERE _problem IS NULL`,
    );
    rowsKept = Number(inserted.rowsChanged);
  } catch (error) {
    throw landingError(error, origin);
  }
  // Every row kept and as many rows as line ends: nothing was refused, no need to read the file again.
  if (rowsKept === download.newlines) return { rowsRead: rowsKept, rowsKept, rowsRejected: 0, rejectedByReason: {} };
  const counts = await store.all<{ reason: string | null; n: number }>(`SELECT _problem AS reason, count(*)::INTEGER AS n FROM ${checked} GROUP BY 1`);
  const rejectedByReason = Object.fromEntries(counts.filter((c) => c.reason !== null).map((c) => [c.reason!, c.n]));
  const rowsRejected = Object.values(rejectedByReason).reduce((a, b) => a + b, 0);
  const rowsRead = counts.reduce((a, c) => a + c.n, 0);
  if (rowsRead !== rowsKept + rowsRejected) throw new CharterwatchError('FAILED', `${origin}: the reply read ${rowsRead} rows, then ${rowsKept + rowsRejected}: the file changed while it was loaded`);
  if (rowsRejected > 0) {
    const raw = `'row of the reply: ' || concat_ws(',', ${SENT.map((f) => `coalesce(CAST(${quoted(f)} AS VARCHAR), '\\N')`).join(', ')})`;
    await store.run(`INSERT INTO rejects SELECT ${Number(sourceId)}, NULL, _problem, left(${raw}, 1000) FROM ${checked} WHERE _problem IS NOT NULL LIMIT ${MAX_KEPT_ASIDE}`);
  }
  return { rowsRead, rowsKept, rowsRejected, rejectedByReason };
}

const quoted = (name: string) => `"${name}"`;

/** DuckDB's own message for a reply it cannot read (or a malformed row), named after the source. */
function landingError(error: unknown, origin: string): CharterwatchError {
  const message = (error as Error).message ?? String(error);
  const own = /^Invalid Input Error: (.*)$/s.exec(message)?.[1] ?? message;
  if (own.startsWith(origin)) return new CharterwatchError('FAILED', own.split('\n')[0]!);
  return new CharterwatchError('FAILED', `${origin}: the reply could not be read as the CSV asked for: ${own.split('\n').slice(0, 3).join(' ')}`);
}
