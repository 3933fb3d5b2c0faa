import { parse } from 'csv-parse/sync';
import { badInput } from '../../errors.ts';
import { airportByCode } from '../../airports/airports.ts';
import type { Format, LoadContext, LoadResult } from '../format.ts';
import { readUtf8 } from '../text.ts';
import { addressOfRegistration, appendHistoryLegs, countryOf, type HistoryLeg } from './leg-history.ts';

const REQUIRED = ['Date', 'Flight', 'Departure', 'Arrival', 'Aircraft', 'Status'];

/**
 * The flight-history pages of a flight-tracking site as scraped by UWCHR/ice-air
 * (`radarbox-*.csv`): one leg a row, newest first, with airports as `Harrisburg, PA(MDT/KMDT)`,
 * scheduled times in the airport's local zone (`12:45 EDT`, often missing), the aircraft as
 * `B734 (N430XA)`, a status (`Landed 11:29 EDT`, `Est. Arrival 15:21 CDT`) and a duration (`03h43m`).
 * Quirks: a leading unnamed index column in some files; non-breaking spaces in statuses; zone
 * abbreviations that mean different offsets in different countries (CST in Havana is UTC−5).
 */
export const radarbox: Format = {
  name: 'radarbox',
  description: 'flight-history CSV (RadarBox pages as scraped by UWCHR/ice-air): legs with airports and local times',
  target: 'legs',
  sniff: ({ firstLine }) => {
    const header = firstLine.split(',').map((c) => c.trim());
    return REQUIRED.every((c) => header.includes(c)) && header.includes('STD') ? 95 : 0;
  },
  load: loadRadarbox,
};

async function loadRadarbox(ctx: LoadContext): Promise<LoadResult> {
  const text = readUtf8(ctx.path).toString('utf8');
  const records = parse(text, { bom: true, relax_column_count: true, relax_quotes: true, info: true, skip_empty_lines: true }) as unknown as { record: string[]; info: { lines: number } }[];
  const header = (records[0]?.record ?? []).map((c) => c.trim());
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length > 0) throw badInput(`missing column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')} in the header; found ${header.map((c) => `"${c}"`).join(', ')}`, ctx.path, 1);
  const col = Object.fromEntries(header.map((h, i) => [h, i]));
  const legs: HistoryLeg[] = [];
  let rowsRead = 0;
  for (const { record, info } of records.slice(1)) {
    rowsRead++;
    const line = info.lines;
    if (record.length !== header.length) {
      await ctx.rejects.add(line, `expected ${header.length} columns, found ${record.length}`, record.join(','));
      continue;
    }
    const get = (name: string) => (col[name] === undefined ? '' : (record[col[name]!] ?? '').replace(/\u00a0/g, ' ').trim());
    const parsed = parseRow(get, line);
    if (typeof parsed === 'string') await ctx.rejects.add(line, parsed, record.join(','));
    else legs.push(parsed);
  }
  if (rowsRead === 0) throw badInput('no data rows after the header', ctx.path, 2);
  const { kept, unresolved } = await appendHistoryLegs(ctx, legs);
  const last = legs.map((l) => l.legDate ?? '').sort().at(-1);
  return { rowsRead, rowsKept: kept, releaseThrough: last ? last.slice(0, 7) : undefined, unresolvedRegistrations: unresolved };
}

/** One row as a leg, or the reason it cannot be one. */
export function parseRow(get: (column: string) => string, line: number): HistoryLeg | string {
  const date = get('Date');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) return `Date is not a date (YYYY-MM-DD): "${date}"`;
  const dep = airportOf(get('DepartureICAO'), get('DepartureIATA'), get('Departure'));
  const arr = airportOf(get('ArrivalICAO'), get('ArrivalIATA'), get('Arrival'));
  if (dep === undefined) return `Departure is not an airport "City(IATA/ICAO)": "${get('Departure')}"`;
  if (arr === undefined) return `Arrival is not an airport "City(IATA/ICAO)": "${get('Arrival')}"`;
  const aircraft = /^([A-Z0-9]{2,4})?\s*(?:\(([A-Z0-9-]+)\))?$/i.exec(get('Aircraft'));
  if (!aircraft) return `Aircraft is not "TYPE (REGISTRATION)": "${get('Aircraft')}"`;
  const registration = aircraft[2]?.toUpperCase() ?? null;
  const duration = parseDuration(get('Duration'));
  const depCountry = countryOf(dep);
  const arrCountry = countryOf(arr);
  let depTime = localTime(date, get('STD'), depCountry);
  if (depTime === undefined) return `STD is not a local time "HH:MM ZONE": "${get('STD')}"`;
  const landed = /(\d{1,2}:\d{2}\s+[A-Z]{2,5})$/.exec(get('Status'))?.[1] ?? '';
  const arrivalText = get('STA') || landed;
  let arrTime: number | null = null;
  if (arrivalText) {
    // The record gives the arrival's clock time, not its date: take the day that fits the departure and duration.
    const candidates = [-1, 0, 1, 2].map((d) => localTime(shiftDate(date, d), arrivalText, arrCountry));
    if (candidates.some((c) => c === undefined)) return `arrival time is not a local time "HH:MM ZONE": "${arrivalText}"`;
    const times = candidates as number[];
    if (depTime !== null) {
      // STD is the schedule, a landing time is what happened: the day whose arrival is nearest the scheduled departure plus the duration.
      const expected = depTime + (duration ?? 3600);
      arrTime = times.filter((t) => Math.abs(t - expected) < 12 * 3600).sort((a, b) => Math.abs(a - expected) - Math.abs(b - expected))[0] ?? null;
      // A landing time with a duration places the actual departure better than the schedule does.
      if (arrTime !== null && duration !== null && /^Landed/i.test(get('Status')) && !get('STA')) depTime = arrTime - duration;
    } else arrTime = times[1]!;
  }
  if (depTime === null && arrTime !== null && duration !== null) depTime = arrTime - duration;
  if (arrTime === null && depTime !== null && duration !== null) arrTime = depTime + duration;
  return {
    line,
    icao24: registration ? addressOfRegistration(registration) : null,
    registration,
    aircraftType: aircraft[1]?.toUpperCase() ?? null,
    operator: get('Airline') || null,
    callsign: get('Flight').replace(/\s+/g, '') || null,
    depAirport: dep,
    depTime,
    arrAirport: arr,
    arrTime,
    legDate: date,
  };
}

/** ICAO code from the ICAO column, the IATA column, or `City(IATA/ICAO)`; null when empty; undefined when unreadable. */
function airportOf(icao: string, iata: string, text: string): string | null | undefined {
  if (/^[A-Z0-9]{4}$/.test(icao)) return icao;
  if (iata && airportByCode(iata)) return airportByCode(iata)!.icao;
  if (!text) return icao || iata ? undefined : null;
  const m = /\(([A-Z0-9]{3})?\/?([A-Z0-9]{4})?\)\s*$/.exec(text);
  if (!m) return undefined;
  if (m[2]) return m[2];
  return m[1] ? (airportByCode(m[1])?.icao ?? null) : null;
}

/** `03h43m` → seconds; null when absent. */
function parseDuration(text: string): number | null {
  const m = /^(\d+)h\s*(\d+)m$/.exec(text);
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 : null;
}

/** Zone abbreviations as flight-tracking sites write them, hours from UTC. */
const ZONES: Record<string, number> = {
  UTC: 0, GMT: 0, Z: 0, WET: 0, BST: 1, CET: 1, CEST: 2, WAT: 1, CAT: 2, EAT: 3, EET: 2, EEST: 3,
  AST: -4, ADT: -3, EST: -5, EDT: -4, CST: -6, CDT: -5, MST: -7, MDT: -6, PST: -8, PDT: -7,
  AKST: -9, AKDT: -8, HST: -10, ChST: 10,
  BRT: -3, ART: -3, UYT: -3, SRT: -3, GFT: -3, CLT: -4, CLST: -3, BOT: -4, VET: -4, GYT: -4, PYT: -4,
  ECT: -5, COT: -5, PET: -5, IST: 5.5, PKT: 5, ICT: 7, WIB: 7, PHT: 8, SGT: 8, HKT: 8, JST: 9, KST: 9,
};
/** The same abbreviation in a country that means another offset. */
const COUNTRY_ZONES: Record<string, Record<string, number>> = {
  CU: { CST: -5, CDT: -4 }, // Cuba Standard/Daylight Time
  CN: { CST: 8 }, TW: { CST: 8 }, MO: { CST: 8 }, // China Standard Time
  IE: { IST: 1 }, IL: { IST: 2, IDT: 3 },
};

/**
 * `HH:MM ZONE` on a local date as epoch seconds; null for an empty text, undefined when unreadable.
 *
 * @example localTime('2020-04-27', '12:45 EDT', 'US') === Date.UTC(2020, 3, 27, 16, 45) / 1000
 */
export function localTime(date: string, text: string, country: string | null): number | null | undefined {
  if (!text) return null;
  const m = /^(\d{1,2}):(\d{2})\s*([A-Za-z]{1,5})$/.exec(text.trim());
  if (!m) return undefined;
  const zone = m[3]!;
  const offset = (country ? COUNTRY_ZONES[country]?.[zone] : undefined) ?? ZONES[zone] ?? ZONES[zone.toUpperCase()];
  if (offset === undefined || Number(m[1]) > 23 || Number(m[2]) > 59) return undefined;
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, mo - 1, d, Number(m[1]), Number(m[2])) / 1000 - offset * 3600;
}

function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10);
}
