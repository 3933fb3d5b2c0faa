/** Scores classified legs against a generator's truth (bench/classify.bench.ts and the tests). */
import type { TruthLeg } from './traffic.ts';
import { precisionRecall, truthMatcher } from './match.ts';

/** A classified leg as read back from the store. */
export interface ScoredLeg {
  icao24: string;
  dep: number;
  arr: number;
  kind: string | null;
  dep_airport: string | null;
  arr_airport: string | null;
}

/**
 * Each derived leg is matched to the true leg of its aircraft its time overlaps most; a derived
 * removal is right when that true leg is a removal; a true removal is found when a derived leg
 * matched to it is classified removal.
 */
export function scoreRemovals(truth: TruthLeg[], derived: ScoredLeg[]) {
  const match = truthMatcher(truth);
  const found = new Set<TruthLeg>();
  let derivedRemovals = 0;
  let right = 0;
  const mistakes: string[] = [];
  for (const d of derived) {
    const best = match(d.icao24, d.dep, d.arr);
    if (d.kind === 'removal') {
      derivedRemovals++;
      if (best?.kind === 'removal') right++;
      else mistakes.push(`false removal ${d.icao24} ${d.dep_airport}→${d.arr_airport} (truth: ${best ? `${best.dep}→${best.arr} ${best.kind}` : 'none'})`);
    }
    if (best?.kind === 'removal' && d.kind === 'removal') found.add(best);
  }
  const truthRemovals = truth.filter((t) => t.kind === 'removal');
  for (const t of truthRemovals) if (!found.has(t)) mistakes.push(`missed removal ${t.icao24} ${t.dep}→${t.arr} ${new Date(t.takeoff * 1000).toISOString().slice(0, 16)}Z`);
  return {
    truthRemovals: truthRemovals.length,
    derivedRemovals,
    right,
    ...precisionRecall({ right, claimed: derivedRemovals, found: found.size, truth: truthRemovals.length }),
    mistakes,
  };
}
