/**
 * Polls a readsb / dump1090 `aircraft.json` over HTTP and yields the positions that are new since
 * the previous poll (a position repeats in every snapshot until the next one arrives: its time,
 * `now - seen_pos`, tells them apart). Failed polls back off exponentially.
 */
import type { PositionRow } from '../ingest/positions/stage.ts';
import { maybeCallsign, maybeIcao24, maybeNumber, positionProblem } from '../ingest/positions/units.ts';
import { backoffMs, sleep } from './sbs-client.ts';

export type PollEvent =
  | { kind: 'positions'; rows: PositionRow[]; bytes: number; entries: number; rejected: { index: number; reason: string; raw: string }[] }
  | { kind: 'failed'; reason: string; retryInMs: number };

export interface AircraftJsonOptions {
  url: string;
  signal: AbortSignal;
  /** Time between polls, ms. */
  intervalMs?: number;
  /** Keep these aircraft only. */
  fleet: ReadonlySet<string> | null;
  initialMs?: number;
  maxMs?: number;
  /** Polls before stopping (default: until aborted). */
  maxPolls?: number;
}

export async function* pollAircraftJson({ url, signal, intervalMs = 1000, fleet, initialMs = 1000, maxMs = 30_000, maxPolls = Infinity }: AircraftJsonOptions): AsyncGenerator<PollEvent> {
  /** Time of the last position yielded per aircraft (bounded: only watched aircraft, or pruned). */
  const lastTime = new Map<string, number>();
  let failures = 0;
  for (let polls = 0; polls < maxPolls && !signal.aborted; polls++) {
    let text: string;
    try {
      const res = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(10_000)]) });
      text = await res.text();
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const event = snapshotPositions(text, fleet, lastTime);
      failures = 0;
      yield event;
    } catch (error) {
      if (signal.aborted) return;
      failures++;
      const wait = backoffMs(failures, { initialMs, maxMs });
      yield { kind: 'failed', reason: (error as Error).message, retryInMs: wait };
      await sleep(wait, signal);
      continue;
    }
    await sleep(intervalMs, signal);
  }
}

/** The new positions of one snapshot's text. Throws when the text is not a snapshot at all. */
export function snapshotPositions(text: string, fleet: ReadonlySet<string> | null, lastTime: Map<string, number>): PollEvent & { kind: 'positions' } {
  const doc = JSON.parse(text) as { now?: unknown; aircraft?: unknown };
  if (typeof doc !== 'object' || doc === null || !Array.isArray(doc.aircraft)) throw new Error('not an aircraft.json snapshot: expected an object with an "aircraft" array');
  const now = maybeNumber(doc.now);
  if (now === null) throw new Error(`"now" is not a number: ${JSON.stringify(doc.now)}`);
  const rows: PositionRow[] = [];
  const rejected: { index: number; reason: string; raw: string }[] = [];
  const list = doc.aircraft as Record<string, unknown>[];
  for (let i = 0; i < list.length; i++) {
    const a = list[i]!;
    if (typeof a !== 'object' || a === null) { rejected.push({ index: i + 1, reason: 'entry is not an object', raw: JSON.stringify(a) }); continue; }
    const id = maybeIcao24(a.hex);
    if ('reason' in id) { rejected.push({ index: i + 1, reason: id.reason, raw: JSON.stringify(a) }); continue; }
    if (fleet !== null && !fleet.has(id.icao24)) continue;
    if (a.lat === undefined && a.lon === undefined) continue;
    const problem = positionProblem(a.lat, a.lon);
    if (problem) { rejected.push({ index: i + 1, reason: problem, raw: JSON.stringify(a) }); continue; }
    // As the aircraft-json reader does: dump1090 writes altitude/vert_rate/speed, readsb alt_baro/baro_rate/gs.
    const alt = a.alt_baro ?? a.altitude;
    const ground = alt === 'ground';
    const time = Math.round((now - (maybeNumber(a.seen_pos) ?? maybeNumber(a.seen) ?? 0)) * 10) / 10;
    if ((lastTime.get(id.icao24) ?? -Infinity) >= time) continue;
    lastTime.set(id.icao24, time);
    rows.push({
      icao24: id.icao24,
      time,
      lat: a.lat as number,
      lon: a.lon as number,
      altBaroFt: ground ? null : maybeNumber(alt),
      altGeomFt: maybeNumber(a.alt_geom),
      onGround: ground ? true : maybeNumber(alt) !== null ? false : null,
      gsKt: maybeNumber(a.gs ?? a.speed),
      trackDeg: maybeNumber(a.track),
      vrateFpm: maybeNumber(a.baro_rate ?? a.vert_rate ?? a.geom_rate),
      callsign: maybeCallsign(a.flight),
      squawk: typeof a.squawk === 'string' ? a.squawk : null,
      flags: 0,
    });
  }
  // Without a fleet filter the map would grow with every aircraft ever seen: forget the silent ones.
  if (lastTime.size > 50_000) for (const [k, t] of lastTime) if (t < now - 3600) lastTime.delete(k);
  return { kind: 'positions', rows, bytes: Buffer.byteLength(text), entries: list.length, rejected };
}
