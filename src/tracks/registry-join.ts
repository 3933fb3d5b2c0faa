import type { Store } from '../store/store.ts';

/** ICAO type designators of the registry's aircraft, for the runway a leg end must have. */
export async function registryTypes(store: Store): Promise<Map<string, string>> {
  const rows = await store.all<{ icao24: string; icao_type: string }>(`SELECT icao24, icao_type FROM aircraft WHERE icao_type IS NOT NULL`);
  return new Map(rows.map((r) => [r.icao24, r.icao_type]));
}

/**
 * Gives legs derived from positions the registration, type and operator the fleet registry holds
 * for their address (a leg keeps what it already has). The operator is the one a dated source
 * gives for the leg's day when there is one (a tail that changed hands keeps its history:
 * src/fleet/attributes.ts), else the one the registry shows. Returns how many legs were updated.
 */
export async function enrichLegsFromRegistry(store: Store): Promise<number> {
  const before = Number(await store.value(`SELECT count(*) FROM legs l JOIN aircraft a USING (icao24) WHERE l.origin = 'adsb' AND (l.registration IS NULL OR l.operator IS NULL OR l.aircraft_type IS NULL)`));
  await store.run(
    `UPDATE legs SET registration = coalesce(legs.registration, a.registration),
            operator = coalesce(legs.operator, (
              SELECT t.value FROM aircraft_attributes t
              WHERE t.icao24 = legs.icao24 AND t.attribute = 'operator' AND (t.valid_from IS NOT NULL OR t.valid_to IS NOT NULL)
                AND coalesce(t.valid_from, DATE '0001-01-01') <= coalesce(legs.dep_time, legs.arr_time)::DATE
                AND coalesce(t.valid_to, DATE '9999-12-31') >= coalesce(legs.dep_time, legs.arr_time)::DATE
              ORDER BY t.claimed, t.valid_from DESC NULLS LAST LIMIT 1), a.operator),
            aircraft_type = coalesce(legs.aircraft_type, a.icao_type)
     FROM aircraft a WHERE a.icao24 = legs.icao24 AND legs.origin = 'adsb'`,
  );
  return before;
}
