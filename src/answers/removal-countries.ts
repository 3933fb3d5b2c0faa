import { countryByCode } from '../countries/countries.ts';
import type { Store } from '../store/store.ts';
import { legsByArrivalCountry, legSpan } from '../query/legs.ts';

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
  const span = await legSpan(store, { kind: 'removal' });
  const y = year ?? (span ? Number(span.last.slice(0, 4)) : null);
  const rows = await legsByArrivalCountry(store, { kind: 'removal' }, y);
  return {
    year: y,
    rows: rows.map((r) => ({ country: r.country, name: countryByCode(r.country)?.name ?? null, flightsInYear: r.in_year, flights: r.flights, lastFlight: r.last, generated: r.generated === true })),
    rule: `legs classified "removal" (as "charterwatch flights count --kind removal --by country" counts them), by the country they went to; "flights in ${y ?? 'the year'}" counts those dated in that calendar year (UTC)${year ? '' : ', the latest year in the data'}; a flight is a leg`,
  };
}
