import type { Store } from '../store/store.ts';
import { classifyStore, type ClassifyResult } from './classify-store.ts';
import { buildLegs, type BuildLegsResult } from './legs.ts';
import { mergeLegs, type MergeResult } from './merge.ts';
import { enrichLegsFromRegistry, registryTypes } from './registry-join.ts';

export interface RebuildOptions {
  from?: string;
  to?: string;
  /** ICAO addresses; every aircraft with positions when absent. */
  aircraft?: string[];
}

export interface RebuildResult {
  legs: BuildLegsResult;
  merge: MergeResult;
  classification: ClassifyResult;
}

/**
 * The pipeline after positions arrive: legs from positions (with each aircraft's type from the
 * registry, for the runway its airports must have), registration and operator from the registry,
 * one leg per flight across sources (merge.ts), then missions and classification over every leg.
 */
export async function rebuildFromPositions(store: Store, { from, to, aircraft }: RebuildOptions = {}): Promise<RebuildResult> {
  const legs = await buildLegs(store, { from, to, aircraft, types: await registryTypes(store) });
  await enrichLegsFromRegistry(store);
  const merge = await mergeLegs(store);
  const classification = await classifyStore(store);
  return { legs, merge, classification };
}
