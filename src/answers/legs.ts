import { airportByCode } from '../airports/airports.ts';
import type { LegFilter } from '../query/filter.ts';
import { selectLegs, type LegListing } from '../query/leg-rows.ts';
import type { Store } from '../store/store.ts';
import { LEG_KINDS, type LegKind } from '../tracks/classify.ts';

export { LEG_KINDS, type LegKind };

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

export { LEG_SORTS, LEG_SORT_VALUES, type LegListing } from '../query/leg-rows.ts';
export { countLegs } from '../query/legs.ts';
export { LEG_TIME, type LegFilter } from '../query/filter.ts';

/** The legs matching a filter, in time order unless a sort key is given, optionally a page of them. */
export async function listLegs(store: Store, filter: LegFilter = {}, listing: LegListing = {}): Promise<LegView[]> {
  return (await selectLegs(store, filter, listing)).map((r) => ({
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
    evidence: [r.evidence, r.merge_evidence].filter((t): t is string => Boolean(t)).map((t) => t.replace(/[.;:,]?\s*$/, '')).join('. ') || null,
    aircraftType: r.aircraft_type,
    operator: r.operator,
    date: r.day ?? (r.dep_iso ?? r.arr_iso)?.slice(0, 10) ?? null,
    origin: r.origin,
    sourceId: r.source_id,
    line: r.line,
    id: r.id,
    generated: r.generated,
    sources: (r.leg_sources ?? []).map((m) => ({ ...m, file: m.file || null })),
  }));
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
