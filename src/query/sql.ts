import type { DuckDBValue } from '@duckdb/node-api';

/** A value bound to a `?` of a statement. */
export type SqlValue = DuckDBValue;

/**
 * A piece of SQL and the values of its `?` placeholders, in order. Every value a user gives
 * reaches the database as a bound parameter, never as SQL text; only the query layer's own
 * constants (column names, keys of its tables) are written into `sql`.
 */
export interface Sql {
  sql: string;
  params: SqlValue[];
}

/** `WHERE a AND b …` from conditions (`WHERE true` when there are none), parameters in order. */
export function whereAll(conditions: Sql[]): Sql {
  return {
    sql: `WHERE ${conditions.length ? conditions.map((c) => c.sql).join(' AND ') : 'true'}`,
    params: conditions.flatMap((c) => c.params),
  };
}

/** One page of a list: how many rows at most, after how many. */
export interface Page {
  limit?: number;
  offset?: number;
}

/** LIMIT and OFFSET for a page, with their parameters; nothing when the whole list is asked for. */
export function pageSql({ limit, offset }: Page): Sql {
  return {
    sql: `${limit !== undefined ? ' LIMIT ?' : ''}${offset !== undefined ? ' OFFSET ?' : ''}`,
    params: [...(limit !== undefined ? [limit] : []), ...(offset !== undefined ? [offset] : [])],
  };
}

/** A timestamp column as ISO 8601 in UTC with Z, to the second (`2024-07-01T23:12:14Z`). */
export const isoSql = (column: string) => `strftime(${column} AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ')`;

/**
 * A text as an SQL string literal, for the places DuckDB takes no bound value: a table
 * function's arguments (`read_csv('file', …)`), a COPY's target and options, and the query
 * layer's own constants written into a statement.
 */
export const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** A name as an SQL quoted identifier (a file's column, a staging table's). */
export const sqlIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;
