import { chooseOperators, operatorClaims, replaceAttributeRows, type AttributeRow } from '../query/write/fleet.ts';
import type { Store } from '../store/store.ts';
import type { Aircraft, OperatorClaim } from './registry.ts';

/**
 * Registration and operator are attributes of an aircraft (its ICAO address) with a period and a
 * source, in `aircraft_attributes`: a tail that changes hands keeps its history, and every source's
 * claim is kept whichever the registry shows. The operator the registry shows (`aircraft.operator`)
 * is chosen from them by ORDER_OPERATORS (src/query/write/fleet.ts): a dated claim before an
 * undated one, the latest first, a registry's or the flights' own word before a list's claim.
 */

interface AttributeInput {
  icao24: string;
  registration: string | null;
  source: string;
  operators: OperatorClaim[];
}

/**
 * Writes the claims of some aircraft (a claim already there from the same source is replaced, so
 * importing a file twice changes nothing), then sets each aircraft's shown operator to the one the
 * order above puts first. Call inside the registry's transaction.
 */
export async function writeAttributes(store: Store, inputs: AttributeInput[]): Promise<void> {
  const rows: AttributeRow[] = [];
  for (const a of inputs) {
    if (a.registration) rows.push({ icao24: a.icao24, attribute: 'registration', value: a.registration, from: null, to: null, source: a.source, claimed: false });
    for (const o of a.operators) rows.push({ icao24: a.icao24, attribute: 'operator', value: o.operator, from: o.from, to: o.to, source: o.source, claimed: o.claimed });
  }
  await replaceAttributeRows(store, rows);
  await chooseOperators(store, [...new Set(inputs.map((a) => a.icao24))]);
}

/** Sets each of these aircraft's shown operator to the claim ORDER_OPERATORS puts first (none: unchanged). */
export { chooseOperators };

/** Gives each aircraft its operators (every claim, the shown one first) and the shown one's period. */
export async function attachOperators(store: Store, list: Aircraft[]): Promise<Aircraft[]> {
  if (list.length === 0) return list;
  const rows = await operatorClaims(store);
  const by = new Map<string, OperatorClaim[]>();
  for (const { icao24, ...claim } of rows) by.set(icao24, [...(by.get(icao24) ?? []), claim]);
  return list.map((a) => {
    const operators = by.get(a.icao24) ?? [];
    const shown = operators.find((o) => o.operator === a.operator && o.source === a.operatorSource) ?? operators[0];
    return { ...a, operatorFrom: shown?.from ?? null, operatorTo: shown?.to ?? null, operatorClaimed: shown?.claimed ?? false, operators };
  });
}
