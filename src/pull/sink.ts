import type { DuckDBAppender } from '@duckdb/node-api';
import { CharterwatchError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { converters, FIELDS, type Units } from './layout.ts';

/** One remote row, in `FIELDS` order, as the wire gave it (numbers, strings, or null). */
export type RawRow = (number | string | null)[];

const I = Object.fromEntries(FIELDS.map((f, i) => [f, i])) as Record<(typeof FIELDS)[number], number>;
const HEX6 = /^[0-9a-f]{6}$/;

export interface SinkOptions {
  store: Store;
  sourceId: number;
  units: Units;
  /** The window asked for, epoch s: a row outside it means the stream is not what was asked. */
  start: number;
  end: number;
  /** Where the rows come from, for error messages. */
  origin: string;
}

/**
 * Appends pulled rows to `positions` through DuckDB's appender, converting units on the way.
 * A row that cannot be what the query asked for (address not 6 hex digits, time outside the
 * window) stops the pull: it means the stream was cut or corrupted, not that the data is odd.
 */
export class PositionSink {
  rowsRead = 0;
  rowsKept = 0;
  readonly #appender: DuckDBAppender;
  readonly #sourceId: number;
  readonly #start: number;
  readonly #end: number;
  readonly #origin: string;
  readonly #convert: ReturnType<typeof converters>;

  private constructor(appender: DuckDBAppender, { sourceId, units, start, end, origin }: SinkOptions) {
    this.#appender = appender;
    this.#sourceId = sourceId;
    this.#convert = converters(units);
    this.#start = start;
    this.#end = end;
    this.#origin = origin;
  }

  static async open(options: SinkOptions): Promise<PositionSink> {
    return new PositionSink(await options.store.conn.createAppender('positions'), options);
  }

  /** Appends one row; returns false if it was dropped (no usable position). */
  add(row: RawRow): boolean {
    this.rowsRead++;
    const icao24 = row[I.icao24];
    const rawTime = row[I.time];
    if (typeof icao24 !== 'string' || !HEX6.test(icao24) || typeof rawTime !== 'number') {
      throw new CharterwatchError('FAILED', `${this.#origin}: malformed row ${this.rowsRead} in the reply (the stream was cut or is not in the expected layout)`);
    }
    const time = this.#convert.time(rawTime);
    if (!(time >= this.#start && time < this.#end)) {
      throw new CharterwatchError('FAILED', `${this.#origin}: row ${this.rowsRead} has time ${rawTime}, outside the window asked for (the stream was cut or is not in the expected layout)`);
    }
    const lat = row[I.lat];
    const lon = row[I.lon];
    if (typeof lat !== 'number' || typeof lon !== 'number' || !(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) return false;
    const a = this.#appender;
    a.appendInteger(this.#sourceId);
    a.appendVarchar(icao24);
    a.appendDouble(time);
    a.appendDouble(lat);
    a.appendDouble(lon);
    appendNumber(a, row[I.baroaltitude], this.#convert.altitude);
    appendNumber(a, row[I.geoaltitude], this.#convert.altitude);
    const onGround = row[I.onground];
    if (typeof onGround === 'number') a.appendBoolean(onGround !== 0);
    else a.appendNull();
    appendNumber(a, row[I.velocity], this.#convert.speed);
    appendNumber(a, row[I.heading], identity);
    appendNumber(a, row[I.vertrate], this.#convert.vertrate);
    appendText(a, row[I.callsign]);
    appendText(a, row[I.squawk]);
    a.appendUTinyInt(0);
    a.endRow();
    this.rowsKept++;
    return true;
  }

  /** Writes what is buffered (inside the caller's transaction) and releases the appender. */
  close(): void {
    this.#appender.closeSync();
  }
}

const identity = (v: number) => v;

function appendNumber(a: DuckDBAppender, v: number | string | null | undefined, convert: (v: number) => number): void {
  if (typeof v === 'number' && Number.isFinite(v)) a.appendDouble(convert(v));
  else a.appendNull();
}

function appendText(a: DuckDBAppender, v: number | string | null | undefined): void {
  const text = typeof v === 'string' ? v.trim() : '';
  if (text === '') a.appendNull();
  else a.appendVarchar(text);
}
