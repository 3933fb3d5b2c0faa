import type { Store } from '../store/store.ts';
import { citeSources, type SourceRef } from './provenance.ts';

/**
 * The legs with the ends the data did not show filled, for counting, as classification filled
 * them (mission shape, stored with the kind): a leg lost in the air is counted for where the
 * aircraft next took off. A FROM-clause item named `legs`:
 * `SELECT … FROM ${COUNTED_LEGS} WHERE kind = 'removal' AND arr_country = ?`.
 * Every count of flights, the CLI's and the API's, reads legs through this view so that they agree.
 * A leg merged into another (the same flight from another source, src/tracks/merge.ts) is left out:
 * the merged leg counts the flight once.
 */
export const COUNTED_LEGS = `(SELECT * REPLACE (
    coalesce(arr_airport, filled_arr_airport) AS arr_airport,
    coalesce(arr_country, filled_arr_country) AS arr_country,
    coalesce(dep_airport, filled_dep_airport) AS dep_airport,
    coalesce(dep_country, filled_dep_country) AS dep_country)
  FROM legs WHERE merged_into IS NULL) legs`;

/**
 * The sources behind the legs a WHERE clause (over COUNTED_LEGS, as `legWhere` gives it) picks:
 * a leg from a file cites that file; a leg derived from ADS-B cites the position files whose
 * positions of its aircraft span its take-off to landing; a merged leg (one flight from several
 * sources, src/tracks/merge.ts) cites every source of every leg merged into it. `rowsUsed` counts
 * legs. Each file's span per aircraft is one row, so the join never touches the positions one by one.
 */
export function citeLegSources(store: Store, where: { sql: string; params: unknown[] }): Promise<SourceRef[]> {
  return citeSources(
    store,
    `SELECT coalesce(m.source_id, p.source_id) AS source_id, count(DISTINCT l.id)::BIGINT AS rows
     FROM (SELECT id FROM ${COUNTED_LEGS} ${where.sql}) l
     JOIN leg_sources m ON m.leg_id = l.id
     LEFT JOIN (SELECT icao24, source_id, min(time) AS first, max(time) AS last FROM positions GROUP BY ALL) p
       ON m.origin = 'adsb' AND p.icao24 = m.icao24
      AND p.first <= epoch(coalesce(m.arr_time, m.dep_time)) AND p.last >= epoch(coalesce(m.dep_time, m.arr_time))
     GROUP BY 1`,
    where.params,
  );
}
