import type { Store } from '../store/store.ts';
import type { Aircraft, OperatorClaim } from './registry.ts';

/**
 * Registration and operator are attributes of an aircraft (its ICAO address) with a period and a
 * source, in `aircraft_attributes`: a tail that changes hands keeps its history, and every source's
 * claim is kept whichever the registry shows. The operator the registry shows (`aircraft.operator`)
 * is chosen from them by ORDER_OPERATORS:
 *
 * 1. a dated claim (a period, as the FAA registry's certificate date or a flight history's span
 *    gives) before an undated one;
 * 2. among dated ones, the latest: the one still open or ending last, then starting last;
 * 3. a registry's or the flights' own word before a list's claim (`claimed`);
 * 4. then the claim recorded first (an earlier import), then by name (claims of one import).
 */
export const ORDER_OPERATORS = `(valid_from IS NULL AND valid_to IS NULL), coalesce(valid_to, DATE '9999-12-31') DESC, valid_from DESC NULLS LAST, claimed, added_at, value`;

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
  const rows: [string, string, string, string | null, string | null, string, boolean][] = [];
  for (const a of inputs) {
    if (a.registration) rows.push([a.icao24, 'registration', a.registration, null, null, a.source, false]);
    for (const o of a.operators) rows.push([a.icao24, 'operator', o.operator, o.from, o.to, o.source, o.claimed]);
  }
  for (let k = 0; k < rows.length; k += 300) {
    const batch = rows.slice(k, k + 300);
    await store.run(
      `DELETE FROM aircraft_attributes a USING (VALUES ${batch.map(() => '(?, ?, ?, ?)').join(', ')}) v(icao24, attribute, value, source)
       WHERE a.icao24 = v.icao24 AND a.attribute = v.attribute AND a.value = v.value AND a.source = v.source`,
      batch.flatMap(([icao24, attribute, value, , , source]) => [icao24, attribute, value, source]),
    );
    await store.run(
      `INSERT INTO aircraft_attributes (icao24, attribute, value, valid_from, valid_to, source, claimed)
       VALUES ${batch.map(() => '(?, ?, ?, ?::DATE, ?::DATE, ?, ?)').join(', ')}`,
      batch.flat(),
    );
  }
  await chooseOperators(store, [...new Set(inputs.map((a) => a.icao24))]);
}

/** Sets each of these aircraft's shown operator to the claim ORDER_OPERATORS puts first (none: unchanged). */
export async function chooseOperators(store: Store, addresses: string[]): Promise<void> {
  for (let k = 0; k < addresses.length; k += 500) {
    const batch = addresses.slice(k, k + 500);
    await store.run(
      `UPDATE aircraft SET operator = b.value, operator_source = b.source
       FROM (SELECT icao24, arg_min(value, n) AS value, arg_min(source, n) AS source FROM (
               SELECT icao24, value, source, row_number() OVER (PARTITION BY icao24 ORDER BY ${ORDER_OPERATORS}) AS n
               FROM aircraft_attributes WHERE attribute = 'operator' AND icao24 IN (${batch.map(() => '?').join(', ')}))
             GROUP BY icao24) b
       WHERE aircraft.icao24 = b.icao24`,
      batch,
    );
  }
}

/** Gives each aircraft its operators (every claim, the shown one first) and the shown one's period. */
export async function attachOperators(store: Store, list: Aircraft[]): Promise<Aircraft[]> {
  if (list.length === 0) return list;
  const rows = await store.all<{ icao24: string; operator: string; from: string | null; to: string | null; source: string; claimed: boolean }>(
    `SELECT icao24, value AS operator, strftime(valid_from, '%Y-%m-%d') AS "from", strftime(valid_to, '%Y-%m-%d') AS "to", source, claimed
     FROM aircraft_attributes WHERE attribute = 'operator' ORDER BY icao24, ${ORDER_OPERATORS}`,
  );
  const by = new Map<string, OperatorClaim[]>();
  for (const { icao24, ...claim } of rows) by.set(icao24, [...(by.get(icao24) ?? []), claim]);
  return list.map((a) => {
    const operators = by.get(a.icao24) ?? [];
    const shown = operators.find((o) => o.operator === a.operator && o.source === a.operatorSource) ?? operators[0];
    return { ...a, operatorFrom: shown?.from ?? null, operatorTo: shown?.to ?? null, operatorClaimed: shown?.claimed ?? false, operators };
  });
}
