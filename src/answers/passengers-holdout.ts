import { seatsForType } from '../fleet/seats.ts';
import { readObservedHeadcounts, type ObservedHeadcount } from './passengers-data.ts';
import { fitDomestic, fitLongHaul, headcount, isLongHaul, modelFor, HEADCOUNT_MODELS, MODEL_NAMES, type HeadcountModel } from './passengers-model.ts';
import { quantile, splitObservations, yakimaObservations } from './passengers-yakima.ts';

/**
 * Each model measured on observations it was not fitted on:
 * - domestic transfer: a seeded 30% of the Yakima counts (mulberry32, seed 2024), the model
 *   refitted on the other 70%;
 * - long-haul removal: leave-one-out over the published long-haul headcounts (each flight
 *   predicted by the median of the others);
 * - short-haul regional removal: the published per-flight headcounts of flights to the
 *   Americas (data/passengers/observed-headcounts.csv), none of which the model uses;
 * - lateral: none is public, and the report says so.
 */

export interface HeldOutFlight {
  label: string;
  date: string;
  people: number;
  point: number;
  low: number;
  high: number;
  inside: boolean;
}

export interface ModelValidation {
  model: HeadcountModel;
  name: string;
  /** How the held-out flights were chosen. */
  design: string;
  heldOut: number;
  inside: number;
  coverage: number | null;
  medianAbsError: number | null;
  meanAbsError: number | null;
  flights: HeldOutFlight[];
  /** "80% interval, measured coverage 83% on 6 held-out flights", or why there is none. */
  text: string;
}

const cap = (n: number, seats: number | null | undefined) => (seats ? Math.min(n, seats) : n);

function summarise(model: HeadcountModel, design: string, flights: HeldOutFlight[]): ModelValidation {
  const errors = flights.map((f) => Math.abs(f.point - f.people)).sort((a, b) => a - b);
  const inside = flights.filter((f) => f.inside).length;
  const coverage = flights.length ? Math.round((inside / flights.length) * 1000) / 1000 : null;
  return {
    model,
    name: MODEL_NAMES[model],
    design,
    heldOut: flights.length,
    inside,
    coverage,
    medianAbsError: flights.length ? quantile(errors, 0.5) : null,
    meanAbsError: flights.length ? Math.round((errors.reduce((a, e) => a + e, 0) / errors.length) * 10) / 10 : null,
    flights,
    text: flights.length
      ? `80% interval, measured coverage ${Math.round(coverage! * 100)}% on ${flights.length} held-out flights`
      : '80% interval; no held-out observations to measure its coverage',
  };
}

function scored(label: string, date: string, people: number, e: { point: number; low: number; high: number }, seats: number | null): HeldOutFlight {
  const [point, low, high] = [cap(e.point, seats), cap(e.low, seats), cap(e.high, seats)];
  return { label, date, people, point, low, high, inside: people >= low && people <= high };
}

export function validateDomestic({ seed = 2024, holdOut = 0.3 } = {}): ModelValidation {
  const { fit, heldOut } = splitObservations(yakimaObservations(), { seed, holdOut });
  const domestic = fitDomestic(fit);
  const flights = heldOut.map((o) => scored(`Yakima line ${o.line} (${o.registration})`, o.day, o.people, headcount('domestic-transfer', { date: o.day }, { domestic }), o.seats));
  return summarise('domestic-transfer', `a seeded ${Math.round(holdOut * 100)}% of the Yakima counts (seed ${seed}); fitted on the other ${fit.length}`, flights);
}

const seatsOf = (o: ObservedHeadcount) => (o.type ? (seatsForType(o.type) ?? null) : null);

export function validateLongHaul(observed: ObservedHeadcount[] = readObservedHeadcounts()): ModelValidation {
  const all = observed.filter(isLongHaul);
  const flights = all.length < 2 ? [] : all.map((o, i) => {
    const longHaul = fitLongHaul(all.filter((_, j) => j !== i));
    return scored(`${o.flight} (${o.country})`, o.date, o.people, headcount('long-haul-removal', { country: o.country, date: o.date }, { longHaul }), seatsOf(o));
  });
  return summarise('long-haul-removal', `leave-one-out over ${all.length} published long-haul headcounts (each predicted from the others)`, flights);
}

export function validateShortHaul(observed: ObservedHeadcount[] = readObservedHeadcounts()): ModelValidation {
  const held = observed.filter((o) => (o.kind ?? 'removal') === 'removal' && modelFor('removal', o.country).model === 'short-haul-removal');
  const flights = held.map((o) => scored(`${o.flight} (${o.country ?? '?'})`, o.date, o.people, headcount('short-haul-removal', { country: o.country, date: o.date }), seatsOf(o)));
  return summarise('short-haul-removal', `${held.length} published per-flight headcounts of removal flights to the Americas, not used in the fit`, flights);
}

export function validateLateral(): ModelValidation {
  return summarise('lateral', 'no per-flight headcount of a lateral flight is public', []);
}

let cached: Record<HeadcountModel, ModelValidation> | undefined;

/** Every model's held-out measurement (computed once). */
export function validations(): Record<HeadcountModel, ModelValidation> {
  if (!cached) {
    const list = [validateShortHaul(), validateLongHaul(), validateLateral(), validateDomestic()];
    cached = Object.fromEntries(HEADCOUNT_MODELS.map((m) => [m, list.find((v) => v.model === m)!])) as Record<HeadcountModel, ModelValidation>;
  }
  return cached;
}
