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
