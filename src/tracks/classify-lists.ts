/**
 * The program's editable lists (`data/program/*.csv`): US staging airports, border airports used
 * for land removals, callsign prefixes, and destinations that are not the program's work.
 * Read once; a wrong row fails loudly with its file and line.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { badInput } from '../errors.ts';
import { parseCsv } from '../ingest/csv.ts';
import { dataPath } from '../paths.ts';

export interface ProgramLists {
  /** ICAO → place name and why it is on the list. */
  staging: Map<string, { name: string; why: string }>;
  /** ICAO → place name and the land crossing it serves. */
  lateral: Map<string, { name: string; crossing: string }>;
  /** Longest prefix first. `program` = the prefix is used only for the program's flights (ICE's RPN). */
  callsigns: { prefix: string; operator: string; program: boolean; why: string }[];
  /** An airport (ICAO) or a country (ISO-2) that is not a removal destination; `usAirports` null = from anywhere. */
  nonProgram: { destination: string; usAirports: Set<string> | null; why: string }[];
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
    staging: new Map(read('staging-airports.csv', ['icao', 'why']).map((r) => [r.icao!.trim().toUpperCase(), { name: r.name ?? '', why: r.why! }])),
    lateral: new Map(read('lateral-airports.csv', ['icao', 'crossing']).map((r) => [r.icao!.trim().toUpperCase(), { name: r.name ?? '', crossing: r.crossing! }])),
    callsigns: read('callsign-prefixes.csv', ['prefix', 'operator', 'program', 'why'])
      .map((r) => ({ prefix: r.prefix!.trim().toUpperCase(), operator: r.operator!, program: /^(yes|true|1)$/i.test(r.program!.trim()), why: r.why! }))
      .sort((a, b) => b.prefix.length - a.prefix.length),
    nonProgram: read('non-program-destinations.csv', ['destination', 'why']).map((r) => ({
      destination: r.destination!.trim().toUpperCase(),
      usAirports: r.us_airports?.trim() ? new Set(r.us_airports.trim().toUpperCase().split(/\s+/)) : null,
      why: r.why!,
    })),
  };
  cache.set(dir, lists);
  return lists;
}

/** The list entry a callsign starts with (`RPN1701` → RPN), if any. */
export function callsignEntry(lists: ProgramLists, callsign: string | null): ProgramLists['callsigns'][number] | undefined {
  if (!callsign) return undefined;
  const c = callsign.trim().toUpperCase();
  // A prefix is followed by the flight number: RPN1701 matches RPN, RPNX does not.
  return lists.callsigns.find((e) => c.startsWith(e.prefix) && /^\d/.test(c.slice(e.prefix.length)));
}
