import type { TruthLeg } from './traffic.ts';

/**
 * Matching derived legs to the generator's truth, for the scores of leg derivation
 * (score.ts) and of classification (classify-score.ts).
 */

/** Finds, for a derived leg, the true leg of its aircraft whose airborne time it overlaps most (null: none). */
export function truthMatcher(truth: TruthLeg[]): (icao24: string, takeoff: number, landing: number) => TruthLeg | null {
  const byAircraft = new Map<string, TruthLeg[]>();
  for (const t of truth) (byAircraft.get(t.icao24) ?? byAircraft.set(t.icao24, []).get(t.icao24)!).push(t);
  return (icao24, takeoff, landing) => {
    let best: TruthLeg | null = null;
    let most = 0;
    for (const t of byAircraft.get(icao24) ?? []) {
      const overlap = Math.min(landing, t.landing) - Math.max(takeoff, t.takeoff);
      if (overlap > most) { most = overlap; best = t; }
    }
    return best;
  };
}

/**
 * Precision (right claims / claims) and recall (found / true ones). Nothing claimed means nothing
 * claimed wrongly, and nothing to find means nothing missed: both are then 1.
 */
export function precisionRecall({ right, claimed, found, truth }: { right: number; claimed: number; found: number; truth: number }): { precision: number; recall: number } {
  return { precision: claimed ? right / claimed : 1, recall: truth ? found / truth : 1 };
}
