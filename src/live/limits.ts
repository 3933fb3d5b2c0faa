/**
 * Defaults of `watch`'s limits, on their own so that `charterwatch watch --help` can show them
 * without loading the feed clients.
 */

/** Default most bytes read of one aircraft.json response (CLI `--max-response-mb`). */
export const DEFAULT_MAX_RESPONSE_MB = 32;

/** Default largest difference, seconds, between a live position's time and its clocks. */
export const DEFAULT_MAX_CLOCK_SKEW_SECONDS = 300;
