/** Scores classified legs against a generator's truth (bench/classify.bench.ts and the tests). */
import type { TruthLeg } from '../generate/index.ts';

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
  const byAircraft = new Map<string, TruthLeg[]>();
  for (const t of truth) (byAircraft.get(t.icao24) ?? byAircraft.set(t.icao24, []).get(t.icao24)!).push(t);
  const found = new Set<TruthLeg>();
  let derivedRemovals = 0;
  let right = 0;
  const mistakes: string[] = [];
  for (const d of derived) {
    let best: TruthLeg | null = null;
    let most = 0;
    for (const t of byAircraft.get(d.icao24) ?? []) {
      const overlap = Math.min(d.arr, t.landing) - Math.max(d.dep, t.takeoff);
      if (overlap > most) { most = overlap; best = t; }
    }
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
    precision: derivedRemovals ? right / derivedRemovals : 1,
    recall: truthRemovals.length ? found.size / truthRemovals.length : 1,
    mistakes,
  };
}
