import { countryByCode } from '../countries/countries.ts';
import { fiscalYearMonths } from '../ingest/fiscal.ts';
import type { Store } from '../store/store.ts';
import { cooperationAnswer, type CooperationAnswer } from './cooperation.ts';
import { encountersAnswer, type EncountersAnswer } from './encounters.ts';
import { removalsAnswer, type RemovalsAnswer } from './removals.ts';
import { seatsForType } from '../fleet/seats.ts';
import { estimatePassengers, typicalSeats, type PassengerEstimate } from './passengers.ts';
import { citeSources, type SourceRef } from './provenance.ts';
import { COUNTED_LEGS } from './flights.ts';

/** One removal leg to the country, with the mission it belongs to. */
export interface RemovalFlight {
  legId: number;
  missionId: number | null;
  icao24: string | null;
  registration: string | null;
  aircraftType: string | null;
  operator: string | null;
  callsign: string | null;
  departure: { airport: string | null; country: string | null; time: string | null; status: string };
  arrival: { airport: string | null; country: string | null; time: string | null; status: string };
  origin: string;
  generated: boolean;
  evidence: string | null;
}

export interface MissionLeg {
  legId: number;
  kind: string | null;
  departure: { airport: string | null; country: string | null; time: string | null; status: string };
  arrival: { airport: string | null; country: string | null; time: string | null; status: string };
}

export interface CountrySheet {
  country: string;
  countryName: string;
  fiscalYear: number;
  /** Q1: every removal leg to the country in the data, newest first. */
  removalFlights: RemovalFlight[];
  latest: (RemovalFlight & { missionLegs: MissionLeg[]; usDepartureAirports: string[] }) | null;
  previous: RemovalFlight | null;
  /** "First since" statement computed from the data. */
  firstSince: { text: string; gapDays: number | null; dataBegins: string | null };
  byMonth: { month: string; flights: number }[];
  byOperator: { operator: string; flights: number }[];
  byDepartureAirport: { airport: string; flights: number }[];
  /** Q2: people on board the latest removal flight. */
  passengers: PassengerEstimate | null;
  /** Q4 */
  encounters: EncountersAnswer | null;
  /** Q5 */
  cooperation: CooperationAnswer;
  /** ICE removals where published. */
  removals: RemovalsAnswer;
  /** Q6: charter removals against encounters in the fiscal year. */
  chartersVsEncounters: { fiscalYear: number; removalFlights: number; estimatedPassengers: { low: number; point: number; high: number } | null; encounters: number | null; text: string };
  notes: string[];
  sources: SourceRef[];
}

const LEG_COLUMNS = `l.id, l.mission_id, l.icao24, l.registration, l.aircraft_type, l.operator, l.callsign, l.origin, l.generated, l.evidence, l.kind,
  l.dep_airport, l.dep_country, strftime(l.dep_time AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS dep_time, l.dep_status,
  l.arr_airport, l.arr_country, strftime(l.arr_time AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS arr_time, l.arr_status`;

interface LegRow {
  id: number; mission_id: number | null; icao24: string | null; registration: string | null; aircraft_type: string | null; operator: string | null;
  callsign: string | null; origin: string; generated: boolean; evidence: string | null; kind: string | null;
  dep_airport: string | null; dep_country: string | null; dep_time: string | null; dep_status: string;
  arr_airport: string | null; arr_country: string | null; arr_time: string | null; arr_status: string;
}

const toFlight = (r: LegRow): RemovalFlight => ({
  legId: r.id,
  missionId: r.mission_id,
  icao24: r.icao24,
  registration: r.registration,
  aircraftType: r.aircraft_type,
  operator: r.operator,
  callsign: r.callsign,
  departure: { airport: r.dep_airport, country: r.dep_country, time: r.dep_time, status: r.dep_status },
  arrival: { airport: r.arr_airport, country: r.arr_country, time: r.arr_time, status: r.arr_status },
  origin: r.origin,
  generated: r.generated,
  evidence: r.evidence,
});

/**
 * The country sheet: questions 1–6 of DESIGN.md for one country, each figure with its sources.
 * Removal flights are legs classified `removal` whose arrival is in the country.
 */
export async function countrySheet(store: Store, { country, fiscalYear, through }: { country: string; fiscalYear?: number; through?: string }): Promise<CountrySheet> {
  // Removal legs into the country, counting a leg lost in a coverage hole for where the aircraft
  // next took off, as the classification decided (COUNTED_LEGS).
  const legs = (await store.all<LegRow>(
    `SELECT ${LEG_COLUMNS} FROM ${COUNTED_LEGS.replace(/ legs$/, ' l')} WHERE l.kind = 'removal' AND l.arr_country = ? ORDER BY coalesce(l.dep_time, l.arr_time) DESC NULLS LAST, l.id DESC`,
    [country],
  )).map(toFlight);
  const latestLeg = legs[0] ?? null;
  // The previous flight is the latest one of another mission (a mission may have two legs into the country).
  const previous = latestLeg ? (legs.find((l) => l !== latestLeg && (l.missionId === null || l.missionId !== latestLeg.missionId)) ?? null) : null;
  const dataBegins = (await store.value<string | null>(`SELECT strftime(min(coalesce(dep_time, arr_time)) AT TIME ZONE 'UTC', '%Y-%m-%d') FROM legs`)) ?? null;
  const whenOf = (f: RemovalFlight) => f.departure.time ?? f.arrival.time ?? '';
  const name = countryByCode(country)?.name ?? country;
  let latest: CountrySheet['latest'] = null;
  if (latestLeg) {
    const missionLegs = latestLeg.missionId === null
      ? [latestLeg]
      : (await store.all<LegRow>(`SELECT ${LEG_COLUMNS} FROM legs l WHERE l.mission_id = ? ORDER BY coalesce(l.dep_time, l.arr_time), l.id`, [latestLeg.missionId])).map(toFlight);
    const kinds = new Map((await store.all<{ id: number; kind: string | null }>(`SELECT id, kind FROM legs WHERE mission_id = ?`, [latestLeg.missionId ?? -1])).map((r) => [r.id, r.kind]));
    // A mission leaves from the last US airport; the aircraft usually positioned there from a
    // staging airport (KAEX → PANC → ZBAA). Legs of the same aircraft into the mission's first
    // airport within 36 hours before it are shown as its positioning legs.
    const first = missionLegs[0]!;
    const positioning = first.departure.time && first.icao24
      ? (await store.all<LegRow>(
          `SELECT ${LEG_COLUMNS} FROM legs l WHERE l.icao24 = ? AND l.arr_airport = ? AND l.arr_time <= ?::TIMESTAMPTZ
             AND l.arr_time > ?::TIMESTAMPTZ - INTERVAL 36 HOUR AND (l.mission_id IS NULL OR l.mission_id <> ?) ORDER BY l.arr_time`,
          [first.icao24, first.departure.airport ?? '', first.departure.time, first.departure.time, latestLeg.missionId ?? -1],
        )).map(toFlight)
      : [];
    const legKind = new Map([...kinds, ...(await store.all<{ id: number; kind: string | null }>(`SELECT id, kind FROM legs WHERE list_contains(?::BIGINT[], id)`, [`[${positioning.map((p) => p.legId).join(',')}]`] as never)).map((r) => [r.id, r.kind] as const)]);
    const all = [...positioning, ...missionLegs];
    latest = {
      ...latestLeg,
      missionLegs: all.map((l) => ({ legId: l.legId, kind: legKind.get(l.legId) ?? 'removal', departure: l.departure, arrival: l.arrival })),
      usDepartureAirports: [...new Set(all.filter((l) => l.departure.country === 'US' && l.departure.airport).map((l) => l.departure.airport!))],
    };
  }
  const gapDays = latestLeg && previous ? Math.round((Date.parse(whenOf(latestLeg)) - Date.parse(whenOf(previous))) / 86_400_000) : null;
  const firstSince = !latestLeg
    ? { text: `No removal flight to ${name} in the data${dataBegins ? ` (which begin ${dataBegins})` : ''}.`, gapDays: null, dataBegins }
    : previous
      ? { text: `The latest removal flight to ${name} (${whenOf(latestLeg).slice(0, 10)}) is the first since ${whenOf(previous).slice(0, 10)}, ${gapDays} days (${(gapDays! / 365.25).toFixed(1)} years) earlier.`, gapDays, dataBegins }
      : { text: `The latest removal flight to ${name} (${whenOf(latestLeg).slice(0, 10)}) is the only one in the data, which begin ${dataBegins}: no earlier one is recorded there.`, gapDays: null, dataBegins };

  const count = (key: (f: RemovalFlight) => string | null) => {
    const m = new Map<string, number>();
    for (const f of legs) {
      const k = key(f) ?? 'unknown';
      m.set(k, (m.get(k) ?? 0) + 1);
    }
    return [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  };
  const byMonth = count((f) => whenOf(f).slice(0, 7)).map(([month, flights]) => ({ month, flights })).sort((a, b) => a.month.localeCompare(b.month));
  const byOperator = count((f) => f.operator).map(([operator, flights]) => ({ operator, flights }));
  const byDepartureAirport = count((f) => f.departure.airport).map(([airport, flights]) => ({ airport, flights }));

  const seats = (type: string) => seatsForType(type) ?? typicalSeats(type);
  const passengers = latestLeg ? estimatePassengers({ aircraftType: latestLeg.aircraftType, kind: 'removal', seats }) : null;
  // Every removal flight of the fiscal year, each estimated from its own aircraft type.
  const estimateOf = (f: RemovalFlight) => estimatePassengers({ aircraftType: f.aircraftType, kind: 'removal', seats });

  const encountersFy = fiscalYear ?? (latestLeg ? fiscalYearOf(whenOf(latestLeg)) : await latestFiscalYear(store));
  let encounters: EncountersAnswer | null = null;
  const notes: string[] = [];
  try {
    encounters = encountersFy ? await encountersAnswer(store, { citizenship: country, fiscalYear: encountersFy, through }) : null;
  } catch (error) {
    notes.push(`Encounters: ${(error as Error).message}`);
  }
  const cooperation = await cooperationAnswer(store, country);
  const removals = await removalsAnswer(store, { citizenship: country });

  const fyMonths = encountersFy ? fiscalYearMonths(encountersFy) : [];
  const lastMonth = encounters?.through ?? fyMonths.at(-1);
  const fyFlights = legs.filter((f) => fyMonths.includes(whenOf(f).slice(0, 7)) && (!lastMonth || whenOf(f).slice(0, 7) <= lastMonth));
  const fyEstimates = fyFlights.map(estimateOf);
  const unknownSeats = fyEstimates.filter((e) => e.passengers === null).length;
  if (unknownSeats) notes.push(`${unknownSeats} removal flight(s) of FY${encountersFy} have no passenger estimate: their aircraft type's seats are not known.`);
  const known = fyEstimates.filter((e) => e.passengers !== null);
  // Summing the 10th and 90th percentiles of each flight gives a wide, conservative interval.
  const estimatedPassengers = known.length
    ? { low: known.reduce((a, e) => a + e.low!, 0), point: known.reduce((a, e) => a + e.passengers!, 0), high: known.reduce((a, e) => a + e.high!, 0) }
    : null;
  const chartersVsEncounters = {
    fiscalYear: encountersFy ?? 0,
    removalFlights: fyFlights.length,
    estimatedPassengers,
    encounters: encounters?.total ?? null,
    text: encounters && estimatedPassengers
      ? `FY${encountersFy}: ${fyFlights.length} removal flight(s) to ${name} carrying an estimated ${estimatedPassengers.point.toLocaleString('en-US')} people (80% interval ${estimatedPassengers.low.toLocaleString('en-US')}–${estimatedPassengers.high.toLocaleString('en-US')}), against ${encounters.total.toLocaleString('en-US')} encounters of ${name} citizens through ${encounters.through}: about ${((estimatedPassengers.point / Math.max(1, encounters.total)) * 100).toFixed(1)}%.`
      : `FY${encountersFy ?? '?'}: ${fyFlights.length} removal flight(s) to ${name} in the data; ${encounters ? `${encounters.total.toLocaleString('en-US')} encounters` : 'no encounters figure'}.`,
  };
  if (legs.some((l) => l.generated)) notes.push('Some flights on this sheet are GENERATED (synthetic demo data), not observed: see each flight\'s "generated" flag.');
  const legSources = await citeSources(
    store,
    `SELECT coalesce(l.source_id, p.source_id) AS source_id, count(*)::BIGINT AS rows FROM ${COUNTED_LEGS.replace(/ legs$/, ' l')}
     LEFT JOIN (SELECT DISTINCT icao24, source_id FROM positions) p ON l.source_id IS NULL AND p.icao24 = l.icao24
     WHERE l.kind = 'removal' AND l.arr_country = ? GROUP BY 1`,
    [country],
  );
  return {
    country,
    countryName: name,
    fiscalYear: encountersFy ?? 0,
    removalFlights: legs,
    latest,
    previous,
    firstSince,
    byMonth,
    byOperator,
    byDepartureAirport,
    passengers,
    encounters,
    cooperation,
    removals,
    chartersVsEncounters,
    notes,
    sources: dedupeSources([...legSources, ...(encounters?.sources ?? []), ...cooperation.sources, ...removals.sources]),
  };
}

function dedupeSources(sources: SourceRef[]): SourceRef[] {
  const seen = new Map<number, SourceRef>();
  for (const s of sources) {
    const had = seen.get(s.sourceId);
    if (had) had.rowsUsed += s.rowsUsed;
    else seen.set(s.sourceId, { ...s });
  }
  return [...seen.values()].sort((a, b) => a.sourceId - b.sourceId);
}

function fiscalYearOf(iso: string): number {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  return m >= 10 ? y + 1 : y;
}

async function latestFiscalYear(store: Store): Promise<number | undefined> {
  return (await store.value<number | null>(`SELECT max(fiscal_year) FROM encounters_effective WHERE dataset = 'cbp-nationwide'`)) ?? undefined;
}
