/**
 * (Re)runs missions and classification over every leg in the store, in one transaction: each
 * leg's kind, evidence and mission, and the missions table, are rewritten from scratch.
 */
import { readLegRecords, replaceMissions, writeLegClasses } from '../query/write/kinds.ts';
import type { Store } from '../store/store.ts';
import { classifyLegs } from './classify.ts';
import type { ProgramLists } from './classify-lists.ts';

export interface ClassifyResult {
  legs: number;
  missions: number;
  /** Legs by kind; `unclassified` for legs with an unknown end; possible ones as `possible removal` etc. */
  byKind: Record<string, number>;
}

export async function classifyStore(store: Store, { lists }: { lists?: ProgramLists } = {}): Promise<ClassifyResult> {
  const legs = await readLegRecords(store);
  const { classes, missions } = classifyLegs(legs, lists);
  const byKind: Record<string, number> = {};
  for (const c of classes.values()) {
    const key = c.kind === 'possible' ? `possible ${c.candidate}` : (c.kind ?? 'unclassified');
    byKind[key] = (byKind[key] ?? 0) + 1;
  }
  await store.transaction(async () => {
    await writeLegClasses(store, [...classes].map(([id, c]) => ({
      id, kind: c.kind, evidence: c.evidence, missionId: c.missionId,
      filledDepAirport: c.filled?.depAirport || null, filledDepCountry: c.filled?.depCountry || null,
      filledArrAirport: c.filled?.arrAirport || null, filledArrCountry: c.filled?.arrCountry || null,
      candidateKind: c.candidate, score: c.score, confidence: c.confidence, reasons: JSON.stringify(c.reasons), reasonCodes: c.reasons.map((e) => e.code),
    })));
    await replaceMissions(store, missions.map((m) => ({
      id: m.id, icao24: m.icao24, registration: m.registration, startTime: m.startTime, endTime: m.endTime,
      startAirport: m.startAirport, endAirport: m.end, countries: m.countries, legs: m.legs.length, complete: m.complete,
    })));
  });
  return { legs: legs.length, missions: missions.length, byKind };
}

/** Every stored leg that stands for a flight (not one merged into another: src/tracks/merge.ts), as classification reads it, in a stable order. */
export { readLegRecords };
