import { sqlIdent, sqlString } from '../duckdb-csv.ts';
import type { LoadContext } from '../format.ts';
import { implausibleSqlBranches } from './plausible.ts';
import { STAGE } from './stage.ts';
import { M_TO_FT, MS_TO_FPM, MS_TO_KT, STALE_SECONDS } from './units.ts';

/**
 * The state-vector columns a reader uses (OpenSky also has `alert`, `spi`, `lastposupdate`:
 * not read, since every column taken out of the scan costs time on every row of the file).
 */
export const STATE_COLUMNS = ['time', 'icao24', 'lat', 'lon', 'velocity', 'heading', 'vertrate', 'callsign', 'onground', 'squawk', 'baroaltitude', 'geoaltitude', 'lastcontact'];
/** The columns a state-vector file must have to be read at all. */
export const REQUIRED_STATE_COLUMNS = ['time', 'icao24', 'lat', 'lon'];

/** Reasons a row of watched aircraft is not kept, as `rejects` and the summary name them. */
export const STALE_REASON = `stale: time - lastcontact > ${STALE_SECONDS} s`;

export interface StateVectorScan {
  /** A FROM-clause item over the file; its columns may be VARCHAR (CSV) or typed (Parquet). */
  from: string;
  /** The column names the source has. */
  columns: string[];
  /**
   * Gives the file lines of rows matching a condition (CSV only); without it, rejected rows
   * are kept aside with no line.
   */
  linesOf?: (condition: string, reasonSql: string) => Promise<{ line: number; reason: string; raw: string }[]>;
  /** Written before the text of rejected rows (the member of a tar archive). */
  label?: string;
}

/**
 * Loads OpenSky state vectors into the staging table in SQL, the fleet filter inside the scan:
 * DuckDB reads the file in parallel and only watched aircraft's rows ever leave the scan (a
 * semi join on a small table of addresses), so a day of the world's traffic is never streamed
 * through JavaScript. Converts SI units to the store's; stale rows (`time - lastcontact > 15`)
 * and rows with bad values go to `rejects` with their reason, rows without a position are
 * counted. Returns the number of rows of watched aircraft read.
 */
export async function stageStateVectors(ctx: LoadContext, { from, columns, linesOf, label }: StateVectorScan): Promise<{ read: number; noPosition: number }> {
  const { store, sourceId } = ctx;
  const has = new Set(columns);
  const text = (name: string) => (has.has(name) ? `nullif(trim(CAST(${sqlIdent(name)} AS VARCHAR)), '')` : 'NULL::VARCHAR');
  const num = (name: string) => (has.has(name) ? `TRY_CAST(${sqlIdent(name)} AS DOUBLE)` : 'NULL::DOUBLE');
  const fleetWhere = await fleetCondition(ctx);
  const problem = problemSql(has, num, text);
  // 1. The scan: only watched rows leave it, with their raw values and what is wrong with them.
  const kept = columns.filter((c) => STATE_COLUMNS.includes(c));
  await store.run(`CREATE OR REPLACE TEMP TABLE _sv_rows AS SELECT ${kept.map(sqlIdent).join(', ')}, ${problem} AS _problem FROM ${from} ${fleetWhere}`);
  // 2. Parsing and unit conversion of the good rows (few rows with a fleet filter: plain SQL).
  const onGround = has.has('onground')
    ? `CASE lower(trim(CAST(onground AS VARCHAR))) WHEN 'true' THEN true WHEN '1' THEN true WHEN 't' THEN true WHEN 'false' THEN false WHEN '0' THEN false WHEN 'f' THEN false END`
    : 'NULL::BOOLEAN';
  await store.run(
    `INSERT INTO ${STAGE}
     SELECT lower(trim(CAST(icao24 AS VARCHAR))), ${num('time')}, ${num('lat')}, ${num('lon')},
            round(${num('baroaltitude')} * ${M_TO_FT}, 2), round(${num('geoaltitude')} * ${M_TO_FT}, 2), ${onGround},
            round(${num('velocity')} * ${MS_TO_KT}, 2), ${num('heading')}, round(${num('vertrate')} * ${MS_TO_FPM}, 2),
            ${text('callsign')}, ${text('squawk')}, 0, NULL
     FROM _sv_rows WHERE _problem IS NULL`,
  );
  const counts = await store.one<{ read: number; no_position: number; stale: number; bad: number }>(
    `SELECT count(*)::BIGINT AS read,
            count(*) FILTER (WHERE _problem = 'no position')::BIGINT AS no_position,
            count(*) FILTER (WHERE _problem = ${sqlString(STALE_REASON)})::BIGINT AS stale,
            count(*) FILTER (WHERE _problem NOT IN ('no position', ${sqlString(STALE_REASON)}))::BIGINT AS bad
     FROM _sv_rows`,
  );
  const { read = 0, no_position: noPosition = 0, stale = 0, bad = 0 } = counts ?? {};
  // A tar member's rows carry the member's name before their text.
  const prefix = label ? `${label}: ` : '';
  const raw = `${sqlString(prefix)} || concat_ws(',', ${kept.map((c) => `coalesce(CAST(${sqlIdent(c)} AS VARCHAR), '')`).join(', ')})`;
  if (stale > 0) {
    // Stale rows are normal in OpenSky data (kept up to 300 s after the last message): kept
    // aside in bulk, without line numbers, so that they cost one statement.
    await store.run(`INSERT INTO rejects SELECT ${Number(sourceId)}, NULL, ${sqlString(STALE_REASON)}, left(${raw}, 1000) FROM _sv_rows WHERE _problem = ${sqlString(STALE_REASON)}`);
    ctx.rejects.noteWritten(STALE_REASON, Number(stale));
  }
  if (bad > 0) {
    const condition = `(${problem}) NOT IN ('no position', ${sqlString(STALE_REASON)})`;
    const staged = `_problem NOT IN ('no position', ${sqlString(STALE_REASON)})`;
    if (linesOf) {
      const where = fleetWhere ? `${fleetWhere.replace(/^WHERE /, '')} AND ${condition}` : condition;
      for (const r of await linesOf(where, problem)) await ctx.rejects.add(r.line, r.reason, prefix + r.raw);
    } else {
      const reasons = await store.all<{ reason: string; n: number }>(`SELECT _problem AS reason, count(*)::BIGINT AS n FROM _sv_rows WHERE ${staged} GROUP BY 1`);
      await store.run(`INSERT INTO rejects SELECT ${Number(sourceId)}, NULL, _problem, left(${raw}, 1000) FROM _sv_rows WHERE ${staged}`);
      for (const r of reasons) ctx.rejects.noteWritten(r.reason, Number(r.n));
    }
  }
  await store.run(`DROP TABLE IF EXISTS _sv_rows`);
  return { read: Number(read), noPosition: Number(noPosition) };
}

/** Columns that may be empty but, when given, must be numbers: a word there is a bad row, not a missing value. */
const OPTIONAL_NUMBERS = ['velocity', 'heading', 'vertrate', 'baroaltitude', 'geoaltitude', 'lastcontact'];

/** Why a state-vector row is not kept (SQL, NULL when it is), in the order a reader would fix them. */
function problemSql(has: Set<string>, num: (c: string) => string, text: (c: string) => string): string {
  const stale = has.has('lastcontact') ? `WHEN ${num('time')} - ${num('lastcontact')} > ${STALE_SECONDS} THEN ${sqlString(STALE_REASON)}` : '';
  return `CASE
    WHEN NOT regexp_full_match(lower(trim(CAST(icao24 AS VARCHAR))), '[0-9a-f]{6}') THEN 'not an ICAO address'
    WHEN ${num('time')} IS NULL OR isnan(${num('time')}) THEN 'time is not a number'
    WHEN ${text('lat')} IS NULL OR ${text('lon')} IS NULL THEN 'no position'
    WHEN ${num('lat')} IS NULL OR ${num('lon')} IS NULL OR isnan(${num('lat')}) OR isnan(${num('lon')}) OR isinf(${num('lat')}) OR isinf(${num('lon')})
      THEN 'latitude or longitude is not a number'
    WHEN abs(${num('lat')}) > 90 OR abs(${num('lon')}) > 180 THEN 'latitude or longitude out of range'
    ${OPTIONAL_NUMBERS.filter((c) => has.has(c)).map((c) => `WHEN ${text(c)} IS NOT NULL AND ${num(c)} IS NULL THEN printf('${c} is not a number: "%s"', ${text(c)})`).join('\n    ')}
    ${implausibleSqlBranches({
      // In the store's units, rounded as they are stored, so that this check and the staging
      // table's (stage.ts) agree to the last row.
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
 * The WHERE clause that keeps watched aircraft, over a temp table of their addresses (lower and
 * upper case, so the scan compares the raw column and needs no per-row string work); empty
 * when every aircraft is kept.
 */
async function fleetCondition(ctx: LoadContext): Promise<string> {
  if (ctx.fleet === null) return '';
  await ctx.store.run(`CREATE OR REPLACE TEMP TABLE _fleet_keys (k VARCHAR)`);
  const appender = await ctx.store.conn.createAppender('_fleet_keys', 'main', 'temp');
  for (const icao24 of ctx.fleet) {
    for (const k of new Set([icao24.toLowerCase(), icao24.toUpperCase()])) {
      appender.appendVarchar(k);
      appender.endRow();
    }
  }
  appender.closeSync();
  return `WHERE icao24 IN (SELECT k FROM _fleet_keys)`;
}
