/**
 * One leg per flight, whatever the sources: a derivation step run before classification. Legs of
 * different sources (the legs derived from positions, each history file, each flights-table
 * file) of the same aircraft — the same ICAO address — that describe the same flight stand behind
 * one leg of origin 'merged'. Each keeps its row with `merged_into` naming that leg, and every
 * count, listing and classification reads only legs with `merged_into` NULL.
 *
 * The same flight: take-off and landing each within TOLERANCE_S where both sources give them, and
 * the same or compatible airports at each end (equal, or one source does not know it); a
 * history's leg with a day and no times matches a timed leg of that day between the same two
 * airports. The merged leg takes each end from the source that observed it best (observed on
 * the ground > reported with a time > inferred from an airborne sighting > reported without a
 * time > unknown), and its `merge_evidence` says which legs it joins and where each end comes
 * from. Two legs of the same aircraft in the air at the same time between different airports
 * are a conflict: both are kept as they are, each says so in `merge_evidence`, and the step
 * reports it. A group never holds two legs of one source.
 *
 * The step starts from scratch each time (merged legs are made again from their members), so the
 * outcome does not depend on the order the sources were loaded in.
 */
import { appendMergeEvidence, clearMerge, insertMergedLegs, markMembers, nextLegIds, readMergeLegs, type MergedLegRow, type MergeLeg } from '../query/write/merge.ts';
import { shownSourceName } from '../store/source-name.ts';
import type { Store } from '../store/store.ts';

/** How far apart two sources may place the same take-off, or the same landing. */
export const TOLERANCE_S = 90 * 60;
/** A day-only leg's day covers take-offs from 14 h before its midnight UTC to 36 h after (every time zone). */
const DAY_BEFORE_S = 14 * 3600;
const DAY_AFTER_S = 36 * 3600;

export interface MergeResult {
  /** Merged legs made (flights seen by more than one source). */
  merged: number;
  /** Legs standing behind them. */
  members: number;
  /** Conflicts, in words (the same aircraft at the same time between different airports). */
  conflicts: string[];
}

/** A leg as the step reads it: src/query/write/merge.ts. */
type Leg = MergeLeg;

/** Re-merges every leg; run under the store's write lock, before classification. */
export async function mergeLegs(store: Store): Promise<MergeResult> {
  return store.transaction(async () => {
    await clearMerge(store);
    const legs = await readMergeLegs(store);
    const byAircraft = new Map<string, Leg[]>();
    for (const l of legs) {
      if (l.file) l.file = shownSourceName(l.file);
      const list = byAircraft.get(l.icao24) ?? [];
      list.push(l);
      byAircraft.set(l.icao24, list);
    }
    const groups: Leg[][] = [];
    const conflicts: [Leg, Leg][] = [];
    for (const list of byAircraft.values()) {
      const found = pairUp(list);
      groups.push(...found.groups);
      conflicts.push(...found.conflicts);
    }
    const groupOf = new Map<number, number>();
    let made = 0;
    const ids = await nextLegIds(store, groups.length);
    const rows = groups.map((group, k) => {
      for (const m of group) groupOf.set(m.id, ids[k]!);
      made += group.length;
      return mergedRow(ids[k]!, group);
    });
    await insertMergedLegs(store, rows);
    await markMembers(store, [...groupOf]);
    const texts: string[] = [];
    const notes = new Map<number, string[]>();
    for (const [a, b] of conflicts) {
      const ida = groupOf.get(a.id) ?? a.id;
      const idb = groupOf.get(b.id) ?? b.id;
      if (ida === idb) continue;
      const text = `${a.registration ?? a.icao24} ${day(a)}: ${describe(a)} and ${describe(b)} put the aircraft in the air at the same time between different airports`;
      texts.push(text);
      notes.set(ida, [...(notes.get(ida) ?? []), `Conflict, not merged: ${describe(b)} has this aircraft in the air at the same time between other airports.`]);
      notes.set(idb, [...(notes.get(idb) ?? []), `Conflict, not merged: ${describe(a)} has this aircraft in the air at the same time between other airports.`]);
    }
    for (const [id, list] of notes) {
      await appendMergeEvidence(store, id, list.join(' '));
    }
    return { merged: groups.length, members: made, conflicts: texts };
  });
}

/** The source a leg comes from: positions are one source, each file another. */
const sourceKey = (l: Leg) => (l.origin === 'adsb' ? 'adsb' : `s${l.sourceId}`);
const timed = (l: Leg) => l.depTime !== null || l.arrTime !== null;
const start = (l: Leg) => l.depTime ?? l.arrTime ?? dayStart(l.legDate);
const end = (l: Leg) => l.arrTime ?? l.depTime ?? dayStart(l.legDate) + 86400;
const dayStart = (d: string | null) => (d ? Date.parse(`${d}T00:00:00Z`) / 1000 : 0);
const day = (l: Leg) => l.legDate ?? (l.depTime !== null ? new Date(l.depTime * 1000).toISOString().slice(0, 10) : '?');
const compatible = (x: string | null, y: string | null) => x === null || y === null || x === y;
const within = (x: number | null, y: number | null) => x === null || y === null || Math.abs(x - y) <= TOLERANCE_S;

/**
 * The groups of one aircraft's legs that are one flight, and the pairs in conflict. Candidate
 * pairs are joined closest first, never putting two legs of one source in a group.
 */
function pairUp(list: Leg[]): { groups: Leg[][]; conflicts: [Leg, Leg][] } {
  const sorted = [...list].sort((a, b) => start(a) - start(b) || a.id - b.id);
  const pairs: { a: Leg; b: Leg; cost: number }[] = [];
  const conflicts: [Leg, Leg][] = [];
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j]!;
      if (start(b) > end(a) + DAY_AFTER_S + TOLERANCE_S) break;
      if (sourceKey(a) === sourceKey(b)) continue;
      const relation = relate(a, b);
      if (relation === 'conflict') conflicts.push([a, b]);
      else if (relation !== null) pairs.push({ a, b, cost: relation });
    }
  }
  pairs.sort((x, y) => x.cost - y.cost || x.a.id - y.a.id || x.b.id - y.b.id);
  const group = new Map<number, Leg[]>(list.map((l) => [l.id, [l]]));
  for (const { a, b } of pairs) {
    const ga = group.get(a.id)!;
    const gb = group.get(b.id)!;
    if (ga === gb) continue;
    const keys = new Set(ga.map(sourceKey));
    if (gb.some((l) => keys.has(sourceKey(l)))) continue;
    // Every leg of the group must be the same flight as the others, not only as one of them.
    if (!ga.every((x) => gb.every((y) => typeof relate(x, y) === 'number'))) continue;
    const joined = [...ga, ...gb];
    for (const l of joined) group.set(l.id, joined);
  }
  const groups = [...new Set(group.values())].filter((g) => g.length > 1);
  return { groups, conflicts };
}

/** The cost of merging two legs (lower = closer), 'conflict', or null (different flights). */
function relate(a: Leg, b: Leg): number | 'conflict' | null {
  if (timed(a) && timed(b)) {
    if (start(a) > end(b) + TOLERANCE_S || start(b) > end(a) + TOLERANCE_S) return null;
    const airports = compatible(a.depAirport, b.depAirport) && compatible(a.arrAirport, b.arrAirport);
    const sharesOne = (a.depAirport !== null && a.depAirport === b.depAirport) || (a.arrAirport !== null && a.arrAirport === b.arrAirport);
    if (airports && sharesOne && within(a.depTime, b.depTime) && within(a.arrTime, b.arrTime)) {
      return Math.abs((a.depTime ?? 0) - (b.depTime ?? 0)) * Number(a.depTime !== null && b.depTime !== null) + Math.abs((a.arrTime ?? 0) - (b.arrTime ?? 0)) * Number(a.arrTime !== null && b.arrTime !== null);
    }
    // In the air together (not merely within the tolerance) between other airports: a conflict.
    const overlap = Math.min(end(a), end(b)) - Math.max(start(a), start(b));
    return overlap > 0 && !airports ? 'conflict' : null;
  }
  // A history's leg with a day and no times: the same day, the same two airports.
  const [dayOnly, other] = timed(a) ? [b, a] : [a, b];
  if (!dayOnly.legDate || dayOnly.depAirport === null || dayOnly.arrAirport === null) return null;
  if (dayOnly.depAirport !== other.depAirport || dayOnly.arrAirport !== other.arrAirport) return null;
  const midnight = dayStart(dayOnly.legDate);
  if (!timed(other)) return other.legDate === dayOnly.legDate ? 10 * TOLERANCE_S : null;
  const t = other.depTime ?? other.arrTime!;
  const sameDay = other.legDate === dayOnly.legDate || (t >= midnight - DAY_BEFORE_S && t < midnight + DAY_AFTER_S);
  return sameDay ? 4 * TOLERANCE_S + Math.abs(t - (midnight + 12 * 3600)) / 1000 : null;
}

/** How well a leg observed an end: observed > reported with a time > inferred > reported without a time > unknown. */
function endRank(status: string, time: number | null, airport: string | null): number {
  if (airport === null) return time === null ? 0 : 1;
  if (status === 'observed') return 5;
  if (status === 'reported' && time !== null) return 4;
  if (status === 'inferred') return 3;
  return 2;
}

/** Members in order of preference for the fields no end decides (callsign, type, operator). */
function preferred(group: Leg[]): Leg[] {
  const rank = (l: Leg) => endRank(l.depStatus, l.depTime, l.depAirport) + endRank(l.arrStatus, l.arrTime, l.arrAirport);
  return [...group].sort((a, b) =>
    Number(b.origin === 'adsb') - Number(a.origin === 'adsb') || rank(b) - rank(a) || (a.format ?? '').localeCompare(b.format ?? '') || (a.sourceId ?? 0) - (b.sourceId ?? 0) || (a.line ?? 0) - (b.line ?? 0),
  );
}

/** The merged leg's row, in the order `insertMergedLegs` writes it. */
function mergedRow(id: number, group: Leg[]): MergedLegRow {
  const members = preferred(group);
  const best = (side: 'dep' | 'arr') =>
    members.reduce((w, l) => {
      const r = side === 'dep' ? endRank(l.depStatus, l.depTime, l.depAirport) : endRank(l.arrStatus, l.arrTime, l.arrAirport);
      const rw = side === 'dep' ? endRank(w.depStatus, w.depTime, w.depAirport) : endRank(w.arrStatus, w.arrTime, w.arrAirport);
      return r > rw ? l : w;
    });
  const dep = best('dep');
  const arr = best('arr');
  const first = <K extends keyof Leg>(key: K) => members.find((l) => l[key] !== null)?.[key] ?? null;
  const dayOnly = members.find((l) => !timed(l));
  const legDate = dayOnly?.legDate ?? first('legDate');
  const anchor = members.find((l) => l.sourceId !== null) ?? members[0]!;
  const evidence =
    `One flight in ${group.length} sources, merged: ${members.map(describe).join('; ')}. ` +
    `Departure from ${where(dep)}, arrival from ${where(arr)} (the best-observed end of each: observed > reported with a time > inferred > reported without one).` +
    gaps(members);
  return [
    id, anchor.sourceId, group.every((l) => l.generated), anchor.icao24, first('registration'), first('aircraftType'), first('operator'), first('callsign'),
    dep.depAirport, dep.depCountry, dep.depTime, dep.depStatus, dep.depEvidence, arr.arrAirport, arr.arrCountry, arr.arrTime, arr.arrStatus, arr.arrEvidence,
    legDate, anchor.line, evidence,
  ];
}

/** How far apart the sources place the take-off and the landing. */
function gaps(members: Leg[]): string {
  const spread = (values: (number | null)[]) => {
    const v = values.filter((x): x is number => x !== null);
    return v.length > 1 ? Math.round((Math.max(...v) - Math.min(...v)) / 60) : null;
  };
  const d = spread(members.map((l) => l.depTime));
  const a = spread(members.map((l) => l.arrTime));
  const parts = [d !== null ? `take-offs ${d} min apart` : null, a !== null ? `landings ${a} min apart` : null].filter(Boolean);
  return parts.length ? ` Sources agree within ${TOLERANCE_S / 60} min: ${parts.join(', ')}.` : ' A leg with a day and no times matched on its day and airports.';
}

const where = (l: Leg) => (l.origin === 'adsb' ? `the positions (leg ${l.id})` : `${l.file ?? `source ${l.sourceId}`} line ${l.line}`);

/** A leg in words: where it comes from and what it says. */
function describe(l: Leg): string {
  const hhmm = (t: number | null) => (t === null ? '--:--' : new Date(t * 1000).toISOString().slice(11, 16));
  const what = `${l.depAirport ?? '????'} ${hhmm(l.depTime)} → ${l.arrAirport ?? '????'} ${hhmm(l.arrTime)} (${l.depStatus}/${l.arrStatus})`;
  return `${where(l)}: ${l.callsign ? `${l.callsign} ` : ''}${what}`;
}
