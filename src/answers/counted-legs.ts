import type { Store } from '../store/store.ts';
import { citeSources, type SourceRef } from './provenance.ts';

/**
 * The legs with an end the data did not show filled, for counting, the way classification filled
 * it (mission shape): a classified leg lost in the air is counted for where the aircraft next took off.
 * A FROM-clause item named `legs`: `SELECT … FROM ${COUNTED_LEGS} WHERE kind = 'removal' AND arr_country = ?`.
 * Every count of flights, the CLI's and the API's, reads legs through this view so that they agree.
 */
export const COUNTED_LEGS = `(SELECT * REPLACE (
    coalesce(arr_airport, CASE WHEN kind IS NOT NULL THEN lead(dep_airport) OVER w END) AS arr_airport,
    coalesce(arr_country, CASE WHEN kind IS NOT NULL AND arr_airport IS NULL THEN lead(dep_country) OVER w END) AS arr_country,
    coalesce(dep_airport, CASE WHEN kind IS NOT NULL THEN lag(arr_airport) OVER w END) AS dep_airport,
    coalesce(dep_country, CASE WHEN kind IS NOT NULL AND dep_airport IS NULL THEN lag(arr_country) OVER w END) AS dep_country)
  FROM legs WINDOW w AS (PARTITION BY coalesce(icao24, registration) ORDER BY coalesce(dep_time, arr_time, leg_date::TIMESTAMPTZ), line DESC, id)) legs`;

/**
 * The sources behind the legs a WHERE clause (over COUNTED_LEGS, as `legWhere` gives it) picks:
 * a leg from a file cites that file; a leg derived from ADS-B cites the position files holding
 * its aircraft's positions between its take-off and landing. `rowsUsed` counts legs.
 */
export function citeLegSources(store: Store, where: { sql: string; params: unknown[] }): Promise<SourceRef[]> {
  return citeSources(
    store,
    `SELECT coalesce(l.source_id, p.source_id) AS source_id, count(DISTINCT l.id)::BIGINT AS rows
     FROM (SELECT * FROM ${COUNTED_LEGS} ${where.sql}) l
     LEFT JOIN positions p ON l.source_id IS NULL AND p.icao24 = l.icao24
       AND p.time BETWEEN epoch(coalesce(l.dep_time, l.arr_time)) AND epoch(coalesce(l.arr_time, l.dep_time))
     GROUP BY 1`,
    where.params,
  );
}
