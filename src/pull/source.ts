import type { Units } from './layout.ts';
import type { RawRow } from './sink.ts';
import type { Window } from './windows.ts';

/** A remote engine that holds positions: ClickHouse, OpenSky's Trino. */
export interface PullSource {
  /** The `sources.format` of what it loads: `clickhouse`, `opensky-trino`. */
  readonly format: string;
  /** The remote table as a URL without credentials: the key of resumability and `sources.path`. */
  readonly origin: string;
  /** Units of the values `stream` hands over. */
  readonly units: Units;
  /** Recommended window length. */
  readonly windowHours: number;
  /** Windows pulled at once unless told otherwise, and the most the engine may be asked for. */
  readonly concurrency: { default: number; max: number };
  /** Checks the engine answers, the credentials work and the table has the expected columns. */
  check(): Promise<void>;
  /** The query text for a window (hashed into the source's sha256, so it must be deterministic). */
  query(window: Window): string;
  /**
   * Runs `query`, handing each row (in `FIELDS` order) to `onRow` as it arrives; returns bytes
   * received. `signal` cancels it (another window of the same pull failed).
   */
  stream(query: string, onRow: (row: RawRow) => void, signal?: AbortSignal): Promise<{ bytes: number }>;
  /**
   * Engines that can write a window's reply as CSV (ClickHouse): the query text for it, and a
   * download of its reply into a file that DuckDB then reads itself (src/pull/landing.ts),
   * instead of handing rows over one by one. Rows in `FIELDS` order without `lastcontact`.
   */
  fileQuery?(window: Window): string;
  download?(query: string, file: string, signal?: AbortSignal): Promise<Download>;
}

/** A reply written to a file. */
export interface Download {
  bytes: number;
  /** Of the bytes received, as received. */
  sha256: string;
  /** Line ends in the reply: its rows, when no string in it holds a line break. */
  newlines: number;
}
