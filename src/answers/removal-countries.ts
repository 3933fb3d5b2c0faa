import { countryByCode } from '../countries/countries.ts';
import type { Store } from '../store/store.ts';
import { COUNTED_LEGS } from './counted-legs.ts';
import { LEG_TIME, legWhere } from './legs.ts';

/** One country removal flights went to. */
export interface RemovalCountry {
  country: string;
  name: string | null;
  /** Removal legs (flights) to it dated in `year`. */
  flightsInYear: number;
  /** Removal legs to it in all the data. */
  flights: number;
  /** The day of its latest removal leg (UTC), YYYY-MM-DD. */
  lastFlight: string | null;
  /** Some of its removal legs are GENERATED (synthetic demo data). */
  generated: boolean;
}

export interface RemovalCountries {
  /** The calendar year `flightsInYear` counts: the latest year in the data unless asked. */
  year: number | null;
  rows: RemovalCountry[];
  rule: string;
}

/**
 * Every country with removal flights in the data (the foreign end, as `flights count --by country`
 * counts it): its name, the flights of the year, all flights and the last one. Most flights of
 * the year first, then most flights, then code.
 */
export async function removalCountries(store: Store, { year }: { year?: number } = {}): Promise<RemovalCountries> {
  const { sql, params } = legWhere({ kind: 'removal' });
  const latest = await store.value<number | null>(`SELECT year(max(${LEG_TIME}) AT TIME ZONE 'UTC')::INTEGER FROM ${COUNTED_LEGS} ${sql}`, params as never);
  const y = year ?? (latest === null || latest === undefined ? null : Number(latest));
  const rows = await store.all<{ country: string; in_year: number; flights: number; last: string | null; generated: boolean }>(
    `SELECT coalesce(arr_country, '?') AS country,
            count(*) FILTER (WHERE year(${LEG_TIME} AT TIME ZONE 'UTC') = ?)::INTEGER AS in_year,
            count(*)::INTEGER AS flights,
            strftime(max(${LEG_TIME}) AT TIME ZONE 'UTC', '%Y-%m-%d') AS last,
            bool_or(generated) AS generated
     FROM ${COUNTED_LEGS} ${sql} GROUP BY 1 ORDER BY in_year DESC, flights DESC, country`,
    [y ?? -1, ...params] as never,
  );
  return {
    year: y,
    rows: rows.map((r) => ({ country: r.country, name: countryByCode(r.country)?.name ?? null, flightsInYear: r.in_year, flights: r.flights, lastFlight: r.last, generated: r.generated === true })),
    rule: `legs classified "removal" (as "charterwatch flights count --kind removal --by country" counts them), by the country they went to; "flights in ${y ?? 'the year'}" counts those dated in that calendar year (UTC)${year ? '' : ', the latest year in the data'}; a flight is a leg`,
  };
}
