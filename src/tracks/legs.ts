/**
 * Positions in the store → legs in the store (origin 'adsb'). Reads each aircraft's positions in
 * time order into typed arrays, cleans them, splits them into legs and gives each end an airport.
 */
import type { DuckDBDataChunk, DuckDBValue } from '@duckdb/node-api';
import { callsignRuns, historyAirports, positionAircraft, positionsWhere, replaceAdsbLegs, streamTrackPositions, type AdsbLegRow } from '../query/write/legs.ts';
import type { Sql } from '../query/sql.ts';
import type { Store } from '../store/store.ts';
import { cleanTrack, type CleanScratch, type CleanStats } from './clean.ts';
import { runwayNeededFt } from './ends.ts';
import { isMilitaryType } from './field-fit.ts';
import { legsFromTrack, type DerivedLeg } from './segment.ts';
import { allocTrack, type Track } from './track.ts';

export interface DeriveOptions {
  /** ICAO type designator (B734, B763…): decides which runways fit. */
  type?: string | null;
  stats?: CleanStats;
  /** Times the callsign changed, ascending (a hint at gaps). */
  callsignChanges?: ArrayLike<number>;
  /** ICAO codes of fields the fleet's leg histories name: a military one among them stays a candidate end (field-fit.ts). */
  usedFields?: ReadonlySet<string>;
  /** Arrays to clean the track into, reused across the aircraft of one run (clean.ts); fresh ones when absent. */
  scratch?: CleanScratch;
}

/**
 * The legs of one aircraft's raw positions (any order, duplicates and outliers allowed).
 *
 * @example deriveLegs(track, { type: 'B763' }).map((l) => [l.departure.airport?.icao, l.arrival.airport?.icao])
 */
export function deriveLegs(raw: Track, { type = null, stats, callsignChanges, usedFields, scratch }: DeriveOptions = {}): DerivedLeg[] {
  // The cleaned track may live in reused arrays: the legs keep times and airports, not the track.
  return legsFromTrack(cleanTrack(raw, stats, { scratch }), { runwayFt: runwayNeededFt(type), military: isMilitaryType(type), usedFields, callsignChanges });
}

export interface BuildLegsOptions {
  /** Inclusive start, ISO date or date-time (UTC). */
  from?: string;
  /** Exclusive end. */
  to?: string;
  /** ICAO addresses (lower-case hex); all aircraft with positions when absent. */
  aircraft?: string[];
  /** ICAO type designator per address, when known (the fleet registry). */
  types?: Map<string, string>;
}

export interface BuildLegsResult {
  aircraft: number;
  positions: number;
  legs: number;
  stats: CleanStats;
}

/** An aircraft's callsign runs: each callsign from the first to the last position that carried it, in time order. */
interface Callsigns {
  start: number[];
  end: number[];
  callsign: string[];
}

/**
 * (Re)derives the adsb legs of the selected aircraft and period: deletes the adsb legs that
 * start (or, without a start, end) in it, then writes the new ones, in one transaction.
 * Kind, evidence and mission are left for classification.
 */
export async function buildLegs(store: Store, { from, to, aircraft, types }: BuildLegsOptions = {}): Promise<BuildLegsResult> {
  // Positions are read PAD_S beyond the period, so that a leg starting in it and landing after it
  // (or the ground roll before its take-off) is derived whole; only legs starting in it are kept.
  const where = positionsWhere({ from, to, aircraft }, PAD_S);
  const fromS = from ? Date.parse(from) / 1000 : -Infinity;
  const toS = to ? Date.parse(to) / 1000 : Infinity;
  const stats: CleanStats = { duplicates: 0, outliers: 0, altitudeSpikes: 0 };

  const fleet = await positionAircraft(store, where);
  const callsigns = await readCallsigns(store, where);
  const usedFields = new Set(await historyAirports(store));
  const rows: AdsbLegRow[] = [];
  // One set of cleaning arrays for every aircraft of the run: each track is done with before the next.
  const scratch: CleanScratch = { track: null };
  let positions = 0;
  for await (const track of readTracks(store, fleet.map((f) => f.icao24), where.sql, where.params)) {
    positions += track.n;
    const generated = fleet.find((f) => f.icao24 === track.icao24)?.generated ?? false;
    const cs = callsigns.get(track.icao24);
    // The first callsign seen is not a change.
    const callsignChanges = cs ? cs.start.slice(1) : undefined;
    for (const leg of deriveLegs(track, { type: types?.get(track.icao24) ?? null, stats, callsignChanges, usedFields, scratch })) {
      const d = leg.departure;
      const a = leg.arrival;
      // Kept as the deletion below picks legs: by take-off, else landing.
      const at = d.time ?? a.time;
      if (at < fromS || at >= toS) continue;
      rows.push([
        generated, track.icao24, types?.get(track.icao24) ?? null, legCallsign(callsigns.get(track.icao24), d.time, a.time),
        d.airport?.icao ?? null, d.airport?.country ?? null, d.time, d.status, d.evidence ?? null,
        a.airport?.icao ?? null, a.airport?.country ?? null, a.time, a.status, a.evidence ?? null,
      ]);
    }
  }

  await store.transaction(() => replaceAdsbLegs(store, { from, to, aircraft }, rows));
  return { aircraft: fleet.length, positions, legs: rows.length, stats };
}

/** Hours of positions read either side of a period being rebuilt. */
const PAD_S = 12 * 3600;

/**
 * Each aircraft's positions as a Track, one aircraft at a time, streamed from one query ordered by
 * aircraft and time (src/query/write/legs.ts: streamTrackPositions). NULLs become NaN (or -1) in
 * SQL, so every column is a plain typed array that is copied a run of rows at a time into the
 * aircraft's growing arrays. `filter` and `params`: a WHERE clause over positions and its values,
 * as `positionsWhere` makes them (none: every position).
 */
export async function* readTracks(store: Store, addresses: string[], filter = '', params: DuckDBValue[] = []): AsyncGenerator<Track> {
  if (addresses.length === 0) return;
  const result = await streamTrackPositions(store, addresses, { sql: filter, params });
  let current = -1;
  let t: Track | null = null;
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    const rows = chunk.rowCount;
    const k = column(chunk, 0, Int32Array, rows);
    const cols = [1, 2, 3, 4, 5, 6].map((c) => column(chunk, c, Float64Array, rows));
    const g = column(chunk, 7, Int8Array, rows);
    let r0 = 0;
    while (r0 < rows) {
      if (k[r0] !== current) {
        if (t) yield t;
        current = k[r0]!;
        t = allocTrack(addresses[current - 1]!, 4096);
      }
      let r1 = r0 + 1;
      while (r1 < rows && k[r1] === current) r1++;
      while (t!.n + (r1 - r0) > t!.time.length) t = grow(t!);
      const at = t!.n;
      t!.time.set(cols[0]!.subarray(r0, r1), at);
      t!.lat.set(cols[1]!.subarray(r0, r1), at);
      t!.lon.set(cols[2]!.subarray(r0, r1), at);
      t!.alt.set(cols[3]!.subarray(r0, r1), at);
      t!.gs.set(cols[4]!.subarray(r0, r1), at);
      t!.track.set(cols[5]!.subarray(r0, r1), at);
      t!.ground.set(g.subarray(r0, r1), at);
      t!.n += r1 - r0;
      r0 = r1;
    }
  }
  if (t) yield t;
}

type Numeric = Float64ArrayConstructor | Int32ArrayConstructor | Int8ArrayConstructor;

/**
 * A chunk's column as a typed array. The client's vectors of fixed-width types hold their data in a
 * typed array (`items`, not part of its typed API): used when present and of the expected kind,
 * else the values are copied out one by one. Only for columns without NULLs (see streamTrackPositions).
 */
function column<C extends Numeric>(chunk: DuckDBDataChunk, c: number, Type: C, rows: number): InstanceType<C> {
  const items = (chunk.getColumnVector(c) as unknown as { items?: unknown }).items;
  if (items instanceof Type && items.length === rows) return items as InstanceType<C>;
  return Type.from(chunk.getColumnValues(c) as number[]) as InstanceType<C>;
}

function grow(t: Track): Track {
  const bigger = allocTrack(t.icao24, t.time.length * 2);
  bigger.n = t.n;
  for (const key of ['time', 'lat', 'lon', 'alt', 'gs', 'track', 'ground'] as const) (bigger[key] as Float64Array).set(t[key] as Float64Array);
  return bigger;
}

/** Each aircraft's callsign runs in `where` (src/query/write/legs.ts: callsignRuns). */
async function readCallsigns(store: Store, where: Sql): Promise<Map<string, Callsigns>> {
  const rows = await callsignRuns(store, where);
  const map = new Map<string, Callsigns>();
  for (const r of rows) {
    let c = map.get(r.icao24);
    if (!c) map.set(r.icao24, (c = { start: [], end: [], callsign: [] }));
    if (r.starts) {
      c.start.push(r.time);
      c.end.push(r.time);
      c.callsign.push(r.callsign);
    }
    if (r.ends) c.end[c.end.length - 1] = r.time;
  }
  return map;
}

/** How long before take-off a callsign last heard on the ground still names the leg, s. */
const GATE_S = 1800;

/**
 * The callsign heard for the longest part of [from, to] (callsigns are hints, and may change
 * within a leg); one heard only on the ground up to 30 minutes before take-off counts too. A leg
 * flown with no callsign has none, whatever the leg before it carried.
 */
function legCallsign(c: Callsigns | undefined, from: number, to: number): string | null {
  if (!c) return null;
  let best: string | null = null;
  let most = -Infinity;
  for (let k = 0; k < c.start.length; k++) {
    const start = c.start[k]!;
    const end = c.end[k]!;
    if (start > to || end < from - GATE_S) continue;
    const held = Math.min(to, end) - Math.max(from, start);
    if (held > most) {
      most = held;
      best = c.callsign[k]!;
    }
  }
  return best;
}
