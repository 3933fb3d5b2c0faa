/**
 * Scores against the generator's truth: derived legs (leg precision and recall, and for each end
 * whether the airport is right, by status), and classified legs (precision and recall per kind,
 * and what each category of work was called).
 */
import type { DerivedLeg } from '../tracks/segment.ts';
import { precisionRecall, truthMatcher } from './match.ts';
import { CATEGORIES, type LegCategory, type LegKind, type TruthLeg } from './traffic.ts';

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

/** A classified leg as read back from the store (`epoch(dep_time) AS dep, epoch(arr_time) AS arr, kind, candidate_kind`). */
export interface ClassifiedLeg {
  icao24: string;
  dep: number;
  arr: number;
  kind: string | null;
  /** For a `possible` leg, the kind it would have if firm (shown as `possible removal` …). */
  candidate_kind?: string | null;
}

export interface KindScore {
  kind: LegKind;
  /** True legs of the kind, derived legs classified so, and those of them whose true leg is of the kind. */
  truth: number;
  derived: number;
  right: number;
  precision: number;
  recall: number;
}

export interface CategoryScore {
  /** A category of work, or `no callsign` (the legs flown without one, whatever their category). */
  category: LegCategory | 'no callsign';
  /** True legs, and how many of them are removals. */
  legs: number;
  removals: number;
  /** True removals found (a derived leg matched to it is classified removal). */
  found: number;
  /** Derived removal legs whose true leg, in this category, is not a removal. */
  falseRemovals: number;
  /** The kinds the derived legs matched to this category's legs got (`unclassified` for null; `possible removal` …; `missed`: true legs no derived leg matched). */
  byKind: Record<string, number>;
}

export interface ClassificationScore {
  kinds: KindScore[];
  categories: CategoryScore[];
  /** Derived legs that match no true leg. */
  extra: number;
  mistakes: string[];
}

const KINDS: LegKind[] = ['removal', 'return', 'domestic', 'lateral', 'foreign', 'other'];

/**
 * Scores a classification against the generator's truth, per kind (precision, recall) and per
 * category of work (what the legs of scheduled charters, sports and casino charters, evacuation
 * charters, ferries and the program's flights on charter routes were called; the removals found
 * and the false ones), and for the legs without callsign. Each derived leg is matched to the true
 * leg of its aircraft its time overlaps most (as scoreLegs does).
 */
export function scoreClassification(truth: TruthLeg[], derived: ClassifiedLeg[]): ClassificationScore {
  const match = truthMatcher(truth);
  const claimed = new Map<string, number>();
  const right = new Map<string, number>();
  const found = new Map<LegKind, Set<TruthLeg>>(KINDS.map((k) => [k, new Set()]));
  const matchedKinds = new Map<TruthLeg, string[]>();
  const mistakes: string[] = [];
  let extra = 0;
  for (const d of derived) {
    const kind = d.kind ?? 'unclassified';
    claimed.set(kind, (claimed.get(kind) ?? 0) + 1);
    const best = match(d.icao24, d.dep, d.arr);
    if (!best) { extra++; continue; }
    (matchedKinds.get(best) ?? matchedKinds.set(best, []).get(best)!).push(kind === 'possible' && d.candidate_kind ? `possible ${d.candidate_kind}` : kind);
    if (best.kind === kind) {
      right.set(kind, (right.get(kind) ?? 0) + 1);
      found.get(best.kind)!.add(best);
    } else if (kind === 'removal' || best.kind === 'removal') {
      mistakes.push(`${best.kind} (${best.category}${best.callsign ? '' : ', no callsign'}) called ${kind}: ${best.icao24} ${best.dep}→${best.arr} ${best.callsign || '-'} ${new Date(best.takeoff * 1000).toISOString().slice(0, 16)}Z`);
    }
  }
  const kinds = KINDS.map((kind): KindScore => {
    const t = truth.filter((l) => l.kind === kind).length;
    const c = claimed.get(kind) ?? 0;
    const ok = right.get(kind) ?? 0;
    return { kind, truth: t, derived: c, right: ok, ...precisionRecall({ right: ok, claimed: c, found: found.get(kind)!.size, truth: t }) };
  });
  const slice = (category: CategoryScore['category'], legs: TruthLeg[]): CategoryScore => {
    const byKind: Record<string, number> = {};
    let falseRemovals = 0;
    let hits = 0;
    for (const l of legs) {
      const got = matchedKinds.get(l) ?? ['missed'];
      for (const g of got) byKind[g] = (byKind[g] ?? 0) + 1;
      if (l.kind !== 'removal') falseRemovals += got.filter((g) => g === 'removal').length;
      else if (got.includes('removal')) hits++;
    }
    return { category, legs: legs.length, removals: legs.filter((l) => l.kind === 'removal').length, found: hits, falseRemovals, byKind };
  };
  const categories = CATEGORIES.map((c) => slice(c, truth.filter((l) => l.category === c)));
  categories.push(slice('no callsign', truth.filter((l) => !l.callsign)));
  return { kinds, categories, extra, mistakes };
}

/** The score as lines of text (the benchmark's report; a failing test's message). */
export function formatClassificationScore(s: ClassificationScore): string[] {
  const f = (x: number) => x.toFixed(3);
  const lines = s.kinds.map((k) => `  ${k.kind.padEnd(9)} precision ${f(k.precision)} recall ${f(k.recall)}  (truth ${k.truth}, classified ${k.derived}, right ${k.right})`);
  for (const c of s.categories) {
    const kinds = Object.entries(c.byKind).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
    lines.push(`  ${c.category.padEnd(25)} ${String(c.legs).padStart(5)} legs, removals ${c.found}/${c.removals} found, ${c.falseRemovals} false; called ${kinds}`);
  }
  if (s.extra) lines.push(`  ${s.extra} derived legs match no true leg`);
  return lines;
}
