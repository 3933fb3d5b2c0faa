/** Where the database lives unless told: `--db`, else `CHARTERWATCH_DB`, else `./charterwatch.duckdb`. */
export function defaultDbPath(): string {
  return process.env.CHARTERWATCH_DB || './charterwatch.duckdb';
}
