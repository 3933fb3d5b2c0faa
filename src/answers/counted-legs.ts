import type { Store } from '../store/store.ts';
import { citeSources, type SourceRef } from './provenance.ts';

/**
 * The legs with the ends the data did not show filled, for counting, as classification filled
 * them (mission shape, stored with the kind): a leg lost in the air is counted for where the
 * aircraft next took off. A FROM-clause item named `legs`:
 * `SELECT … FROM ${COUNTED_LEGS} WHERE kind = 'removal' AND arr_country = ?`.
 * Every count of flights, the CLI's and the API's, reads legs through this view so that they agree.
 */
export const COUNTED_LEGS = `(SELECT * REPLACE (
    coalesce(arr_airport, filled_arr_airport) AS arr_airport,
    coalesce(arr_country, filled_arr_country) AS arr_country,
    coalesce(dep_airport, filled_dep_airport) AS dep_airport,
    coalesce(dep_country, filled_dep_country) AS dep_country)
  FROM legs) legs`;

/**
 * The sources behind the legs a WHERE clause (over COUNTED_LEGS, as `legWhere` gives it) picks:
 * a leg from a file cites that file; a leg derived from ADS-B cites the position files whose
 * positions of its aircraft span its take-off to landing. `rowsUsed` counts legs. Each file's
 * span per aircraft is one row, so the join never touches the positions one by one.
 */
export function citeLegSources(store: Store, where: { sql: string; params: unknown[] }): Promise<SourceRef[]> {
  return citeSources(
    store,
    `SELECT coalesce(l.source_id, p.source_id) AS source_id, count(DISTINCT l.id)::BIGINT AS rows
     FROM (SELECT * FROM ${COUNTED_LEGS} ${where.sql}) l
     LEFT JOIN (SELECT icao24, source_id, min(time) AS first, max(time) AS last FROM positions GROUP BY ALL) p
       ON l.source_id IS NULL AND p.icao24 = l.icao24
      AND p.first <= epoch(coalesce(l.arr_time, l.dep_time)) AND p.last >= epoch(coalesce(l.dep_time, l.arr_time))
     GROUP BY 1`,
    where.params,
  );
}
