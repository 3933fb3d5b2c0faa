import { airportByCode } from '../airports/airports.ts';
import { usageError } from '../errors.ts';
import { csvRow } from '../export/csv.ts';
import type { Store } from '../store/store.ts';
import { LEG_KINDS, type LegKind } from '../tracks/classify.ts';
import { aircraftSql } from '../fleet/identity.ts';
import { COUNTED_LEGS } from './counted-legs.ts';
import { pageSql, type PageOf } from './paging.ts';
import { shownSourceNameSql } from './provenance.ts';
import { LEG_SORT_VALUES, type LegSortKey } from './vocabulary.ts';

export { LEG_KINDS, type LegKind };
export const LEG_FORMATS = ['json', 'csv', 'geojson', 'kml'] as const;
export type LegFormat = (typeof LEG_FORMATS)[number];

/** What `charterwatch legs --json` prints per leg (DESIGN.md's stable shape, with a few additions). */
export interface LegView {
  icao24: string | null;
  registration: string | null;
  callsign: string | null;
  departure: LegEndView;
  arrival: LegEndView;
  /** null when an end is unknown (see evidence); `possible` between firm and against. */
  kind: LegKind | null;
  /** The kind the leg's ends give it as the program's work (removal, return, domestic, lateral, foreign). */
  candidateKind: string | null;
  /** The sum of the evidence's weights, and the probability it stands for. */
  score: number | null;
  confidence: number | null;
  /** Each piece of evidence with its code, weight and words. */
  reasons: { code: string; weight: number; text: string }[];
  missionId: number | null;
  evidence: string | null;
  aircraftType: string | null;
  operator: string | null;
  /** The day the record gives, for histories without times. */
  date: string | null;
  origin: string;
  sourceId: number | null;
  line: number | null;
  id: number;
  /** Made by the traffic generator, not observed. */
  generated: boolean;
  /**
   * Where the leg comes from: one entry, or, for a flight that several sources give (origin
   * 'merged', src/tracks/merge.ts), one per leg merged into it, each with its source file and line
   * (legs from positions: origin 'adsb', no file).
   */
  sources: LegSourceView[];
}

export interface LegSourceView {
  legId: number;
  origin: string;
  sourceId: number | null;
  file: string | null;
  format: string | null;
  line: number | null;
}

export interface LegEndView {
  airport: string | null;
  country: string | null;
  /** ISO 8601 with Z; null when the record gives no time. */
  time: string | null;
  status: string;
  /** For an end assessed from an airborne sighting: the fields weighed and the outcome (src/tracks/ends.ts). Absent otherwise. */
  evidence?: string;
}

export interface LegFilter {
  /** ISO instants (inclusive from, exclusive to). */
  from?: string;
  to?: string;
  /** ICAO addresses or registrations. */
  aircraft?: string[];
  /** ISO-2: either end in it. */
  country?: string;
  /** ISO-2: the arrival in it (where a removal went). */
  arrivalCountry?: string;
  /** ICAO code: either end at it. */
  airport?: string;
  /** The legs of one mission. */
  mission?: number;
  kind?: LegKind;
  /** The legs in the possible band whose ends would make them this kind (`kind = 'possible' AND candidate_kind = ?`). */
  possibleOf?: LegKind;
}

/** How a list of legs is read: which rows, in which order. */
export interface LegListing extends PageOf {
  /** A key of LEG_SORTS, descending with a leading '-'; without one, the timeline (listLegs). */
  sort?: string;
  /**
   * Show the legs as counted (COUNTED_LEGS): ends lost in the air filled from the next take-off.
   * Either way the filter picks the legs as counted.
   */
  counted?: boolean;
}

/** Sort keys and the column each sorts by. */
export const LEG_SORTS: Record<LegSortKey, string> = {
  departure: 'dep_time',
  arrival: 'arr_time',
  registration: 'registration',
  operator: 'operator',
  kind: 'kind',
  from: 'dep_airport',
  to: 'arr_airport',
  country: 'arr_country',
};
export { LEG_SORT_VALUES };

/** SQL for a leg's time on the timeline: departure, else arrival, else its day. */
export const LEG_TIME = `coalesce(dep_time, arr_time, leg_date::TIMESTAMPTZ)`;

/** WHERE clause and parameters for a filter over `legs`. */
export function legWhere({ from, to, aircraft, country, arrivalCountry, airport, mission, kind, possibleOf }: LegFilter): { sql: string; params: unknown[] } {
  // A leg merged into another (src/tracks/merge.ts) is that leg's source, never a flight of its own.
  const where: string[] = ['merged_into IS NULL'];
  const params: unknown[] = [];
  if (from) { where.push(`${LEG_TIME} >= ?::TIMESTAMPTZ`); params.push(from); }
  if (to) { where.push(`${LEG_TIME} < ?::TIMESTAMPTZ`); params.push(to); }
  if (aircraft?.length) {
    // A registration and its ICAO address find the same legs: each value stands for both (the FAA
    // rule, else the fleet registry); registrations are compared in capitals, however a source wrote them.
    const match = aircraftSql(aircraft);
    where.push(match.sql);
    params.push(...match.params);
  }
  if (country) { where.push(`(dep_country = ? OR arr_country = ?)`); params.push(country, country); }
  if (arrivalCountry) { where.push(`arr_country = ?`); params.push(arrivalCountry); }
  if (airport) { where.push(`(dep_airport = ? OR arr_airport = ?)`); params.push(airport, airport); }
  if (mission !== undefined) { where.push(`mission_id = ?`); params.push(mission); }
  if (kind) { where.push(`kind = ?`); params.push(kind); }
  if (possibleOf) { where.push(`kind = 'possible' AND candidate_kind = ?`); params.push(possibleOf); }
  return { sql: `WHERE ${where.join(' AND ')}`, params };
}

/**
 * The legs, as recorded, that a filter picks when they are read as counted (COUNTED_LEGS): a leg
 * lost in the air on the way to Honduras is listed under Honduras, as it is counted there, with
 * its arrival shown as the data give it (unknown).
 */
function matching(filter: LegFilter): { from: string; params: unknown[] } {
  const { sql, params } = legWhere(filter);
  // Only a filter on an end (country, airport) can pick differently from the recorded legs.
  const onEnds = filter.country !== undefined || filter.arrivalCountry !== undefined || filter.airport !== undefined;
  return { from: onEnds ? `legs WHERE id IN (SELECT id FROM ${COUNTED_LEGS} ${sql})` : `legs ${sql}`, params };
}

/** How many legs match a filter (read as counted, as `listLegs` and `countFlights` read them). */
export async function countLegs(store: Store, filter: LegFilter = {}): Promise<number> {
  const { from, params } = matching(filter);
  return Number(await store.value(`SELECT count(*) FROM ${from}`, params as never));
}

/** The legs matching a filter, in time order unless a sort key is given, optionally a page of them. */
export async function listLegs(store: Store, filter: LegFilter = {}, { sort, limit, offset, counted = false }: LegListing = {}): Promise<LegView[]> {
  const where = legWhere(filter);
  const picked = counted ? { from: `${COUNTED_LEGS} ${where.sql}`, params: where.params } : matching(filter);
  const page = pageSql({ limit, offset });
  const rows = await store.all<Record<string, any>>(
    `SELECT *, strftime(dep_time AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS dep_iso, strftime(arr_time AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS arr_iso,
            leg_date::VARCHAR AS day,
            (SELECT list({'legId': m.member_id, 'origin': m.origin, 'sourceId': m.source_id, 'file': ${shownSourceNameSql('s.path')}, 'format': s.format, 'line': m.line}
                         ORDER BY m.origin <> 'adsb', s.format, m.source_id, m.line)
             FROM leg_sources m LEFT JOIN sources s ON s.id = m.source_id WHERE m.leg_id = legs.id) AS leg_sources
     FROM ${picked.from} ORDER BY ${legOrder(sort)}${page.sql}`,
    [...picked.params, ...page.params] as never,
  );
  return rows.map((r) => ({
    icao24: r.icao24,
    registration: r.registration,
    callsign: r.callsign,
    departure: { airport: r.dep_airport, country: r.dep_country, time: r.dep_iso, status: r.dep_status, ...(r.dep_evidence ? { evidence: r.dep_evidence } : {}) },
    arrival: { airport: r.arr_airport, country: r.arr_country, time: r.arr_iso, status: r.arr_status, ...(r.arr_evidence ? { evidence: r.arr_evidence } : {}) },
    kind: r.kind,
    missionId: r.mission_id,
    candidateKind: r.candidate_kind ?? null,
    score: r.score ?? null,
    confidence: r.confidence ?? null,
    reasons: r.reasons ? JSON.parse(r.reasons) : [],
    // A merged leg's evidence says which legs it joins and where each end comes from (or a conflict).
    evidence: [r.evidence, r.merge_evidence].filter(Boolean).map((t: string) => t.replace(/[.;:,]?\s*$/, '')).join('. ') || null,
    aircraftType: r.aircraft_type,
    operator: r.operator,
    date: r.day ?? (r.dep_iso ?? r.arr_iso)?.slice(0, 10) ?? null,
    origin: r.origin,
    sourceId: r.source_id,
    line: r.line,
    id: r.id,
    generated: r.generated,
    sources: ((r.leg_sources ?? []) as LegSourceView[]).map((m) => ({ ...m, file: m.file || null })),
  }));
}

/**
 * The stored rows of the legs `listLegs` lists, in its order, each with its source file and sha256
 * (for exports); a merged leg's are those of every file behind it, joined by "; ".
 */
export function legRows(filter: LegFilter = {}): { sql: string; params: unknown[] } {
  const { from, params } = matching(filter);
  const member = (value: string) => `(SELECT string_agg(${value}, '; ' ORDER BY s.id) FROM leg_sources m JOIN sources s ON s.id = m.source_id WHERE m.leg_id = legs.id)`;
  return {
    sql: `SELECT *, ${member(shownSourceNameSql('s.path'))} AS source_file, ${member('s.sha256')} AS source_sha256
          FROM ${from} ORDER BY ${legOrder(undefined)}`,
    params,
  };
}

/** ORDER BY for a sort key; column names come only from LEG_SORTS. */
function legOrder(sort: string | undefined): string {
  // The timeline: a history's legs of one day in the order flown (its lines run newest first).
  if (sort === undefined) return `${LEG_TIME}, coalesce(icao24, registration), source_id, line DESC, id`;
  const column = LEG_SORTS[sort.replace(/^-/, '') as LegSortKey];
  if (!column) throw usageError(`sort expects one of ${LEG_SORT_VALUES.join(', ')}`);
  return `${column} ${sort.startsWith('-') ? 'DESC' : 'ASC'} NULLS LAST, id`;
}

/** A table for the terminal: one leg a line. */
export function renderLegsText(legs: LegView[]): string {
  if (legs.length === 0) return 'no legs match\n';
  const lines = legs.map((l) =>
    [
      l.date ?? '',
      (l.registration ?? l.icao24 ?? '?').padEnd(7),
      (l.callsign ?? '').padEnd(8),
      `${l.departure.airport ?? '????'} ${hhmm(l.departure.time)} → ${l.arrival.airport ?? '????'} ${hhmm(l.arrival.time)}`,
      `${(l.kind ?? '-').padEnd(8)}`,
      l.missionId ? `mission ${l.missionId}` : '',
      ...(l.sources.length > 1 ? [`${l.sources.length} sources`] : []),
      ...(l.generated ? ['GENERATED'] : []),
    ].join('  '),
  );
  const made = legs.filter((l) => l.generated).length;
  const note = made ? `; ${made === legs.length ? 'all' : made} GENERATED (synthetic demo data, not observed)` : '';
  return `${lines.join('\n')}\n${legs.length} leg(s)${note}; times UTC; "--json" gives the evidence for each kind\n`;
}

const hhmm = (iso: string | null) => (iso ? iso.slice(11, 16) : '--:--');

/** CSV, one leg a row, RFC 4180 quoting and the formula guard (src/export/csv.ts). */
export function legsCsv(legs: LegView[]): string {
  const header = ['icao24', 'registration', 'callsign', 'date', 'dep_airport', 'dep_country', 'dep_time', 'dep_status', 'arr_airport', 'arr_country', 'arr_time', 'arr_status', 'kind', 'mission_id', 'evidence', 'generated'];
  const rows = legs.map((l) =>
    csvRow([l.icao24, l.registration, l.callsign, l.date, l.departure.airport, l.departure.country, l.departure.time, l.departure.status, l.arrival.airport, l.arrival.country, l.arrival.time, l.arrival.status, l.kind, l.missionId, l.evidence, l.generated]),
  );
  return `${[csvRow(header), ...rows].join('\n')}\n`;
}

/** GeoJSON FeatureCollection: a great-circle-free straight LineString between the two airports (null geometry when an end is unknown). */
export function legsGeoJson(legs: LegView[]): string {
  const features = legs.map((l) => {
    const a = l.departure.airport ? airportByCode(l.departure.airport) : undefined;
    const b = l.arrival.airport ? airportByCode(l.arrival.airport) : undefined;
    const { evidence, ...properties } = l;
    return {
      type: 'Feature',
      geometry: a && b ? { type: 'LineString', coordinates: [[a.lon, a.lat], [b.lon, b.lat]] } : null,
      properties: { ...properties, evidence },
    };
  });
  return `${JSON.stringify({ type: 'FeatureCollection', features }, null, 2)}\n`;
}

/** KML: one Placemark with a LineString per leg whose two airports are known. */
export function legsKml(legs: LegView[]): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const marks = legs.flatMap((l) => {
    const a = l.departure.airport ? airportByCode(l.departure.airport) : undefined;
    const b = l.arrival.airport ? airportByCode(l.arrival.airport) : undefined;
    if (!a || !b) return [];
    const name = `${l.generated ? 'GENERATED ' : ''}${l.registration ?? l.icao24 ?? '?'} ${l.callsign ?? ''} ${a.icao} → ${b.icao} ${l.date ?? ''}`.replace(/\s+/g, ' ').trim();
    return [
      `  <Placemark>\n    <name>${esc(name)}</name>\n    <description>${esc(`${l.kind ?? 'unclassified'}: ${l.evidence ?? ''}`)}</description>\n` +
        (l.departure.time ? `    <TimeSpan><begin>${l.departure.time}</begin>${l.arrival.time ? `<end>${l.arrival.time}</end>` : ''}</TimeSpan>\n` : '') +
        `    <LineString><tessellate>1</tessellate><coordinates>${a.lon},${a.lat},0 ${b.lon},${b.lat},0</coordinates></LineString>\n  </Placemark>`,
    ];
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">\n<Document>\n  <name>charterwatch legs</name>\n${marks.join('\n')}\n</Document>\n</kml>\n`;
}
