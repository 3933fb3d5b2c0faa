/**
 * DuckDB settings every opened database gets: a memory limit, so that an ingest or a served
 * dashboard never takes DuckDB's default of 80% of the machine's memory, and optionally a thread
 * count. Set by environment variables (docs/limits.md):
 *
 * - `CHARTERWATCH_DUCKDB_MEMORY_MB`: DuckDB's memory limit in MiB (default 2048). Past it DuckDB
 *   spills what it can to its temp folder and fails a query that still does not fit, rather than
 *   grow; `watch` lowers it further for its session (live/memory-limit.ts).
 * - `CHARTERWATCH_DUCKDB_THREADS`: DuckDB's worker threads (default: DuckDB's, one per core).
 */
export const DEFAULT_DUCKDB_MEMORY_MB = 2048;

export const ENV_DUCKDB_MEMORY_MB = 'CHARTERWATCH_DUCKDB_MEMORY_MB';
export const ENV_DUCKDB_THREADS = 'CHARTERWATCH_DUCKDB_THREADS';

/** The settings for `DuckDBInstance.create`; a bad value is an error naming its variable. */
export function duckdbSettings(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const settings: Record<string, string> = { memory_limit: `${positive(env, ENV_DUCKDB_MEMORY_MB) ?? DEFAULT_DUCKDB_MEMORY_MB}MiB` };
  const threads = positive(env, ENV_DUCKDB_THREADS);
  if (threads !== undefined) settings.threads = String(threads);
  return settings;
}

function positive(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const text = env[name];
  if (text === undefined || text.trim() === '') return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new RangeError(`${name} must be a whole positive number, found "${text}"`);
  return n;
}
