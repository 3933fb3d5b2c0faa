/**
 * Physical and temporal bounds of a position, the same for every batch reader and the live feed:
 * a value outside them is a decoding error, a corrupt line or a clock gone wrong, never an
 * aircraft, and a row carrying one is rejected with its reason (batch: kept aside in `rejects`;
 * live: counted in the watcher's stats). docs/positions.md says why each bound is where it is.
 *
 * Only values given are checked: a missing altitude, speed or track is not an error.
 */
import type { PositionRow } from './stage.ts';
import { sqlString } from '../../query/sql.ts';

/** No ADS-B record is older than 1990-01-01 (ADS-B trials began in the 1990s; OpenSky's data in 2013). */
export const EARLIEST_TIME = Date.UTC(1990, 0, 1) / 1000;
/** A batch file may run ahead of this machine's clock by a day at most (time zones, clock drift). */
export const BATCH_FUTURE_SECONDS = 24 * 3600;
/** Lowest altitude, ft: below the lowest airfield (Dead Sea, about −1,240 ft) with margin for pressure. */
export const MIN_ALT_FT = -2000;
/** Highest altitude, ft: no airliner or business jet flies above 51,000 ft; Concorde cruised at 60,000. */
export const MAX_ALT_FT = 60_000;
/** Highest ground speed, kt: airliners in the strongest jet streams reach about 750 kt. */
export const MAX_GS_KT = 1000;

export const REASON = {
  tooEarly: 'time before 1990-01-01',
  future: 'time in the future (more than a day after the ingest)',
  altitude: `altitude out of range (${MIN_ALT_FT} to ${MAX_ALT_FT} ft)`,
  speed: `ground speed out of range (0 to ${MAX_GS_KT} kt)`,
  track: 'track out of range (0 to 360 degrees)',
} as const;

/** The fields a check reads. */
type Checked = Pick<PositionRow, 'time' | 'altBaroFt' | 'altGeomFt' | 'gsKt' | 'trackDeg'>;

/**
 * Why a position's altitude, speed or track cannot be an aircraft's, or null. Its time is checked
 * by the caller against its own window (batch: `batchTimeProblem`; live: the receiver's clock).
 */
export function valueProblem(p: Checked): string | null {
  const alt = (v: number | null) => v !== null && (v < MIN_ALT_FT || v > MAX_ALT_FT);
  if (alt(p.altBaroFt) || alt(p.altGeomFt)) return REASON.altitude;
  if (p.gsKt !== null && (p.gsKt < 0 || p.gsKt > MAX_GS_KT)) return REASON.speed;
  if (p.trackDeg !== null && (p.trackDeg < 0 || p.trackDeg > 360)) return REASON.track;
  return null;
}

/** Why a batch position's time is implausible (before 1990, or more than a day after `now`), or null. */
export function batchTimeProblem(time: number, now = Date.now() / 1000): string | null {
  if (time < EARLIEST_TIME) return REASON.tooEarly;
  if (time > now + BATCH_FUTURE_SECONDS) return REASON.future;
  return null;
}

/** Column expressions (SQL, store units) of the checked values. */
export interface CheckedSql {
  time: string;
  altBaroFt: string;
  altGeomFt: string;
  gsKt: string;
  trackDeg: string;
}

/**
 * The same checks in SQL: `WHEN … THEN reason` branches to put in a CASE (NULL values pass),
 * so that SQL readers and the staging table reject exactly what `valueProblem` and
 * `batchTimeProblem` reject. `now` is epoch seconds.
 */
export function implausibleSqlBranches(c: CheckedSql, now = Date.now() / 1000): string {
  const alt = (e: string) => `(${e}) < ${MIN_ALT_FT} OR (${e}) > ${MAX_ALT_FT}`;
  return `WHEN (${c.time}) < ${EARLIEST_TIME} THEN ${sqlString(REASON.tooEarly)}
    WHEN (${c.time}) > ${Math.floor(now) + BATCH_FUTURE_SECONDS} THEN ${sqlString(REASON.future)}
    WHEN ${alt(c.altBaroFt)} OR ${alt(c.altGeomFt)} THEN ${sqlString(REASON.altitude)}
    WHEN (${c.gsKt}) < 0 OR (${c.gsKt}) > ${MAX_GS_KT} THEN ${sqlString(REASON.speed)}
    WHEN (${c.trackDeg}) < 0 OR (${c.trackDeg}) > 360 THEN ${sqlString(REASON.track)}`;
}
