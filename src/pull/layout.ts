import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { badInput, CharterwatchError } from '../errors.ts';
import { M_TO_FT, MS_TO_FPM, MS_TO_KT, STALE_SECONDS } from '../ingest/positions/units.ts';

/**
 * Where each position field lives in a remote table, and in which unit. The default is
 * OpenSky's state-vector layout (`state_vectors_data4`, and the documented ClickHouse table):
 * SI units, epoch seconds. Other layouts are described by a mapping file (`--mapping FILE`).
 */
export interface Layout {
  /** Column name of each field; `null` when the table does not have it. */
  columns: Record<Field, string | null>;
  units: Units;
}

/** The fields a pull reads, in the order a remote query returns them. */
export const FIELDS = [
  'time', 'icao24', 'lat', 'lon', 'velocity', 'heading', 'vertrate', 'callsign', 'onground', 'squawk',
  'baroaltitude', 'geoaltitude', 'lastcontact',
] as const;
export type Field = (typeof FIELDS)[number];

/** Fields a table must have; the others may be missing (they load as NULL). */
export const REQUIRED: readonly Field[] = ['time', 'icao24', 'lat', 'lon'];

/** Text fields; all others are numbers. */
export const TEXT_FIELDS: ReadonlySet<Field> = new Set(['icao24', 'callsign', 'squawk']);

export interface Units {
  /** `s` epoch seconds (or a DateTime column), `ms` epoch milliseconds. */
  time: 's' | 'ms';
  /** baroaltitude and geoaltitude: metres or feet. */
  altitude: 'm' | 'ft';
  /** velocity (ground speed): metres per second or knots. */
  speed: 'm/s' | 'kt';
  /** vertrate: metres per second or feet per minute. */
  vertrate: 'm/s' | 'ft/min';
}

/** OpenSky's state vectors: SI units, the column names of `state_vectors_data4`. */
export const OPENSKY_LAYOUT: Layout = {
  columns: Object.fromEntries(FIELDS.map((f) => [f, f])) as Record<Field, string>,
  units: { time: 's', altitude: 'm', speed: 'm/s', vertrate: 'm/s' },
};

/** OpenSky keeps a row up to 300 s after an aircraft leaves coverage; rows older than this are stale. */
export const STALE_AFTER_S = STALE_SECONDS;

const UNIT_CHOICES: { [K in keyof Units]: readonly Units[K][] } = {
  time: ['s', 'ms'],
  altitude: ['m', 'ft'],
  speed: ['m/s', 'kt'],
  vertrate: ['m/s', 'ft/min'],
};

/**
 * Reads a mapping file (YAML or JSON):
 *
 * ```yaml
 * table: adsb.positions        # optional: replaces DATABASE.TABLE of the source URL
 * columns: { time: ts, icao24: hex, baroaltitude: alt_baro, lastcontact: null }
 * units: { altitude: ft, speed: kt, vertrate: ft/min }
 * ```
 * Columns not named keep their OpenSky name; `null` says the table does not have it.
 */
export function readMapping(file: string): { layout: Layout; table?: string } {
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new CharterwatchError('NOT_FOUND', 'cannot read the mapping file', { file });
    throw badInput(`not a YAML or JSON mapping: ${(error as Error).message.split('\n')[0]}`, file);
  }
  if (!isObject(doc)) throw badInput('expected a mapping with "columns" and/or "units"', file);
  const columns = { ...OPENSKY_LAYOUT.columns };
  const units = { ...OPENSKY_LAYOUT.units };
  for (const key of Object.keys(doc)) {
    if (!['table', 'columns', 'units'].includes(key)) throw badInput(`unknown key "${key}": expected table, columns, units`, file);
  }
  if (doc.columns !== undefined) {
    if (!isObject(doc.columns)) throw badInput('"columns" must map field names to column names', file);
    for (const [field, column] of Object.entries(doc.columns)) {
      if (!(FIELDS as readonly string[]).includes(field)) throw badInput(`unknown field "${field}" in columns: expected ${FIELDS.join(', ')}`, file);
      if (column !== null && (typeof column !== 'string' || !IDENTIFIER.test(column))) {
        throw badInput(`column for "${field}" must be a column name (letters, digits, _) or null, got ${JSON.stringify(column)}`, file);
      }
      if (column === null && REQUIRED.includes(field as Field)) throw badInput(`"${field}" is required and cannot be null`, file);
      columns[field as Field] = column as string | null;
    }
  }
  if (doc.units !== undefined) {
    if (!isObject(doc.units)) throw badInput('"units" must map quantities to units', file);
    for (const [quantity, unit] of Object.entries(doc.units)) {
      const allowed = UNIT_CHOICES[quantity as keyof Units] as readonly string[] | undefined;
      if (!allowed) throw badInput(`unknown quantity "${quantity}" in units: expected ${Object.keys(UNIT_CHOICES).join(', ')}`, file);
      if (!allowed.includes(String(unit))) throw badInput(`units.${quantity} must be one of ${allowed.join(', ')}, got "${unit}"`, file);
      (units as Record<string, string>)[quantity] = String(unit);
    }
  }
  let table: string | undefined;
  if (doc.table !== undefined) {
    if (typeof doc.table !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$/.test(doc.table)) {
      throw badInput(`"table" must be DATABASE.TABLE, got ${JSON.stringify(doc.table)}`, file);
    }
    table = doc.table;
  }
  return { layout: { columns, units }, table };
}

export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Converters from a layout's units to the store's (ft, kt, ft/min): the same factors and
 * rounding as the OpenSky file readers (src/ingest/positions), which convert in SQL with
 * `round(v * factor, 2)`. DuckDB's `round(x, 2)` is `std::round(x * 100) / 100` (halves away
 * from zero), reproduced here so that a pulled row and the same row read from a CSV dump are
 * equal to the bit (tested against DuckDB in test/pull/layout.test.ts).
 */
export function converters(units: Units): { altitude: (v: number) => number; speed: (v: number) => number; vertrate: (v: number) => number } {
  return {
    altitude: units.altitude === 'm' ? (v) => round2(v * M_TO_FT) : identity,
    speed: units.speed === 'm/s' ? (v) => round2(v * MS_TO_KT) : identity,
    vertrate: units.vertrate === 'm/s' ? (v) => round2(v * MS_TO_FPM) : identity,
  };
}

const identity = (v: number) => v;

/** Rounds to 0.01 as DuckDB's `round(x, 2)` does. */
export function round2(x: number): number {
  const y = x * 100;
  const r = y < 0 ? -Math.round(-y) : Math.round(y);
  return Number.isFinite(r) ? r / 100 : x;
}
