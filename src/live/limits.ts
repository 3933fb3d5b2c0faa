/**
 * Defaults of `watch`'s limits, on their own so that `charterwatch watch --help` can show them
 * without loading the feed clients.
 */

/** Default most bytes read of one aircraft.json response (CLI `--max-response-mb`). */
export const DEFAULT_MAX_RESPONSE_MB = 32;

/** Default largest difference, seconds, between a live position's time and its clocks. */
export const DEFAULT_MAX_CLOCK_SKEW_SECONDS = 300;

/**
 * DuckDB's memory limit while watching (CLI `--memory-limit`, memory-limit.ts). The appends waiting for DuckDB's next checkpoint (every 16 MiB of WAL) take
 * up to about 24 MB; the rest of the pool only caches written blocks the watcher never reads
 * again. Measured appending 2.7 million positions as the live writer does: peak RSS 193 MB in the
 * first half, 198 MB in the second at 32 MiB, against 207 then 228 MB at 64 MiB and a pool growing
 * 14 MB per million rows without a limit; CPU time within the machine's noise, no spill files,
 * and the 45-minute replay of a restart over those rows under a second.
 */
export const DEFAULT_WATCH_MEMORY_MB = 32;

/** Default time an alert the webhook has not acknowledged is still retried, seconds (CLI `--webhook-expire-hours`). */
export const DEFAULT_WEBHOOK_EXPIRE_SECONDS = 24 * 3600;
