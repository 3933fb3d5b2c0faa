import type { DuckDBAppender } from '@duckdb/node-api';
import { CharterwatchError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { conversionSql, FIELDS, type Units } from './layout.ts';

/** One remote row, in `FIELDS` order, as the wire gave it (numbers, strings, or null). */
export type RawRow = (number | string | null)[];

const I = Object.fromEntries(FIELDS.map((f, i) => [f, i])) as Record<(typeof FIELDS)[number], number>;
const HEX6 = /^[0-9a-f]{6}$/;
const STAGE = '_pull_stage';

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
 * Takes pulled rows as they stream in: appends their raw values to a temporary table through
 * DuckDB's appender, then `finish()` moves them into `positions` in one statement, converting
 * units in SQL exactly as the OpenSky file readers do. Runs inside the window's transaction.
 *
 * A row that cannot be what the query asked for (address not 6 hex digits, time outside the
 * window) stops the pull: it means the stream was cut or corrupted, not that the data is odd.
 */
export class PositionSink {
  rowsRead = 0;
  rowsKept = 0;
  readonly #store: Store;
  readonly #appender: DuckDBAppender;
  readonly #o: SinkOptions;
  readonly #timeScale: number;
  #closed = false;

  private constructor(store: Store, appender: DuckDBAppender, options: SinkOptions) {
    this.#store = store;
    this.#appender = appender;
    this.#o = options;
    this.#timeScale = options.units.time === 'ms' ? 1000 : 1;
  }

  static async open(options: SinkOptions): Promise<PositionSink> {
    const { store } = options;
    await store.run(
      `CREATE OR REPLACE TEMP TABLE ${STAGE} (icao24 VARCHAR, time DOUBLE, lat DOUBLE, lon DOUBLE, baro DOUBLE, geom DOUBLE,
        on_ground BOOLEAN, speed DOUBLE, track DOUBLE, vrate DOUBLE, callsign VARCHAR, squawk VARCHAR)`,
    );
    return new PositionSink(store, await store.conn.createAppender(STAGE, null, 'temp'), options);
  }

  /** Stages one row; returns false if it was dropped (no usable position). */
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
    if (typeof lat !== 'number' || typeof lon !== 'number' || !(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) return false;
    const a = this.#appender;
    a.appendVarchar(icao24);
    a.appendDouble(time);
    a.appendDouble(lat);
    a.appendDouble(lon);
    appendNumber(a, row[I.baroaltitude]);
    appendNumber(a, row[I.geoaltitude]);
    const onGround = row[I.onground];
    if (typeof onGround === 'number') a.appendBoolean(onGround !== 0);
    else a.appendNull();
    appendNumber(a, row[I.velocity]);
    appendNumber(a, row[I.heading]);
    appendNumber(a, row[I.vertrate]);
    appendText(a, row[I.callsign]);
    appendText(a, row[I.squawk]);
    a.endRow();
    this.rowsKept++;
    return true;
  }

  /** Moves the staged rows into `positions` (inside the caller's transaction). */
  async finish(): Promise<void> {
    this.close();
    const c = conversionSql(this.#o.units);
    await this.#store.run(
      `INSERT INTO positions (source_id, icao24, time, lat, lon, alt_baro_ft, alt_geom_ft, on_ground, gs_kt, track_deg, vrate_fpm, callsign, squawk, flags)
       SELECT ${Number(this.#o.sourceId)}, icao24, time, lat, lon, ${c.altitude('baro')}, ${c.altitude('geom')}, on_ground,
              ${c.speed('speed')}, track, ${c.vertrate('vrate')}, callsign, squawk, 0
       FROM ${STAGE}`,
    );
    await this.#store.run(`DROP TABLE ${STAGE}`);
  }

  /** Releases the appender (idempotent). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#appender.closeSync();
  }
}

function appendNumber(a: DuckDBAppender, v: number | string | null | undefined): void {
  if (typeof v === 'number' && Number.isFinite(v)) a.appendDouble(v);
  else a.appendNull();
}

function appendText(a: DuckDBAppender, v: number | string | null | undefined): void {
  const text = typeof v === 'string' ? v.trim() : '';
  if (text === '') a.appendNull();
  else a.appendVarchar(text);
}
