/**
 * Generated positions as growing columns (one row per position, all aircraft), in the units of the
 * `positions` table. `finish` adds what receivers add: duplicates, outliers, rows out of order.
 */
import { allocTrack, type Track } from '../tracks/track.ts';

const COLUMNS = ['time', 'lat', 'lon', 'altBaro', 'altGeom', 'gs', 'track'] as const;

export class PositionBuffer {
  /** Addresses, by aircraft number. */
  readonly icao24: string[];
  /** Callsigns, by number; 0 = none. */
  readonly callsigns: string[] = [''];
  n = 0;
  aircraft = new Uint16Array(1024);
  callsign = new Uint16Array(1024);
  time = new Float64Array(1024);
  lat = new Float64Array(1024);
  lon = new Float64Array(1024);
  /** NaN = unknown (NULL in the store). */
  altBaro = new Float64Array(1024);
  altGeom = new Float64Array(1024);
  gs = new Float64Array(1024);
  track = new Float64Array(1024);
  /** 1 on ground, 0 airborne, -1 not said. */
  ground = new Int8Array(1024);
  /** The callsign number the next pushed rows carry. */
  current = 0;
  readonly #callsignIds = new Map<string, number>();

  constructor(icao24: string[]) {
    this.icao24 = icao24;
  }

  /** Sets the callsign of the rows pushed next ('' = none). */
  useCallsign(callsign: string): void {
    if (!callsign) { this.current = 0; return; }
    let id = this.#callsignIds.get(callsign);
    if (id === undefined) {
      id = this.callsigns.length;
      this.callsigns.push(callsign);
      this.#callsignIds.set(callsign, id);
    }
    this.current = id;
  }

  push(k: number, time: number, lat: number, lon: number, altBaro: number, altGeom: number, gs: number, track: number, ground: number, callsign = this.current): void {
    if (this.n === this.time.length) this.#grow();
    const i = this.n++;
    this.aircraft[i] = k;
    this.callsign[i] = callsign;
    this.time[i] = time;
    this.lat[i] = lat;
    this.lon[i] = lon;
    this.altBaro[i] = altBaro;
    this.altGeom[i] = altGeom;
    this.gs[i] = gs;
    this.track[i] = track;
    this.ground[i] = ground;
  }

  #grow(): void {
    const size = this.time.length * 2;
    for (const key of [...COLUMNS, 'aircraft', 'callsign', 'ground'] as const) {
      const old = this[key];
      const bigger = new (old.constructor as new (n: number) => typeof old)(size);
      bigger.set(old as never);
      (this as Record<string, unknown>)[key] = bigger;
    }
  }

  /**
   * A new buffer of the rows before `end`, with defects: each row is a wild outlier with chance
   * `outliers` (a jump of 1–4 degrees, or an altitude spike), repeated by a second receiver with
   * chance `duplicates` (same second or 0.2 s later), and swapped with its predecessor 0.5% of the time.
   */
  finish(end: number, rand: () => number, duplicates: number, outliers: number): PositionBuffer {
    const out = new PositionBuffer(this.icao24);
    out.callsigns.push(...this.callsigns.slice(1));
    for (let i = 0; i < this.n; i++) {
      if (this.time[i]! >= end) continue;
      let lat = this.lat[i]!;
      let baro = this.altBaro[i]!;
      if (rand() < outliers) {
        if (rand() < 0.6) lat += (rand() < 0.5 ? -1 : 1) * (1 + rand() * 3);
        else baro += 15000;
      }
      const cs = rand() < 0.05 ? 0 : this.callsign[i]!;
      out.push(this.aircraft[i]!, this.time[i]!, lat, this.lon[i]!, baro, this.altGeom[i]!, this.gs[i]!, this.track[i]!, this.ground[i]!, cs);
      if (rand() < duplicates) {
        out.push(this.aircraft[i]!, this.time[i]! + (rand() < 0.5 ? 0 : 0.2), lat + 0.00005, this.lon[i]!, baro, this.altGeom[i]!, this.gs[i]!, this.track[i]!, this.ground[i]!, cs);
      }
      const j = out.n - 1;
      if (j > 0 && out.aircraft[j - 1] === out.aircraft[j] && rand() < 0.005) out.#swap(j - 1, j);
    }
    return out;
  }

  #swap(a: number, b: number): void {
    for (const key of [...COLUMNS, 'aircraft', 'callsign', 'ground'] as const) {
      const col = this[key];
      const x = col[a]!;
      col[a] = col[b]!;
      col[b] = x;
    }
  }

  /** Aircraft k's rows as a Track (raw: unsorted where the buffer is), for deriving legs without the store. */
  toTrack(k: number): Track {
    let count = 0;
    for (let i = 0; i < this.n; i++) if (this.aircraft[i] === k) count++;
    const t = allocTrack(this.icao24[k]!, count);
    for (let i = 0; i < this.n; i++) {
      if (this.aircraft[i] !== k) continue;
      const j = t.n++;
      t.time[j] = this.time[i]!;
      t.lat[j] = this.lat[i]!;
      t.lon[j] = this.lon[i]!;
      t.alt[j] = Number.isNaN(this.altBaro[i]!) ? this.altGeom[i]! : this.altBaro[i]!;
      t.gs[j] = this.gs[i]!;
      t.track[j] = this.track[i]!;
      t.ground[j] = this.ground[i]!;
    }
    return t;
  }
}
