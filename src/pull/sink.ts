import { Rejects } from '../ingest/rejects.ts';
import { openPositionsAppender } from '../query/write/append.ts';
import { batchTimeProblem, valueProblem } from '../ingest/positions/plausible.ts';
import { BOOLEAN, DOUBLE, DuckDBDataChunk, INTEGER, UTINYINT, VARCHAR, type DuckDBAppender, type DuckDBValue } from '@duckdb/node-api';
import { CharterwatchError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { converters, FIELDS, type Units } from './layout.ts';

/** One remote row, in `FIELDS` order, as the wire gave it (numbers, strings, or null). */
export type RawRow = (number | string | null)[];

const I = Object.fromEntries(FIELDS.map((f, i) => [f, i])) as Record<(typeof FIELDS)[number], number>;
const HEX6 = /^[0-9a-f]{6}$/;

/** The columns of `positions` (migration 3), in table order. */
const TYPES = [INTEGER, VARCHAR, DOUBLE, DOUBLE, DOUBLE, DOUBLE, DOUBLE, BOOLEAN, DOUBLE, DOUBLE, DOUBLE, VARCHAR, VARCHAR, UTINYINT];
const [SOURCE, ICAO, TIME, LAT, LON, BARO, GEOM, GROUND, GS, TRACK, VRATE, CALLSIGN, SQUAWK, FLAGS] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13] as const;
/** Rows per appended chunk: DuckDB's vector size. */
const CHUNK = 2048;

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
 * Takes pulled rows as they stream in and appends them to `positions` inside the window's
 * transaction, converting units as the OpenSky file readers do. Rows are gathered column by
 * column into chunks of 2,048 and handed to DuckDB's appender a chunk at a time: one native call
 * per chunk instead of one per value (the append is the pull's main local cost).
 *
 * A row that cannot be what the query asked for (address not 6 hex digits, time outside the
 * window) stops the pull: it means the stream was cut or corrupted, not that the data is odd.
 */
export class PositionSink {
  rowsRead = 0;
  rowsKept = 0;
  /** Rows refused (no usable position, or implausible values: src/ingest/positions/plausible.ts), by reason. */
  rowsRejected = 0;
  readonly rejectedByReason = new Map<string, number>();
  /** The first MAX_KEPT_ASIDE refused rows, kept aside in `rejects` when the window commits. */
  readonly #asides: { reason: string; raw: string }[] = [];
  readonly #appender: DuckDBAppender;
  readonly #o: SinkOptions;
  readonly #timeScale: number;
  readonly #convert: ReturnType<typeof converters>;
  /** The chunk being filled, one array per column of `positions`. */
  readonly #columns: DuckDBValue[][] = TYPES.map(() => new Array<DuckDBValue>(CHUNK));
  /** Rows in the chunk being filled. */
  #n = 0;
  #closed = false;

  private constructor(appender: DuckDBAppender, options: SinkOptions) {
    this.#appender = appender;
    this.#o = options;
    this.#timeScale = options.units.time === 'ms' ? 1000 : 1;
    this.#convert = converters(options.units);
    this.#columns[SOURCE]!.fill(options.sourceId);
    this.#columns[FLAGS]!.fill(0);
  }

  static async open(options: SinkOptions): Promise<PositionSink> {
    return new PositionSink(await openPositionsAppender(options.store), options);
  }

  /** Appends one row; returns false if it was dropped (no usable position). */
  add(row: RawRow): boolean {
    this.rowsRead++;
    const icao24 = row[I.icao24];
    const rawTime = row[I.time];
    if (typeof icao24 !== 'string' || !HEX6.test(icao24) || typeof rawTime !== 'number') {
      throw new CharterwatchError('FAILED', `${this.#o.origin}: malformed row ${this.rowsRead} in the reply (the stream was cut or is not in the expected layout)`);
    }
    const time = rawTime / this.#timeScale;
    if (!(time >= this.#o.start && time < this.#o.end)) {
      throw new CharterwatchError('FAILED', `${this.#o.origin}: row ${this.rowsRead} has time ${rawTime}, outside the window asked for (the stream was cut or is not in the expected layout)`);
    }
    const lat = row[I.lat];
    const lon = row[I.lon];
    if (typeof lat !== 'number' || typeof lon !== 'number' || !(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) return this.#reject(row, 'no usable position: latitude or longitude missing or out of range');
    const c = this.#columns;
    const n = this.#n;
    const cv = this.#convert;
    c[ICAO]![n] = icao24;
    c[TIME]![n] = time;
    c[LAT]![n] = lat;
    c[LON]![n] = lon;
    c[BARO]![n] = number(row[I.baroaltitude], cv.altitude);
    c[GEOM]![n] = number(row[I.geoaltitude], cv.altitude);
    const onGround = row[I.onground];
    c[GROUND]![n] = typeof onGround === 'number' ? onGround !== 0 : null;
    c[GS]![n] = number(row[I.velocity], cv.speed);
    c[TRACK]![n] = number(row[I.heading], identity);
    c[VRATE]![n] = number(row[I.vertrate], cv.vertrate);
    c[CALLSIGN]![n] = text(row[I.callsign]);
    c[SQUAWK]![n] = text(row[I.squawk]);
    // The same bounds as every batch reader; the row's slot is simply reused by the next row.
    const problem = batchTimeProblem(time) ?? valueProblem({ time, altBaroFt: c[BARO]![n] as number | null, altGeomFt: c[GEOM]![n] as number | null, gsKt: c[GS]![n] as number | null, trackDeg: c[TRACK]![n] as number | null });
    if (problem) return this.#reject(row, problem);
    this.rowsKept++;
    if (++this.#n === CHUNK) this.#flush();
    return true;
  }

  #flush(): void {
    const n = this.#n;
    if (n === 0) return;
    const chunk = DuckDBDataChunk.create(TYPES, n);
    chunk.setColumns(n === CHUNK ? this.#columns : this.#columns.map((column) => column.slice(0, n)));
    this.#appender.appendDataChunk(chunk);
    this.#n = 0;
  }

  #reject(row: RawRow, reason: string): false {
    this.rowsRejected++;
    this.rejectedByReason.set(reason, (this.rejectedByReason.get(reason) ?? 0) + 1);
    if (this.#asides.length < MAX_KEPT_ASIDE) this.#asides.push({ reason, raw: `row ${this.rowsRead} of the reply: ${JSON.stringify(row)}` });
    return false;
  }

  /** Appends what is gathered and keeps the refused rows aside (inside the caller's transaction). */
  async finish(): Promise<void> {
    this.#flush();
    this.close();
    const rejects = new Rejects(this.#o.store, this.#o.sourceId);
    for (const a of this.#asides) await rejects.add(null, a.reason, a.raw);
    rejects.close();
  }

  /** Releases the appender (idempotent); on failure the caller's rollback discards what it wrote. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#appender.closeSync();
  }
}

/** Refused rows of a window kept aside with their text; the rest are counted by reason only (memory stays bounded). */
const MAX_KEPT_ASIDE = 1000;

const identity = (v: number) => v;

function number(v: number | string | null | undefined, convert: (v: number) => number): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? convert(v) : null;
}

function text(v: number | string | null | undefined): string | null {
  const t = typeof v === 'string' ? v.trim() : '';
  return t === '' ? null : t;
}
