import type { DuckDBAppender } from '@duckdb/node-api';
import type { PositionRow } from './stage.ts';

/**
 * Appends one position's columns, `icao24` to `flags` in the order of the `positions` table (see
 * migration 3), to a DuckDB appender: the ingest's staging table and the live writer's direct
 * appends to `positions` both hold these columns, one before (source) or after (line) them.
 * Missing and non-finite numbers become NULL.
 */
export function appendPosition(a: DuckDBAppender, row: PositionRow): void {
  a.appendVarchar(row.icao24);
  a.appendDouble(row.time);
  a.appendDouble(row.lat);
  a.appendDouble(row.lon);
  appendDouble(a, row.altBaroFt);
  appendDouble(a, row.altGeomFt);
  if (row.onGround === null) a.appendNull();
  else a.appendBoolean(row.onGround);
  appendDouble(a, row.gsKt);
  appendDouble(a, row.trackDeg);
  appendDouble(a, row.vrateFpm);
  appendVarchar(a, row.callsign);
  appendVarchar(a, row.squawk);
  a.appendUTinyInt(row.flags & 0xff);
}

function appendDouble(a: DuckDBAppender, v: number | null): void {
  if (v === null || !Number.isFinite(v)) a.appendNull();
  else a.appendDouble(v);
}

function appendVarchar(a: DuckDBAppender, v: string | null): void {
  if (v === null) a.appendNull();
  else a.appendVarchar(v);
}
