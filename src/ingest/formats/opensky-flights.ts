import { parse } from 'csv-parse/sync';
import { badInput } from '../../errors.ts';
import type { Format, LoadContext, LoadResult } from '../format.ts';
import { readUtf8 } from '../text.ts';
import { appendHistoryLegs, type HistoryLeg } from './leg-history.ts';

const REQUIRED = ['icao24', 'firstseen', 'estdepartureairport', 'lastseen', 'estarrivalairport'];

/**
 * OpenSky's flights table (`flights_data4` from Trino, as CSV) or the REST API's flights JSON
 * (an array of `{icao24, firstSeen, estDepartureAirport, lastSeen, estArrivalAirport, callsign…}`).
 * Times are when the aircraft was first and last seen (epoch s), airports OpenSky's estimates
 * (NULL when it could not tell): each becomes a leg with status `reported`, or `unknown`.
 */
export const openskyFlights: Format = {
  name: 'opensky-flights',
  description: 'OpenSky flights (flights_data4 CSV, or the REST API flights JSON): one leg a row',
  target: 'legs',
  sniff: ({ firstLine, text }) => {
    const header = firstLine.toLowerCase().split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
    if (REQUIRED.every((c) => header.includes(c))) return 95;
    const start = text.trimStart();
    if ((start.startsWith('[') || start.startsWith('{')) && /"firstseen"/i.test(start) && /"estdepartureairport"/i.test(start)) return 90;
    return 0;
  },
  load: loadOpenskyFlights,
};

async function loadOpenskyFlights(ctx: LoadContext): Promise<LoadResult> {
  const text = readUtf8(ctx.path).toString('utf8').replace(/^\uFEFF/, '');
  const rows = text.trimStart().startsWith('[') || text.trimStart().startsWith('{') ? jsonRows(text, ctx.path) : csvRows(text, ctx.path);
  const legs: HistoryLeg[] = [];
  for (const { line, get, raw, problem } of rows) {
    const parsed = problem ?? parseFlight(get, line);
    if (typeof parsed === 'string') await ctx.rejects.add(line, parsed, raw);
    else legs.push(parsed);
  }
  if (rows.length === 0) throw badInput('no flights in the file', ctx.path, 2);
  const { kept, unresolved } = await appendHistoryLegs(ctx, legs);
  return { rowsRead: rows.length, rowsKept: kept, unresolvedRegistrations: unresolved };
}

interface RawRow {
  line: number;
  /** A field by lower-case name, trimmed; '' when absent or null. */
  get: (name: string) => string;
  raw: string;
  /** Why the row cannot be read at all (a CSV row of the wrong width). */
  problem?: string;
}

function csvRows(text: string, file: string): RawRow[] {
  const records = parse(text, { relax_column_count: true, info: true, skip_empty_lines: true }) as unknown as { record: string[]; info: { lines: number } }[];
  const header = (records[0]?.record ?? []).map((c) => c.trim().toLowerCase());
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length > 0) throw badInput(`missing column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')} in the header`, file, 1);
  const index = new Map(header.map((h, i) => [h, i]));
  return records.slice(1).map(({ record, info }) => ({
    line: info.lines,
    get: (name: string) => {
      const v = (record[index.get(name) ?? -1] ?? '').trim();
      return v === 'NULL' || v === '\\N' ? '' : v;
    },
    raw: record.join(','),
    // A row of the wrong width (a line cut short, a stray comma) is not read field by field.
    problem: record.length === header.length ? undefined : `expected ${header.length} columns, found ${record.length}`,
  }));
}

function jsonRows(text: string, file: string): RawRow[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw badInput(`not valid JSON: ${(error as Error).message}`, file);
  }
  const list = Array.isArray(value) ? value : [value];
  return list.map((item, k) => {
    const fields = new Map(Object.entries((item ?? {}) as Record<string, unknown>).map(([key, v]) => [key.toLowerCase(), v]));
    return {
      line: k + 1,
      get: (name: string) => {
        const v = fields.get(name);
        return v === null || v === undefined ? '' : String(v).trim();
      },
      raw: JSON.stringify(item).slice(0, 1000),
    };
  });
}

/** One flight as a leg, or the reason it cannot be one. */
export function parseFlight(get: (name: string) => string, line: number): HistoryLeg | string {
  const icao24 = get('icao24').toLowerCase();
  if (!/^[0-9a-f]{6}$/.test(icao24)) return `icao24 is not 6 hex digits: "${get('icao24')}"`;
  const first = epoch(get('firstseen'));
  const last = epoch(get('lastseen'));
  if (first === undefined) return `firstseen is not a time (epoch seconds or ISO): "${get('firstseen')}"`;
  if (last === undefined) return `lastseen is not a time (epoch seconds or ISO): "${get('lastseen')}"`;
  if (last < first) return `lastseen is before firstseen`;
  const airport = (name: string): string | null | undefined => {
    const v = get(name).toUpperCase();
    if (v === '') return null;
    return /^[A-Z0-9]{3,4}$/.test(v) ? v : undefined;
  };
  const dep = airport('estdepartureairport');
  const arr = airport('estarrivalairport');
  if (dep === undefined) return `estdepartureairport is not an airport code: "${get('estdepartureairport')}"`;
  if (arr === undefined) return `estarrivalairport is not an airport code: "${get('estarrivalairport')}"`;
  return {
    line,
    icao24,
    registration: null,
    aircraftType: null,
    operator: null,
    callsign: get('callsign') || null,
    depAirport: dep,
    depTime: first,
    arrAirport: arr,
    arrTime: last,
    legDate: new Date(first * 1000).toISOString().slice(0, 10),
  };
}

/** Epoch seconds from a number or an ISO time (Trino exports either); undefined when neither. */
function epoch(text: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(text)) {
    const t = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(text) ? text.replace(' ', 'T') : `${text.replace(' ', 'T')}Z`);
    return Number.isNaN(t) ? undefined : t / 1000;
  }
  return undefined;
}
