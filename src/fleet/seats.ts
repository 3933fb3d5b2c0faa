import { readFileSync } from 'node:fs';
import { parseCsv } from '../ingest/csv.ts';
import { dataPath } from '../paths.ts';

/** A row of data/fleet/seats.csv: seats of an ICAO type as charter operators fly it. */
export interface TypeSeats {
  icaoType: string;
  name: string;
  seats: number;
  /** Which figure this is: typical one-class, exit limit, … */
  basis: string;
  source: string;
}

let table: Map<string, TypeSeats> | undefined;

/** Every type in the seat table, keyed by ICAO type designator (loaded once). */
export function seatTable(): Map<string, TypeSeats> {
  if (table) return table;
  table = new Map();
  for (const row of parseCsv(readFileSync(dataPath('fleet/seats.csv'), 'utf8'))) {
    const icaoType = (row.icao_type ?? '').trim().toUpperCase();
    table.set(icaoType, { icaoType, name: row.name ?? '', seats: Number(row.seats), basis: row.basis ?? '', source: row.source ?? '' });
  }
  return table;
}

/**
 * Seats of an ICAO type designator from data/fleet/seats.csv, or undefined for a type not in it.
 * @example seatsForType('b734') // 168
 */
export function seatsForType(icaoType: string): number | undefined {
  return seatTable().get(icaoType.trim().toUpperCase())?.seats;
}
