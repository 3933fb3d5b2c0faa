import { existsSync } from 'node:fs';
import path from 'node:path';
import { CharterwatchError } from '../errors.ts';
import { readCsvRecords } from '../ingest/csv.ts';
import { dataPath } from '../paths.ts';
import type { Store } from '../store/store.ts';
import { entryFor, mergeAircraft, putAircraft, type Aircraft, type AircraftClaim } from './registry.ts';

/** What an import did, for the command's output. */
export interface ImportSummary {
  file: string;
  rowsRead: number;
  aircraft: number;
  /** Entries whose sources disagree (a published address, an operator), in words. */
  disagreements: { registration: string | null; icao24: string; note: string }[];
}

/** The shipped default watchlist. */
export const DEFAULT_FLEET_FILE = dataPath('fleet/candidate-aircraft.csv');

/**
 * Loads the default watchlist, data/fleet/candidate-aircraft.csv, into the registry: the
 * registrations public trackers name as flying removal charters, each with its source.
 * Used by `charterwatch fleet import --default` and the demo.
 */
export async function importDefaultFleet(store: Store): Promise<ImportSummary> {
  return importFleetCsv(store, DEFAULT_FLEET_FILE, { displayName: 'data/fleet/candidate-aircraft.csv' });
}

export interface FleetCsvOptions {
  /** How the file is named in sources and messages (default: its path). */
  displayName?: string;
}

/**
 * Loads a fleet CSV into the registry, one transaction. Two layouts, told by the header:
 * - the candidate list: `registration,icao24_computed,icao24_source,hex_check,type_source,operator,operator_from,operator_to,operator_claimed,source`
 *   (the address is always recomputed; `icao24_source` is the published one, checked against it;
 *   `operator_claimed` yes when the list only claims the operator; an older layout with the name in
 *   `operator_claimed` is read as a claim);
 * - a plain list: `registration,icao24,icao_type,operator,seats,watch_from,watch_to,source`, and
 *   optionally `operator_from,operator_to,operator_claimed` (`registration` or `icao24` required on
 *   each row; the other columns optional).
 * Every operator is kept with its period and source (src/fleet/attributes.ts); the registry shows
 * the latest dated one.
 * Rows naming the same aircraft, and entries already in the registry, are merged: their sources
 * joined, disagreements noted.
 * A bad row throws BAD_INPUT naming the file and line.
 */
export async function importFleetCsv(store: Store, file: string, { displayName = file }: FleetCsvOptions = {}): Promise<ImportSummary> {
  if (!existsSync(file)) throw new CharterwatchError('NOT_FOUND', 'cannot read the fleet file', { file });
  const [head, ...records] = readCsvRecords(file);
  const header = head?.fields ?? [];
  const candidate = header.includes('icao24_computed');
  if (!candidate && !header.includes('registration') && !header.includes('icao24')) {
    throw new CharterwatchError('BAD_INPUT', header.length ? `expected a header with registration or icao24, found "${header.join(',')}"` : 'the file is empty: expected a header with registration or icao24', { file, line: 1 });
  }
  if (records.length === 0) throw new CharterwatchError('BAD_INPUT', 'no aircraft rows after the header', { file, line: 2 });
  const merged = new Map<string, Aircraft>();
  records.forEach(({ fields, line, problem }) => {
    if (problem) throw new CharterwatchError('BAD_INPUT', problem, { file, line });
    if (fields.length !== header.length) throw new CharterwatchError('BAD_INPUT', `expected ${header.length} columns, found ${fields.length}`, { file, line });
    const row = Object.fromEntries(header.map((name, j) => [name, fields[j]!]));
    const field = (name: string) => row[name]?.trim() || null;
    const source = field('source') ?? `${path.basename(displayName)} line ${line}`;
    const operatorPart = {
      operatorFrom: dateValue(field('operator_from'), 'operator_from', file, line),
      operatorTo: dateValue(field('operator_to'), 'operator_to', file, line),
      operatorClaimed: header.includes('operator') ? yesNo(field('operator_claimed'), file, line) : header.includes('operator_claimed'),
    };
    const claim: AircraftClaim = candidate
      ? { registration: field('registration'), icao24: field('icao24_source'), icaoType: field('type_source'), operator: field('operator') ?? field('operator_claimed'), ...operatorPart, source }
      : {
          ...operatorPart,
          registration: field('registration'),
          icao24: field('icao24'),
          icaoType: field('icao_type'),
          operator: field('operator'),
          seats: seatsValue(field('seats'), file, line),
          watchFrom: dateValue(field('watch_from'), 'watch_from', file, line),
          watchTo: dateValue(field('watch_to'), 'watch_to', file, line),
          source,
        };
    let entry: Aircraft;
    try {
      entry = entryFor(claim);
    } catch (error) {
      if (error instanceof CharterwatchError) throw new CharterwatchError('BAD_INPUT', error.message, { file, line });
      throw error;
    }
    const earlier = merged.get(entry.icao24);
    merged.set(entry.icao24, earlier ? mergeAircraft(earlier, entry) : entry);
  });
  const entries = [...merged.values()];
  await putAircraft(store, entries, { merge: true });
  return {
    file: displayName,
    rowsRead: records.length,
    aircraft: entries.length,
    disagreements: entries.filter((a) => a.note).map((a) => ({ registration: a.registration, icao24: a.icao24, note: a.note! })),
  };
}

function yesNo(value: string | null, file: string, line: number): boolean {
  if (value === null || /^(no|false|0)$/i.test(value)) return false;
  if (/^(yes|true|1)$/i.test(value)) return true;
  throw new CharterwatchError('BAD_INPUT', `operator_claimed: expected yes or no, found "${value}"`, { file, line });
}

function seatsValue(value: string | null, file: string, line: number): number | null {
  if (value === null) return null;
  if (!/^\d{1,4}$/.test(value)) throw new CharterwatchError('BAD_INPUT', `seats: expected a whole number, found "${value}"`, { file, line });
  return Number(value);
}

function dateValue(value: string | null, column: string, file: string, line: number): string | null {
  if (value === null) return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new CharterwatchError('BAD_INPUT', `${column}: expected a date as YYYY-MM-DD, found "${value}"`, { file, line });
  }
  return value;
}
