import { fillLegsFromRegistry, registryTypeRows } from '../query/write/legs.ts';
import type { Store } from '../store/store.ts';

/** ICAO type designators of the registry's aircraft, for the runway a leg end must have. */
export async function registryTypes(store: Store): Promise<Map<string, string>> {
  const rows = await registryTypeRows(store);
  return new Map(rows.map((r) => [r.icao24, r.icao_type]));
}

/**
 * Gives legs derived from positions the registration, type and operator the fleet registry holds
 * for their address (a leg keeps what it already has). The operator is the one a dated source
 * gives for the leg's day when there is one (a tail that changed hands keeps its history:
 * src/fleet/attributes.ts), else the one the registry shows. Returns how many legs were updated.
 */
export function enrichLegsFromRegistry(store: Store): Promise<number> {
  return fillLegsFromRegistry(store);
}
