import { readdirSync } from 'node:fs';
import path from 'node:path';
import { badInput } from '../../errors.ts';
import type { FleetFilter, Format, LoadContext, LoadResult } from '../format.ts';
import { isObject, readJsonFile, readMaybeGzip } from '../positions/json-file.ts';
import { commitStage, StageWriter, warnNoPosition, type PositionRow } from '../positions/stage.ts';
import { maybeCallsign, maybeIcao24, maybeNumber, positionProblem } from '../positions/units.ts';

/** Text of a snapshot seen by detection: an object with `now` and an `aircraft` array. */
const looksLikeSnapshot = (text: string) => /^\s*\{/.test(text) && /"now"\s*:/.test(text) && /"aircraft"\s*:\s*\[/.test(text);

/**
 * A readsb / dump1090 `aircraft.json` snapshot: `{now, messages, aircraft: [{hex, flight,
 * alt_baro, alt_geom, gs, track, baro_rate, squawk, lat, lon, seen_pos, …}]}`. A position's
 * time is `now - seen_pos`, so the same position repeated in later snapshots collapses as a
 * duplicate. Rejected entries are numbered by their place in `aircraft` (1-based).
 */
export const aircraftJson: Format = {
  name: 'aircraft-json',
  description: 'readsb/dump1090 aircraft.json snapshot (plain or gzip)',
  target: 'positions',
  sniff: ({ text, isDirectory }) => (!isDirectory && looksLikeSnapshot(text) ? 95 : 0),
  async load(ctx) {
    const writer = await StageWriter.open(ctx);
    let counts: Counts;
    try {
      counts = await stageSnapshot(ctx, writer, ctx.path, ctx.path, '');
    } finally {
      writer.close();
    }
    return finish(ctx, counts);
  },
};

/** A folder of `aircraft.json` snapshots (as a recorder saves them every few seconds), read as one time series. */
export const aircraftJsonFolder: Format = {
  name: 'aircraft-json-folder',
  description: 'a folder of readsb/dump1090 aircraft.json snapshots (plain or gzip), one source',
  target: 'positions',
  directories: true,
  sniff: ({ path: folder, entries }) => {
    const first = entries.find((e) => /\.json(\.gz)?$/i.test(e));
    if (!first) return 0;
    try {
      return looksLikeSnapshot(readMaybeGzip(path.join(folder, first)).subarray(0, 65536).toString('utf8')) ? 90 : 0;
    } catch {
      return 0;
    }
  },
  async load(ctx) {
    const files = readdirSync(ctx.path).filter((e) => /\.json(\.gz)?$/i.test(e)).sort();
    if (files.length === 0) throw badInput('no .json files in the folder', ctx.path);
    const writer = await StageWriter.open(ctx);
    const total: Counts = { read: 0, noPosition: 0 };
    try {
      for (const name of files) {
        const c = await stageSnapshot(ctx, writer, path.join(ctx.path, name), path.join(ctx.sample.path, name), `${name}: `);
        total.read += c.read;
        total.noPosition += c.noPosition;
      }
    } finally {
      writer.close();
    }
    return finish(ctx, total);
  },
};

interface Counts {
  read: number;
  noPosition: number;
}

async function finish(ctx: LoadContext, { read, noPosition }: Counts): Promise<LoadResult> {
  warnNoPosition(ctx, noPosition);
  const { kept } = await commitStage(ctx);
  return { rowsRead: read, rowsKept: kept };
}

async function stageSnapshot(ctx: LoadContext, writer: StageWriter, file: string, shownAs: string, prefix: string): Promise<Counts> {
  const snapshot = snapshotParts(readJsonFile(file, shownAs));
  if ('problem' in snapshot) throw badInput(snapshot.problem, shownAs);
  const { now, aircraft } = snapshot;
  let noPosition = 0;
  for (let i = 0; i < aircraft.length; i++) {
    const entry = snapshotEntry(aircraft[i], now, ctx.fleet);
    if ('row' in entry) writer.add(entry.row, i + 1);
    else if ('reject' in entry) await ctx.rejects.add(i + 1, entry.reject, prefix + JSON.stringify(aircraft[i]));
    else if (entry.skip === 'no-position') noPosition++;
  }
  return { read: aircraft.length, noPosition };
}

/** A snapshot's `now` and `aircraft` array, or what is wrong with it. */
export function snapshotParts(doc: unknown): { now: number; aircraft: unknown[] } | { problem: string } {
  if (!isObject(doc) || !Array.isArray(doc.aircraft)) return { problem: 'not an aircraft.json snapshot: expected an object with an "aircraft" array' };
  const now = maybeNumber(doc.now);
  if (now === null) return { problem: `"now" is not a number: ${JSON.stringify(doc.now)}` };
  return { now, aircraft: doc.aircraft };
}

/** One entry of a snapshot's `aircraft` array: its position, the reason it is rejected, or why it is passed over (not watched, no position: not errors). */
export type SnapshotEntry = { row: PositionRow } | { reject: string } | { skip: 'not-watched' | 'no-position' };

/**
 * Converts one entry of a snapshot taken at `now` (epoch s) into a position in the store's units.
 * Shared by this reader and the live aircraft.json client, so a file and a feed read alike.
 */
export function snapshotEntry(a: unknown, now: number, fleet: FleetFilter): SnapshotEntry {
  if (!isObject(a)) return { reject: 'entry is not an object' };
  const id = maybeIcao24(a.hex);
  if ('reason' in id) return { reject: id.reason };
  if (fleet !== null && !fleet.has(id.icao24)) return { skip: 'not-watched' };
  if (a.lat === undefined && a.lon === undefined) return { skip: 'no-position' };
  const problem = positionProblem(a.lat, a.lon);
  if (problem) return { reject: problem };
  // dump1090 (older) writes `altitude`, `vert_rate` and `speed`; readsb `alt_baro`, `baro_rate`, `gs`.
  const alt = a.alt_baro ?? a.altitude;
  const ground = alt === 'ground';
  const altFt = ground ? null : maybeNumber(alt);
  const seenPos = maybeNumber(a.seen_pos) ?? maybeNumber(a.seen) ?? 0;
  return {
    row: {
      icao24: id.icao24,
      // readsb rounds seen_pos to 0.1 s: so is the time, so that repeats of a position match exactly.
      time: Math.round((now - seenPos) * 10) / 10,
      lat: a.lat as number,
      lon: a.lon as number,
      altBaroFt: altFt,
      altGeomFt: maybeNumber(a.alt_geom),
      onGround: ground ? true : altFt !== null ? false : null,
      gsKt: maybeNumber(a.gs ?? a.speed),
      trackDeg: maybeNumber(a.track),
      vrateFpm: maybeNumber(a.baro_rate ?? a.geom_rate ?? a.vert_rate),
      callsign: maybeCallsign(a.flight),
      squawk: typeof a.squawk === 'string' ? a.squawk : null,
      flags: 0,
    },
  };
}
