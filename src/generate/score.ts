/**
 * Scores derived legs against the generator's truth: leg precision and recall, and for each end
 * whether the airport is right, by status.
 */
import type { DerivedLeg } from '../tracks/segment.ts';
import { precisionRecall, truthMatcher } from './match.ts';
import type { TruthLeg } from './traffic.ts';

export interface LegScore {
  truthLegs: number;
  derivedLegs: number;
  matched: number;
  precision: number;
  recall: number;
  ends: { observed: number; inferred: number; unknown: number };
  /** Observed ends with the true airport / observed ends. */
  observedRight: number;
  /** Observed or inferred ends with another airport than the true one / observed and inferred ends. */
  wrongAirport: number;
  /** Examples of mistakes, for debugging. */
  mistakes: string[];
}

/**
 * A derived leg matches the truth leg its airborne time overlaps most; each truth leg takes at most
 * one derived leg (a split leg's second piece is a false positive, a merge's lost leg a miss).
 */
export function scoreLegs(truth: TruthLeg[], derived: DerivedLeg[]): LegScore {
  const match = truthMatcher(truth);
  const taken = new Set<TruthLeg>();
  const ends = { observed: 0, inferred: 0, unknown: 0 };
  let observedRight = 0;
  let wrong = 0;
  const mistakes: string[] = [];
  for (const d of derived) {
    const best = match(d.icao24, d.firstSeen, d.lastSeen);
    if (!best || taken.has(best)) {
      mistakes.push(`extra leg ${d.icao24} ${iso(d.firstSeen)}–${iso(d.lastSeen)} ${d.departure.airport?.icao ?? '?'}→${d.arrival.airport?.icao ?? '?'}`);
      continue;
    }
    taken.add(best);
    for (const [end, code] of [[d.departure, best.dep], [d.arrival, best.arr]] as const) {
      ends[end.status]++;
      if (end.status === 'unknown') continue;
      const right = end.airport?.icao === code;
      if (end.status === 'observed' && right) observedRight++;
      if (!right) {
        wrong++;
        mistakes.push(`wrong ${end === d.departure ? 'departure' : 'arrival'} ${d.icao24} ${iso(best.takeoff)} ${best.dep}→${best.arr}: ${end.airport?.icao} (${end.status})`);
      }
    }
  }
  for (const t of truth) if (!taken.has(t)) mistakes.push(`missed leg ${t.icao24} ${iso(t.takeoff)} ${t.dep}→${t.arr}${t.goAround ? ' (go-around)' : ''}`);
  const matched = taken.size;
  return {
    truthLegs: truth.length,
    derivedLegs: derived.length,
    matched,
    ...precisionRecall({ right: matched, claimed: derived.length, found: matched, truth: truth.length }),
    ends,
    observedRight: ends.observed ? observedRight / ends.observed : 1,
    wrongAirport: ends.observed + ends.inferred ? wrong / (ends.observed + ends.inferred) : 0,
    mistakes,
  };
}

function iso(t: number): string {
  return new Date(t * 1000).toISOString().slice(0, 16) + 'Z';
}
