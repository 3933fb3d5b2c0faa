import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { badInput } from '../errors.ts';
import { dataPath } from '../paths.ts';

/**
 * The published figures the headcount models are fitted on, read from data/passengers/
 * (each row names its source). A row that cannot be used stops the program with the file,
 * the line and what was expected: these files ship with charterwatch and must be whole.
 */

export const AGGREGATES_FILE = 'passengers/aggregates.csv';
export const ARTS_FILE = 'passengers/arts-mission-distribution.csv';
export const OBSERVED_FILE = 'passengers/observed-headcounts.csv';

/** One published aggregate: people over flights (or missions) in a date range. */
export interface Aggregate {
  figure: string;
  /** short-haul-base, lateral-base, period (the Guatemalan per-flight series), check (shown, not fitted). */
  use: 'short-haul-base' | 'lateral-base' | 'period' | 'check';
  country: string | null;
  airport: string | null;
  from: string;
  to: string;
  people: number;
  flights: number;
  perFlight: number;
  source: string;
  line: number;
}

/** One flight's published headcount (also the format `charterwatch passengers --evaluate` reads). */
export interface ObservedHeadcount {
  flight: string;
  date: string;
  people: number;
  type: string | null;
  kind: string | null;
  country: string | null;
  source: string | null;
  line: number;
}

const USES = ['short-haul-base', 'lateral-base', 'period', 'check'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function rows(file: string): { row: Record<string, string>; line: number }[] {
  const records = parse(readFileSync(dataPath(file), 'utf8'), { columns: true, info: true, skip_empty_lines: true }) as { record: Record<string, string>; info: { lines: number } }[];
  return records.map((r) => ({ row: r.record, line: r.info.lines }));
}

function count(value: string | undefined, what: string, file: string, line: number): number {
  if (!/^\d+$/.test((value ?? '').trim())) throw badInput(`${what}: expected a whole number, got "${value ?? ''}"`, `data/${file}`, line);
  return Number(value);
}

let aggregates: Aggregate[] | undefined;

/** data/passengers/aggregates.csv, checked. */
export function readAggregates(): Aggregate[] {
  if (aggregates) return aggregates;
  aggregates = rows(AGGREGATES_FILE).map(({ row, line }) => {
    const where = `data/${AGGREGATES_FILE}`;
    if (!(USES as readonly string[]).includes(row.use ?? '')) throw badInput(`use: expected one of ${USES.join(', ')}, got "${row.use ?? ''}"`, where, line);
    if (!DAY.test(row.from ?? '') || !DAY.test(row.to ?? '')) throw badInput('from, to: expected dates as YYYY-MM-DD', where, line);
    const people = count(row.people, 'people', AGGREGATES_FILE, line);
    const flights = count(row.flights, 'flights', AGGREGATES_FILE, line);
    if (flights === 0) throw badInput('flights: expected more than 0', where, line);
    return {
      figure: row.figure!,
      use: row.use as Aggregate['use'],
      country: row.country || null,
      airport: row.airport || null,
      from: row.from!,
      to: row.to!,
      people,
      flights,
      perFlight: people / flights,
      source: row.source ?? '',
      line,
    };
  });
  return aggregates;
}

let arts: Map<string, number> | undefined;

/** The ARTS mission distribution (FY2011–May 2019): statistic → value. */
export function readArtsDistribution(): Map<string, number> {
  if (arts) return arts;
  const out = new Map<string, number>();
  for (const { row, line } of rows(ARTS_FILE)) {
    const value = Number(row.value);
    if (!row.statistic || !Number.isFinite(value)) throw badInput('expected statistic,value with a number', `data/${ARTS_FILE}`, line);
    out.set(row.statistic, value);
  }
  for (const need of ['q25', 'median', 'q75']) if (!out.has(need)) throw badInput(`missing the statistic "${need}"`, `data/${ARTS_FILE}`);
  arts = out;
  return out;
}

export interface ObservedRead {
  rows: ObservedHeadcount[];
  /** Rows that cannot be scored, with their line and why: counted and shown, never dropped silently. */
  rejects: { line: number; reason: string }[];
}

/**
 * Reads a file of observed headcounts: a header with at least `flight,date,people`, then
 * optionally `type,kind,country` (and anything else, ignored). A header without the three
 * columns is refused naming the file and line 1; a row with a bad date or count is kept aside.
 */
export function parseObservedHeadcounts(text: string, file: string): ObservedRead {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), info: true, skip_empty_lines: true, relax_column_count: true, bom: true }) as typeof records;
  } catch (error) {
    throw badInput(`not readable as CSV: ${(error as Error).message}`, file);
  }
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0]!.split(',').map((c) => c.trim().toLowerCase());
  for (const need of ['flight', 'date', 'people']) {
    if (!header.includes(need)) throw badInput(`missing column "${need}": expected a header flight,date,people[,type,kind,country]`, file, 1);
  }
  const out: ObservedRead = { rows: [], rejects: [] };
  for (const { record: r, info } of records) {
    const line = info.lines;
    const date = (r.date ?? '').trim();
    const people = (r.people ?? '').trim();
    if (!DAY.test(date.slice(0, 10)) || Number.isNaN(Date.parse(date.slice(0, 10)))) {
      out.rejects.push({ line, reason: `date: expected YYYY-MM-DD, got "${date}"` });
      continue;
    }
    if (!/^\d+$/.test(people)) {
      out.rejects.push({ line, reason: `people: expected a whole number, got "${people}"` });
      continue;
    }
    const opt = (v: string | undefined) => (v && v.trim() ? v.trim() : null);
    out.rows.push({
      flight: (r.flight ?? '').trim(),
      date: date.slice(0, 10),
      people: Number(people),
      type: opt(r.type)?.toUpperCase() ?? null,
      kind: opt(r.kind)?.toLowerCase() ?? null,
      country: opt(r.country)?.toUpperCase() ?? null,
      source: opt(r.source),
      line,
    });
  }
  return out;
}

let observed: ObservedHeadcount[] | undefined;

/** data/passengers/observed-headcounts.csv: published per-flight headcounts, none of them used to fit the short-haul model. */
export function readObservedHeadcounts(): ObservedHeadcount[] {
  if (observed) return observed;
  const read = parseObservedHeadcounts(readFileSync(dataPath(OBSERVED_FILE), 'utf8'), `data/${OBSERVED_FILE}`);
  if (read.rejects.length) throw badInput(read.rejects[0]!.reason, `data/${OBSERVED_FILE}`, read.rejects[0]!.line);
  observed = read.rows;
  return observed;
}

let continents: Map<string, string> | undefined;

/** The continent of a country code from data/reference/countries.csv (NA, SA, EU, AF, AS, OC, AN). */
export function continentOf(code: string): string | undefined {
  if (!continents) {
    continents = new Map();
    for (const { row } of rows('reference/countries.csv')) if (row.code && row.continent) continents.set(row.code, row.continent);
  }
  return continents.get(code.toUpperCase());
}
