import { readdirSync } from 'node:fs';
import path from 'node:path';
import { badInput } from '../../errors.ts';
import type { Format, LoadContext, LoadResult } from '../format.ts';
import { isObject, readJsonFile } from '../positions/json-file.ts';
import { commitStage, StageWriter } from '../positions/stage.ts';
import { maybeCallsign, maybeIcao24, maybeNumber, positionProblem } from '../positions/units.ts';

/** readsb trace point flag bits. */
const FLAG_STALE = 1;
const FLAG_NEW_LEG = 2;
const FLAG_ALT_GEOM = 8;

/** Text of a trace file seen by detection: an object with `icao` and `trace` keys. */
const looksLikeTrace = (text: string) => /^\s*\{/.test(text) && /"icao"\s*:/.test(text) && /"trace"\s*:\s*\[/.test(text);

/**
 * readsb / tar1090 `trace_full_<hex>.json` (often gzip-compressed although named `.json`):
 * `{icao, r, t, timestamp, trace: [[dt, lat, lon, alt_ft | "ground" | null, gs, track, flags,
 * vrate, aircraft | null, source, geomAlt, geomRate, ias, roll], …]}`. Rejected points are
 * numbered by their place in `trace` (1-based) in place of a line.
 */
export const readsbTrace: Format = {
  name: 'readsb-trace',
  description: 'readsb/tar1090 trace_full_<hex>.json (plain or gzip)',
  target: 'positions',
  sniff: ({ text, isDirectory }) => (!isDirectory && looksLikeTrace(text) ? 95 : 0),
  async load(ctx) {
    const writer = await StageWriter.open(ctx);
    let read: number;
    try {
      read = await stageTraceFile(ctx, writer, ctx.path, ctx.path, '');
    } finally {
      writer.close();
    }
    return finish(ctx, read);
  },
};

/**
 * A readsb `globe_history` day folder (`…/2024.07.02/`, with `traces/<xx>/trace_full_<hex>.json`),
 * or any folder of trace files: every trace file under it, one source. With a fleet filter a
 * file whose name is not a watched address is not even opened.
 */
export const readsbGlobe: Format = {
  name: 'readsb-globe',
  description: 'readsb globe_history day folder (traces/<xx>/trace_full_<hex>.json)',
  target: 'positions',
  directories: true,
  sniff: ({ path: folder, isDirectory }) => (isDirectory && traceFiles(folder, 1).length > 0 ? 90 : 0),
  async load(ctx) {
    const files = traceFiles(ctx.path);
    if (files.length === 0) throw badInput('no trace_full_*.json files in the folder', ctx.path);
    const writer = await StageWriter.open(ctx);
    let read = 0;
    let opened = 0;
    try {
      for (const file of files) {
        const hex = /trace_full_(~?[0-9a-f]+)\.json/i.exec(path.basename(file))?.[1]?.toLowerCase();
        if (ctx.fleet !== null && hex !== undefined && !ctx.fleet.has(hex)) continue;
        opened++;
        const relative = path.relative(ctx.path, file);
        read += await stageTraceFile(ctx, writer, file, path.join(ctx.sample.path, relative), `${relative}: `);
      }
    } finally {
      writer.close();
    }
    if (ctx.fleet !== null) ctx.warn('fleet', `opened ${opened} of ${files.length} trace files (watched aircraft only; use --all to keep every aircraft)`);
    return finish(ctx, read);
  },
};

async function finish(ctx: LoadContext, read: number): Promise<LoadResult> {
  const { kept } = await commitStage(ctx);
  return { rowsRead: read, rowsKept: kept };
}

/**
 * Stages one trace file's points; returns how many points it has. The callsign and squawk come
 * from the aircraft objects some points carry and hold until the next one says otherwise.
 */
async function stageTraceFile(ctx: LoadContext, writer: StageWriter, file: string, shownAs: string, prefix: string): Promise<number> {
  const doc = readJsonFile(file, shownAs);
  if (!isObject(doc) || !Array.isArray(doc.trace) || typeof doc.icao !== 'string') {
    throw badInput('not a readsb trace: expected an object with "icao" and a "trace" array', shownAs);
  }
  const base = maybeNumber(doc.timestamp);
  if (base === null) throw badInput(`"timestamp" is not a number: ${JSON.stringify(doc.timestamp)}`, shownAs);
  const trace = doc.trace as unknown[];
  const id = maybeIcao24(doc.icao);
  if ('reason' in id) {
    if (ctx.fleet === null) for (let i = 0; i < trace.length; i++) await ctx.rejects.add(i + 1, id.reason, prefix + JSON.stringify(trace[i]));
    return trace.length;
  }
  if (ctx.fleet !== null && !ctx.fleet.has(id.icao24)) return trace.length;
  /** Latest callsign and squawk seen in the trace's aircraft objects. */
  let callsign: string | null = null;
  let squawk: string | null = null;
  for (let i = 0; i < trace.length; i++) {
    const p = trace[i];
    if (!Array.isArray(p) || p.length < 7) {
      await ctx.rejects.add(i + 1, 'point is not an array of at least 7 values', prefix + JSON.stringify(p));
      continue;
    }
    const details = p[8];
    if (isObject(details)) {
      if ('flight' in details) callsign = maybeCallsign(details.flight);
      if ('squawk' in details) squawk = typeof details.squawk === 'string' ? details.squawk : null;
    }
    const dt = maybeNumber(p[0]);
    const problem = dt === null ? 'time offset is not a number' : positionProblem(p[1], p[2]);
    if (problem) {
      await ctx.rejects.add(i + 1, problem, prefix + JSON.stringify(p));
      continue;
    }
    const flags = maybeNumber(p[6]) ?? 0;
    const alt = p[3];
    const ground = alt === 'ground';
    const altFt = ground ? null : maybeNumber(alt);
    // Flag 8: the altitude field holds a geometric altitude (no barometric one was received).
    const geomInAlt = (flags & FLAG_ALT_GEOM) !== 0;
    writer.add(
      {
        icao24: id.icao24,
        time: Math.round((base + dt!) * 1000) / 1000,
        lat: p[1] as number,
        lon: p[2] as number,
        altBaroFt: geomInAlt ? null : altFt,
        altGeomFt: geomInAlt ? altFt : maybeNumber(p[10]),
        onGround: ground ? true : altFt !== null ? false : null,
        gsKt: maybeNumber(p[4]),
        trackDeg: maybeNumber(p[5]),
        vrateFpm: maybeNumber(p[7]),
        callsign,
        squawk,
        flags: (flags & FLAG_STALE ? 1 : 0) | (flags & FLAG_NEW_LEG ? 2 : 0),
      },
      i + 1,
    );
  }
  return trace.length;
}

/** Trace files under a folder (recursively, sorted); stops after `limit` when given. */
function traceFiles(folder: string, limit = Infinity): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (found.length >= limit || depth > 3) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    } catch {
      return;
    }
    for (const e of entries) {
      if (found.length >= limit) return;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full, depth + 1);
      else if (/^trace_full_.+\.json(\.gz)?$/i.test(e.name)) found.push(full);
    }
  };
  walk(folder, 0);
  return found;
}
