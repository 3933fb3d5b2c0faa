import { countryByCode } from '../countries/countries.ts';
import { fiscalYearMonths } from '../ingest/fiscal.ts';
import type { Store } from '../store/store.ts';
import { cooperationAnswer, type CooperationAnswer } from './cooperation.ts';
import { encountersAnswer, type EncountersAnswer } from './encounters.ts';
import { removalsAnswer, type RemovalsAnswer } from './removals.ts';
import { seatsForType } from '../fleet/seats.ts';
import { estimateLeg, sumEstimates, typicalSeats, type PassengerEstimate } from './passengers.ts';
import { crossCheck, type PassengerCrossCheck } from './passengers-crosscheck.ts';
import type { SourceRef } from './provenance.ts';
import { citeLegSources } from '../query/leg-sources.ts';
import { legSpan } from '../query/legs.ts';
import { latestEncounterYear } from '../query/statistics.ts';
import { fiscalYearOf } from '../ingest/fiscal.ts';
import { listLegs, type LegView } from './legs.ts';
import { countryYears, type CountryYear } from './country-years.ts';
import { countFlights } from './flights.ts';
import { airportByCode } from '../airports/airports.ts';

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
  /** Each fiscal year to the current one: removal flights in the data beside ICE's published removals. */
  years: { rows: CountryYear[]; rule: string };
  /** The name of every airport code the sheet gives, for tables that print the name beside the code. */
  airportNames: Record<string, string>;
  /** Q6: charter removals against encounters in the fiscal year. */
  chartersVsEncounters: { fiscalYear: number; removalFlights: number; estimatedPassengers: { low: number; point: number; high: number } | null; passengerModels: string[]; encounters: number | null; text: string };
  /** The FY's estimated people against ICE's removals of the citizenship that year (ratio where both are loaded, a warning when the estimate exceeds it). */
  passengerCheck: PassengerCrossCheck | null;
  /** How far each statistics dataset the sheet uses reaches, from the data: "CBP Nationwide Encounters data end 2024-09". */
  reach: string[];
  notes: string[];
  sources: SourceRef[];
}

/** A leg in the sheet's shape. */
const toFlight = (l: LegView): RemovalFlight => ({
  legId: l.id,
  missionId: l.missionId,
  icao24: l.icao24,
  registration: l.registration,
  aircraftType: l.aircraftType,
  operator: l.operator,
  callsign: l.callsign,
  departure: l.departure,
  arrival: l.arrival,
  origin: l.origin,
  generated: l.generated,
  evidence: l.evidence,
});

/** When a leg flew: its departure, else its arrival, else the day its record gives (a history without times). */
const whenOf = (l: LegView) => l.departure.time ?? l.arrival.time ?? l.date ?? '';

/** No flight lasts 36 hours: a leg that landed in the 36 hours before a take-off left in the 72 hours before it. */
const POSITIONING_HOURS = 36;

/**
 * The country sheet: questions 1–6 of DESIGN.md for one country, each figure with its sources.
 * Removal flights are legs classified `removal` whose arrival is in the country.
 */
export async function countrySheet(store: Store, { country, fiscalYear, through }: { country: string; fiscalYear?: number; through?: string }): Promise<CountrySheet> {
  // Removal legs into the country, newest first, counting a leg lost in a coverage hole for where
  // the aircraft next took off, as the classification decided (as counted, like `flights count`).
  const legs = (await listLegs(store, { kind: 'removal', arrivalCountry: country }, { counted: true })).reverse();
  const latestLeg = legs[0] ?? null;
  // The previous flight is the latest one of another mission (a mission may have two legs into the country).
  const previous = latestLeg ? (legs.find((l) => l !== latestLeg && (l.missionId === null || l.missionId !== latestLeg.missionId)) ?? null) : null;
  const dataBegins = (await legSpan(store))?.first.slice(0, 10) ?? null;
  const name = countryByCode(country)?.name ?? country;
  let latest: CountrySheet['latest'] = null;
  if (latestLeg) {
    const missionLegs = latestLeg.missionId === null ? [latestLeg] : await listLegs(store, { mission: latestLeg.missionId });
    // A mission leaves from the last US airport; the aircraft usually positioned there from a
    // staging airport (KAEX → PANC → ZBAA). Legs of the same aircraft into the mission's first
    // airport within 36 hours before it are shown as its positioning legs.
    const first = missionLegs[0]!;
    const start = first.departure.time ? Date.parse(first.departure.time) : NaN;
    const hours = (n: number) => n * 3_600_000;
    const positioning = first.departure.time && first.icao24 && first.departure.airport
      ? (await listLegs(store, { aircraft: [first.icao24], from: new Date(start - hours(2 * POSITIONING_HOURS)).toISOString(), to: new Date(start + 1000).toISOString() }))
          .filter((l) => {
            const landed = l.arrival.time ? Date.parse(l.arrival.time) : NaN;
            return l.icao24 === first.icao24 && l.arrival.airport === first.departure.airport && landed <= start && landed > start - hours(POSITIONING_HOURS)
              && (l.missionId === null || l.missionId !== (latestLeg.missionId ?? -1));
          })
      : [];
    const all = [...positioning, ...missionLegs];
    latest = {
      ...toFlight(latestLeg),
      missionLegs: all.map((l) => ({ legId: l.id, kind: l.kind, departure: l.departure, arrival: l.arrival })),
      usDepartureAirports: [...new Set(all.filter((l) => l.departure.country === 'US' && l.departure.airport).map((l) => l.departure.airport!))],
    };
  }
  const gapDays = latestLeg && previous ? Math.round((Date.parse(whenOf(latestLeg)) - Date.parse(whenOf(previous))) / 86_400_000) : null;
  const firstSince = !latestLeg
    ? { text: `No removal flight to ${name} in the data${dataBegins ? ` (which begin ${dataBegins})` : ''}.`, gapDays: null, dataBegins }
    : previous
      ? { text: `The latest removal flight to ${name} (${whenOf(latestLeg).slice(0, 10)}) is the first since ${whenOf(previous).slice(0, 10)}, ${gapWords(gapDays!)}.`, gapDays, dataBegins }
      : { text: `The latest removal flight to ${name} (${whenOf(latestLeg).slice(0, 10)}) is the only one in the data, which begin ${dataBegins}: no earlier one is recorded there.`, gapDays: null, dataBegins };

  const count = (key: (f: LegView) => string | null) => {
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
  const passengers = latestLeg ? estimateLeg(latestLeg, seats) : null;
  // Every removal flight of the fiscal year, each estimated for its destination and day, capped by its own aircraft's seats.
  const estimateOf = (f: LegView) => estimateLeg(f, seats);

  const encountersFy = fiscalYear ?? (latestLeg ? fiscalYearOf(whenOf(latestLeg).slice(0, 7)) : await latestEncounterYear(store, 'cbp-nationwide'));
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
  const unestimated = fyEstimates.filter((e) => e.passengers === null).length;
  if (unestimated) notes.push(`${unestimated} removal flight(s) of FY${encountersFy} have no passenger estimate: ${fyEstimates.find((e) => e.passengers === null)!.method}.`);
  // Summing the 10th and 90th percentiles of each flight gives a wide, conservative interval.
  const sum = sumEstimates(fyEstimates);
  const estimatedPassengers = sum ? { low: sum.low, point: sum.point, high: sum.high } : null;
  const passengerModels = sum?.models ?? [];
  const modelWords = passengerModels.length ? `; ${passengerModels.join(' and ')} model` : '';
  const passengerCheck = estimatedPassengers && encountersFy
    ? crossCheck({ fiscalYear: encountersFy, citizenship: country, countryName: name, estimate: estimatedPassengers }, removals)
    : null;
  if (passengerCheck?.warning) notes.push(`Cross-check: ${passengerCheck.warning}.`);
  // A citizenship CBP does not name has no encounters figure, not zero encounters.
  const named = (encounters?.sources.length ?? 0) > 0;
  const chartersVsEncounters = {
    fiscalYear: encountersFy ?? 0,
    removalFlights: fyFlights.length,
    estimatedPassengers,
    passengerModels,
    encounters: named && encounters ? encounters.total : null,
    text: !named && encounters
      ? `FY${encountersFy}: ${fyFlights.length} removal flight(s) to ${name}${estimatedPassengers ? ` carrying an estimated ${estimatedPassengers.point.toLocaleString('en-US')} people (80% interval ${estimatedPassengers.low.toLocaleString('en-US')}–${estimatedPassengers.high.toLocaleString('en-US')}${modelWords})` : ''}; CBP's encounter data do not name ${name} citizens (they are counted under OTHER), so there is no encounters figure to set them against.`
      : named && encounters && estimatedPassengers
      ? `FY${encountersFy}: ${fyFlights.length} removal flight(s) to ${name} carrying an estimated ${estimatedPassengers.point.toLocaleString('en-US')} people (80% interval ${estimatedPassengers.low.toLocaleString('en-US')}–${estimatedPassengers.high.toLocaleString('en-US')}${modelWords}), against ${encounters.total.toLocaleString('en-US')} encounters of ${name} citizens through ${encounters.through}: about ${((estimatedPassengers.point / Math.max(1, encounters.total)) * 100).toFixed(1)}%.`
      : `FY${encountersFy ?? '?'}: ${fyFlights.length} removal flight(s) to ${name} in the data${estimatedPassengers ? ` carrying an estimated ${estimatedPassengers.point.toLocaleString('en-US')} people (80% interval ${estimatedPassengers.low.toLocaleString('en-US')}–${estimatedPassengers.high.toLocaleString('en-US')}${modelWords})` : ''}; ${encounters ? `${encounters.total.toLocaleString('en-US')} encounters` : 'no encounters figure'}.`,
  };
  if (legs.some((l) => l.generated)) notes.push('Some flights on this sheet are GENERATED (synthetic demo data), not observed: see each flight\'s "generated" flag.');
  const legSources = await citeLegSources(store, { kind: 'removal', arrivalCountry: country });
  const dataMonths = (await countFlights(store, { by: 'month', cite: false })).rows.map((r) => r.key).filter((m) => /^\d{4}-\d{2}$/.test(m));
  const years = countryYears({ byMonth, dataMonths, removals });
  const codes = new Set<string>();
  for (const l of [...legs, ...(latest ? latest.missionLegs : [])]) for (const a of [l.departure.airport, l.arrival.airport]) if (a) codes.add(a);
  const airportNames = Object.fromEntries([...codes].sort().flatMap((c) => { const a = airportByCode(c); return a ? [[c, a.name]] : []; }));
  return {
    country,
    countryName: name,
    fiscalYear: encountersFy ?? 0,
    removalFlights: legs.map(toFlight),
    latest,
    previous: previous && toFlight(previous),
    firstSince,
    byMonth,
    byOperator,
    byDepartureAirport,
    passengers,
    encounters,
    cooperation,
    removals,
    years,
    airportNames,
    chartersVsEncounters,
    passengerCheck,
    reach: [...(encounters ? [encounters.reach] : []), removals.reach],
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

/** How long before the latest flight the previous one was: "the same day", "1 day earlier", "45 days earlier", "400 days (1.1 years) earlier". */
export function gapWords(days: number): string {
  if (days < 1) return 'earlier the same day';
  if (days === 1) return '1 day earlier';
  if (days < 365) return `${days} days earlier`;
  return `${days.toLocaleString('en-US')} days (${(days / 365.25).toFixed(1)} years) earlier`;
}
