/**
 * The program's editable lists (`data/program/*.csv`): the program's flight-number blocks per
 * operator and period, the airports ICE's ARTS records show the program used (and how often),
 * border airports used for land removals, callsign prefixes, and destinations listed as public
 * charter work. Read once; a wrong row fails loudly with its file and line.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { badInput } from '../errors.ts';
import { parseCsv } from '../ingest/csv.ts';
import { dataPath } from '../paths.ts';
import { programBlocks } from '../generate/operators.ts';

export interface ProgramLists {
  /** ICAO → place name and the land crossing it serves. */
  lateral: Map<string, { name: string; crossing: string }>;
  /** An airport (ICAO) or a country (ISO-2) that is not a removal destination; `usAirports` null = from anywhere. */
  nonProgram: { destination: string; usAirports: Set<string> | null; why: string }[];
  /** The program's flight-number blocks (`flight-number-blocks.csv`), each with its period and how it was established. */
  blocks: FlightBlock[];
  /** The generated (fictional) operators' blocks: weighed on generated legs only, never on real ones. */
  generatedBlocks: FlightBlock[];
  /** ICAO → the airport in ICE's ARTS records: in its airport dictionary, and ARTS missions whose last leg touches it. */
  arts: Map<string, { dictionary: boolean; missions: number }>;
}

export interface FlightBlock {
  prefix: string;
  /** Inclusive ranges of flight numbers. */
  ranges: [number, number][];
  /** The block as written, e.g. `3400-3699`. */
  numbers: string;
  operator: string;
  /** `agency`: the program's own callsign, used on nothing else; `contractor`: a contractor's block for the program. */
  kind: 'agency' | 'contractor';
  /** ISO dates, inclusive; null = open. */
  validFrom: string | null;
  validTo: string | null;
  established: string;
}

const cache = new Map<string, ProgramLists>();

/** The lists in `dir` (default: the shipped `data/program/`). */
export function programLists(dir = dataPath('program')): ProgramLists {
  const cached = cache.get(dir);
  if (cached) return cached;
  const read = (name: string, columns: string[]) => {
    const file = path.join(dir, name);
    const rows = parseCsv(readFileSync(file, 'utf8'));
    rows.forEach((row, i) => {
      for (const c of columns) if (!(row[c] ?? '').trim() && c !== 'us_airports') throw badInput(`"${c}" is empty`, file, i + 2);
    });
    return rows;
  };
  const lists: ProgramLists = {
    lateral: new Map(read('lateral-airports.csv', ['icao', 'crossing']).map((r) => [r.icao!.trim().toUpperCase(), { name: r.name ?? '', crossing: r.crossing! }])),
    nonProgram: read('non-program-destinations.csv', ['destination', 'why']).map((r) => ({
      destination: r.destination!.trim().toUpperCase(),
      usAirports: r.us_airports?.trim() ? new Set(r.us_airports.trim().toUpperCase().split(/\s+/)) : null,
      why: r.why!,
    })),
    blocks: read('flight-number-blocks.csv', ['prefix', 'numbers', 'operator', 'kind', 'established']).map((r, i) => parseBlock(r, path.join(dir, 'flight-number-blocks.csv'), i + 2)),
    generatedBlocks: programBlocks(),
    arts: new Map(
      read('arts-airports.csv', ['icao', 'in_arts_dictionary', 'last_leg_from', 'last_leg_to']).map((r, i) => {
        const n = (v: string) => {
          if (!/^\d+$/.test(v.trim())) throw badInput(`a count of missions was expected, found "${v}"`, path.join(dir, 'arts-airports.csv'), i + 2);
          return Number(v);
        };
        return [r.icao!.trim().toUpperCase(), { dictionary: r.in_arts_dictionary!.trim() === 'yes', missions: n(r.last_leg_from!) + n(r.last_leg_to!) }];
      }),
    ),
  };
  cache.set(dir, lists);
  return lists;
}

function parseBlock(r: Record<string, string>, file: string, line: number): FlightBlock {
  const numbers = r.numbers!.trim();
  const ranges = numbers.split(/\s+/).map((part): [number, number] => {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) throw badInput(`"numbers" must be flight numbers or ranges such as 3400-3699, found "${part}"`, file, line);
    return [Number(m[1]), Number(m[2] ?? m[1])];
  });
  const date = (v: string | undefined, column: string) => {
    const d = (v ?? '').trim();
    if (d && !/^\d{4}-\d{2}-\d{2}$/.test(d)) throw badInput(`"${column}" must be a date (YYYY-MM-DD) or empty, found "${d}"`, file, line);
    return d || null;
  };
  const kind = r.kind!.trim();
  if (kind !== 'agency' && kind !== 'contractor') throw badInput(`"kind" must be agency or contractor, found "${kind}"`, file, line);
  return { prefix: r.prefix!.trim().toUpperCase(), ranges, numbers, operator: r.operator!, kind, validFrom: date(r.valid_from, 'valid_from'), validTo: date(r.valid_to, 'valid_to'), established: r.established! };
}

/** A callsign split into its prefix and flight number (`SWQ3520` → SWQ, 3520), or null. */
function splitCallsign(callsign: string): { prefix: string; number: number } | null {
  const m = /^([A-Z]{2,3}?)(\d{1,4})$/.exec(callsign.trim().toUpperCase()) ?? /^([A-Z0-9]{2})(\d{1,4})$/.exec(callsign.trim().toUpperCase());
  return m ? { prefix: m[1]!, number: Number(m[2]) } : null;
}

/**
 * The program block a callsign flies under on a day (ISO date), if any; and, when it is not in
 * one, the operator whose blocks of that day it falls outside of (its ordinary numbers).
 */
export function blockOf(lists: ProgramLists, callsign: string | null, day: string | null, generated = false): { block?: FlightBlock; outside?: FlightBlock } {
  if (!callsign) return {};
  const c = splitCallsign(callsign);
  if (!c) return {};
  const inPeriod = (b: FlightBlock) => !day || ((!b.validFrom || day >= b.validFrom) && (!b.validTo || day <= b.validTo));
  let outside: FlightBlock | undefined;
  for (const b of lists.blocks) {
    if (b.prefix !== c.prefix || !inPeriod(b)) continue;
    if (b.ranges.some(([lo, hi]) => c.number >= lo && c.number <= hi)) return { block: b };
    outside ??= b;
  }
  for (const b of generated ? lists.generatedBlocks : []) {
    if (b.prefix !== c.prefix) continue;
    if (!inPeriod(b)) continue;
    if (b.ranges.some(([lo, hi]) => c.number >= lo && c.number <= hi)) return { block: b };
    outside ??= b;
  }
  return { outside };
}
