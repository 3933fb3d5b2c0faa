import { registrationRows } from '../query/write/fleet.ts';
import type { Store } from '../store/store.ts';
import { icao24FromRegistration, isUsIcao24, isUsRegistration, normaliseRegistration, registrationFromIcao24 } from './nnumber.ts';

/**
 * One aircraft, one identity: the ICAO address is the key of an aircraft everywhere (positions,
 * legs, alerts, the fleet). A registration is resolved to it by the FAA's rule for N-numbers
 * (src/fleet/nnumber.ts), and for other countries by what the registry and its imports know
 * (`aircraft` and `aircraft_attributes`). An address gets its registration the same way.
 */
export interface Identities {
  /** Upper-case registration → address, from the registry (non-US registrations, mostly). */
  byRegistration: Map<string, string>;
  /** Address → its registration the registry gives (the latest, when a tail changed hands). */
  byAddress: Map<string, string>;
}

/** What the registry knows, read once (an ingest resolves a file's rows against it). */
export async function loadIdentities(store: Store): Promise<Identities> {
  const rows = await registrationRows(store);
  const byRegistration = new Map<string, string>();
  const byAddress = new Map<string, string>();
  for (const r of rows) {
    byRegistration.set(r.registration, r.icao24);
    byAddress.set(r.icao24, r.registration);
  }
  return { byRegistration, byAddress };
}

/** The address of a registration: the FAA rule for an N-number, else the registry; null when neither knows it. */
export function addressOf(registration: string, known?: Identities): string | null {
  const reg = normaliseRegistration(registration);
  if (isUsRegistration(reg)) return icao24FromRegistration(reg);
  return known?.byRegistration.get(reg) ?? null;
}

/** The registration of an address: the FAA rule in the US block, else the registry; null when neither knows it. */
export function registrationOf(icao24: string, known?: Identities): string | null {
  const hex = icao24.toLowerCase();
  return isUsIcao24(hex) ? registrationFromIcao24(hex) : (known?.byAddress.get(hex) ?? null);
}

/**
 * A filter value (a registration or an ICAO address) as the address and registration it stands
 * for, so `--aircraft N570TA` and `--aircraft a75013` find the same legs. Either may be null
 * (a foreign registration the registry does not know: matched by its text in SQL).
 */
export function aircraftKey(value: string): { icao24: string | null; registration: string | null } {
  const v = value.trim();
  if (/^[0-9a-f]{6}$/i.test(v)) {
    const hex = v.toLowerCase();
    return { icao24: hex, registration: isUsIcao24(hex) ? registrationFromIcao24(hex) : null };
  }
  const reg = normaliseRegistration(v);
  return { icao24: isUsRegistration(reg) ? icao24FromRegistration(reg) : null, registration: reg };
}
