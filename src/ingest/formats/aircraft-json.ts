import { readdirSync } from 'node:fs';
import path from 'node:path';
import { badInput } from '../../errors.ts';
import type { Format, LoadContext, LoadResult } from '../format.ts';
import { isObject, readJsonFile, readMaybeGzip } from '../positions/json-file.ts';
import { commitStage, StageWriter, warnNoPosition } from '../positions/stage.ts';
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
  const doc = readJsonFile(file, shownAs);
  if (!isObject(doc) || !Array.isArray(doc.aircraft)) throw badInput('not an aircraft.json snapshot: expected an object with an "aircraft" array', shownAs);
  const now = maybeNumber(doc.now);
  if (now === null) throw badInput(`"now" is not a number: ${JSON.stringify(doc.now)}`, shownAs);
  const list = doc.aircraft as unknown[];
  let noPosition = 0;
  for (let i = 0; i < list.length; i++) {
    const a = list[i];
    if (!isObject(a)) {
      await ctx.rejects.add(i + 1, 'entry is not an object', prefix + JSON.stringify(a));
      continue;
    }
    const id = maybeIcao24(a.hex);
    if ('reason' in id) {
      await ctx.rejects.add(i + 1, id.reason, prefix + JSON.stringify(a));
      continue;
    }
    if (ctx.fleet !== null && !ctx.fleet.has(id.icao24)) continue;
    if (a.lat === undefined && a.lon === undefined) {
      noPosition++;
      continue;
    }
    const problem = positionProblem(a.lat, a.lon);
    if (problem) {
      await ctx.rejects.add(i + 1, problem, prefix + JSON.stringify(a));
      continue;
    }
    // dump1090 (older) writes `altitude`, `vert_rate` and `speed`; readsb `alt_baro`, `baro_rate`, `gs`.
    const alt = a.alt_baro ?? a.altitude;
    const ground = alt === 'ground';
    const altFt = ground ? null : maybeNumber(alt);
    const seenPos = maybeNumber(a.seen_pos) ?? maybeNumber(a.seen) ?? 0;
    writer.add(
      {
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
      i + 1,
    );
  }
  return { read: list.length, noPosition };
}
