import { continentOf, readAggregates, readArtsDistribution, readObservedHeadcounts, type Aggregate, type ObservedHeadcount, AGGREGATES_FILE, ARTS_FILE, OBSERVED_FILE } from './passengers-data.ts';
import { quantile, splitObservations, yakimaObservations, YAKIMA_FILE, type YakimaObservation } from './passengers-yakima.ts';

/**
 * The headcount of a mission: how many people a removal or transfer flight carries, modelled
 * from what drives it (the kind of mission, where it goes, when) and not from the aircraft the
 * contractor happened to send. Seats only cap it (passengers.ts applies the cap).
 *
 * Four models, each fitted on published figures (data/passengers/, data/observations/):
 * - short-haul regional removal (a destination in the Americas): people dropped off per
 *   mission at the destination airport in ICE's ARTS records FY2011–May 2019 (Guatemala,
 *   Honduras, El Salvador; their pool elsewhere in the Americas), times the period factor;
 * - long-haul removal (a destination outside the Americas): the median of published
 *   headcounts of long-haul removal flights, brought to the baseline by their period factor;
 * - lateral (to a border airport for a land removal to Mexico): people dropped off per
 *   mission at the border airports in ARTS, times the period factor;
 * - domestic transfer: the Yakima volunteer counts, by year (2019; 2020–2021).
 * The period factor is Guatemala's own count of people per deportation flight from the US in
 * the period (Instituto Guatemalteco de Migración) over the ARTS baseline to Guatemala.
 * The three ARTS-based models take their 80% interval from the spread of ARTS missions
 * (quartiles 94 and 142 people: a log-normal with the same quartiles); the domestic model
 * from the Yakima counts' own percentiles.
 */

export const HEADCOUNT_MODELS = ['short-haul-removal', 'long-haul-removal', 'lateral', 'domestic-transfer'] as const;
export type HeadcountModel = (typeof HEADCOUNT_MODELS)[number];

export const MODEL_NAMES: Record<HeadcountModel, string> = {
  'short-haul-removal': 'short-haul regional removal (Americas)',
  'long-haul-removal': 'long-haul removal (outside the Americas)',
  lateral: 'lateral (to a border airport for a land removal)',
  'domestic-transfer': 'domestic transfer',
};

/** A period and its factor on the FY2011–May 2019 baseline. */
export interface Period {
  label: string;
  factor: number;
  figure: string | null;
}

export interface Headcount {
  model: HeadcountModel;
  /** Point (median) and 80% interval, in people, before any seat cap. */
  point: number;
  low: number;
  high: number;
  period: Period;
  /** What the base was and how much it is, in words. */
  base: string;
  sources: string[];
}

/** The leg kinds a model answers for, and why the others have no model. */
export function modelFor(kind: string | null | undefined, country: string | null | undefined): { model: HeadcountModel | null; note: string | null } {
  switch (kind ?? 'removal') {
    case 'removal':
    case 'foreign': {
      if (!country) return { model: 'short-haul-removal', note: 'destination not given: the regional (Americas) model' };
      const continent = continentOf(country);
      return { model: continent === 'NA' || continent === 'SA' ? 'short-haul-removal' : 'long-haul-removal', note: null };
    }
    case 'lateral':
      return { model: 'lateral', note: null };
    case 'domestic':
      return { model: 'domestic-transfer', note: null };
    case 'return':
      return { model: null, note: 'a return leg carries no one being removed: ARTS counts the people dropped off abroad, not the crew and guards flying back' };
    case 'unclassified':
      return { model: null, note: 'the leg has no kind (an end of it is unknown), so no model answers for it' };
    default:
      return { model: null, note: `no headcount model for a leg of kind "${kind}": it is not the program's work` };
  }
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The spread of ARTS missions as a log-normal: σ from the quartiles, and the 10th–90th percentile multiplier. */
export function artsSpread(): { sigma: number; multiplier: number; q25: number; q75: number } {
  const d = readArtsDistribution();
  const q25 = d.get('q25')!;
  const q75 = d.get('q75')!;
  const sigma = Math.log(q75 / q25) / (2 * 0.6744897501960817);
  return { sigma, multiplier: Math.exp(1.2815515655446004 * sigma), q25, q75 };
}

function baselineGuatemala(): Aggregate {
  const row = readAggregates().find((a) => a.use === 'short-haul-base' && a.country === 'GT');
  if (!row) throw new Error(`data/${AGGREGATES_FILE}: no short-haul-base row for GT (the period factors are relative to it)`);
  return row;
}

/** The period a day falls in, with its factor; before the first period (and without a date) the ARTS baseline. */
export function periodOf(day: string | null | undefined): Period {
  const baseline = baselineGuatemala();
  const periods = readAggregates().filter((a) => a.use === 'period').sort((a, b) => a.from.localeCompare(b.from));
  const d = day?.slice(0, 10);
  if (!d) return { label: 'no date given: the FY2011–May 2019 baseline', factor: 1, figure: null };
  if (periods.length === 0 || d < periods[0]!.from) return { label: 'before 2020: the FY2011–May 2019 baseline', factor: 1, figure: null };
  const p = periods.find((x) => x.from <= d && d <= x.to) ?? periods.at(-1)!;
  const after = d > p.to ? ` (the latest published period, used for ${d})` : '';
  return { label: `${p.from} to ${p.to}${after}: ${round1(p.perFlight)} people a flight to Guatemala against ${round1(baseline.perFlight)} in FY2011–May 2019`, factor: p.perFlight / baseline.perFlight, figure: p.figure };
}

function pooled(rows: Aggregate[]): { perFlight: number; people: number; flights: number } {
  const people = rows.reduce((a, r) => a + r.people, 0);
  const flights = rows.reduce((a, r) => a + r.flights, 0);
  return { perFlight: people / flights, people, flights };
}

function logNormal(center: number): { point: number; low: number; high: number } {
  const m = artsSpread().multiplier;
  return { point: Math.round(center), low: Math.round(center / m), high: Math.round(center * m) };
}

/** The long-haul fit: published headcounts brought to the baseline by their period factor, and their median. */
export interface LongHaulFit {
  flights: ObservedHeadcount[];
  baseline: number;
}

export function isLongHaul(o: { country: string | null; kind: string | null }): boolean {
  return !!o.country && (o.kind ?? 'removal') === 'removal' && modelFor('removal', o.country).model === 'long-haul-removal';
}

export function fitLongHaul(flights: ObservedHeadcount[] = readObservedHeadcounts().filter(isLongHaul)): LongHaulFit {
  if (flights.length === 0) throw new Error(`data/${OBSERVED_FILE}: no long-haul headcounts to fit on`);
  const normalised = flights.map((f) => f.people / periodOf(f.date).factor).sort((a, b) => a - b);
  return { flights, baseline: quantile(normalised, 0.5) };
}

/** The domestic fit: percentiles of the Yakima counts kept for the fit, by year group. */
export interface DomesticFit {
  fit: number;
  bins: { label: string; years: [number, number]; n: number; low: number; mid: number; high: number }[];
  all: { low: number; mid: number; high: number };
}

export function fitDomestic(fit: YakimaObservation[] = splitObservations(yakimaObservations()).fit): DomesticFit {
  const bin = (label: string, years: [number, number]) => {
    const people = fit.filter((o) => o.year >= years[0] && o.year <= years[1]).map((o) => o.people).sort((a, b) => a - b);
    return { label, years, n: people.length, low: quantile(people, 0.1), mid: quantile(people, 0.5), high: quantile(people, 0.9) };
  };
  const all = fit.map((o) => o.people).sort((a, b) => a - b);
  return {
    fit: fit.length,
    bins: [bin('2019', [2019, 2019]), bin('2020–2021', [2020, 2021])],
    all: { low: quantile(all, 0.1), mid: quantile(all, 0.5), high: quantile(all, 0.9) },
  };
}

export interface Fits {
  longHaul?: LongHaulFit;
  domestic?: DomesticFit;
}

let defaults: { longHaul: LongHaulFit; domestic: DomesticFit } | undefined;

/** The fits on all the shipped figures (computed once). */
export function defaultFits(): { longHaul: LongHaulFit; domestic: DomesticFit } {
  if (!defaults) defaults = { longHaul: fitLongHaul(), domestic: fitDomestic() };
  return defaults;
}

/**
 * The headcount of one foreign drop of a removal mission (or of one transfer or lateral leg).
 * @example headcount('short-haul-removal', { country: 'GT', date: '2020-02-10' }) // { point: 91, low: 62, high: 135, … }
 */
export function headcount(model: HeadcountModel, { country, date }: { country?: string | null; date?: string | null }, fits: Fits = {}): Headcount {
  const aggregates = readAggregates();
  const arts = `data/${ARTS_FILE} (ICE ARTS FY2011–May 2019 via UWCHR/ice-air)`;
  const spread = artsSpread();
  const spreadWords = `80% interval from the spread of ARTS missions (quartiles ${spread.q25}–${spread.q75} people: ×/÷ ${spread.multiplier.toFixed(2)})`;
  if (model === 'domestic-transfer') {
    const fit = fits.domestic ?? defaultFits().domestic;
    const year = date ? Number(date.slice(0, 4)) : null;
    const bin = year === null ? null : (fit.bins.find((b) => year <= b.years[1]) ?? fit.bins.at(-1)!);
    // Without a date: the percentiles over every fitted count.
    const values = bin ?? fit.all;
    return {
      model,
      point: Math.round(values.mid),
      low: Math.round(values.low),
      high: Math.round(values.high),
      period: { label: bin ? `Yakima counts of ${bin.label}${year! > bin.years[1] ? ` (the latest, used for ${year})` : ''}` : 'no date given: Yakima counts of 2019–2021', factor: 1, figure: null },
      base: `median and 10th–90th percentiles of ${bin ? bin.n : fit.fit} Yakima (KYKM) volunteer counts${bin ? ` of ${bin.label}` : ''} kept for the fit (people boarded or deplaned, the larger)`,
      sources: [`data/${YAKIMA_FILE} (UWCHR/ice-air)`],
    };
  }
  const period = periodOf(date);
  const periodSource = period.figure ? [`data/${AGGREGATES_FILE} row ${period.figure} (Instituto Guatemalteco de Migración)`] : [];
  if (model === 'long-haul-removal') {
    const fit = fits.longHaul ?? defaultFits().longHaul;
    const v = logNormal(fit.baseline * period.factor);
    return {
      model,
      ...v,
      period,
      base: `${round1(fit.baseline)} people a flight at the baseline: the median of ${fit.flights.length} published headcounts of long-haul removal flights (${fit.flights.map((f) => `${f.country} ${f.date}: ${f.people}`).join(', ')}), each divided by its period factor; ${spreadWords}`,
      sources: [`data/${OBSERVED_FILE} (DHS, ICE and receiving countries' published headcounts)`, ...periodSource, arts],
    };
  }
  // A lateral leg, or a short-haul drop: people dropped off per arriving mission in ARTS, pooled
  // over the airports that stand for it (a short-haul country with its own figure: that one).
  const own = model === 'lateral' ? undefined : aggregates.find((a) => a.use === 'short-haul-base' && a.country === country?.toUpperCase());
  const rows = own ? [own] : aggregates.filter((a) => a.use === (model === 'lateral' ? 'lateral-base' : 'short-haul-base'));
  const p = pooled(rows);
  const where =
    model === 'lateral' ? `people dropped off per arriving mission at ${rows.map((r) => r.airport).join(', ')}`
    : own ? `people dropped off per arriving mission at ${own.airport} (${own.country})`
    : `the pool of ${rows.map((r) => `${r.airport} (${r.country})`).join(', ')}`;
  const unseparated = model !== 'lateral' && !own ? `; no published figure separates ${country ?? 'this destination'}` : '';
  return {
    model,
    ...logNormal(p.perFlight * period.factor),
    period,
    base: `${round1(p.perFlight)} people a mission at the baseline: ${where} in ARTS FY2011–May 2019 (${p.people.toLocaleString('en-US')} on ${p.flights.toLocaleString('en-US')})${unseparated}; ${spreadWords}`,
    sources: [`data/${AGGREGATES_FILE} row${rows.length > 1 ? 's' : ''} ${rows.map((r) => r.figure).join(', ')} (ICE ARTS via UWCHR/ice-air)`, ...periodSource, arts],
  };
}
