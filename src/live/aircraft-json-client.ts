/**
 * Polls a readsb / dump1090 `aircraft.json` over HTTP and yields the positions that are new since
 * the previous poll (a position repeats in every snapshot until the next one arrives: its time,
 * `now - seen_pos`, tells them apart). Failed polls back off exponentially. A response is read
 * up to `maxResponseBytes` only: past it the transfer is cut, and the poll fails saying so
 * (a busy receiver's snapshot is a few hundred KB; a server sending gigabytes must not fill memory).
 */
import type { PositionRow } from '../ingest/positions/stage.ts';
import { snapshotEntry, snapshotParts } from '../ingest/formats/aircraft-json.ts';
import { sizeText } from '../ingest/limits.ts';
import { backoffMs, sleep } from './sbs-client.ts';

export type PollEvent =
  | { kind: 'positions'; rows: PositionRow[]; bytes: number; entries: number; rejected: PollReject[] }
  | { kind: 'failed'; reason: string; retryInMs: number; oversized: boolean };

/** An entry not used; `implausible` when it failed the caller's check (`check`), not the reading. */
export interface PollReject {
  index: number;
  reason: string;
  raw: string;
  implausible?: boolean;
}

/**
 * The caller's check of a position (why it cannot be used, or null), given the snapshot's `now`
 * (the receiver's clock). A position refused never counts as the aircraft's latest.
 */
export type PositionCheck = (row: PositionRow, receiverNow: number) => string | null;

import { DEFAULT_MAX_RESPONSE_MB } from './limits.ts';

export { DEFAULT_MAX_RESPONSE_MB };

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
  /** Most bytes read of one response (default DEFAULT_MAX_RESPONSE_MB MiB). */
  maxResponseBytes?: number;
  check?: PositionCheck;
}

/** A response cut at the size limit. */
class OversizedResponse extends Error {}

export async function* pollAircraftJson({
  url,
  signal,
  intervalMs = 1000,
  fleet,
  initialMs = 1000,
  maxMs = 30_000,
  maxPolls = Infinity,
  maxResponseBytes = DEFAULT_MAX_RESPONSE_MB * 1024 * 1024,
  check,
}: AircraftJsonOptions): AsyncGenerator<PollEvent> {
  /** Time of the last position yielded per aircraft (bounded: only watched aircraft, or pruned). */
  const lastTime = new Map<string, number>();
  let failures = 0;
  for (let polls = 0; polls < maxPolls && !signal.aborted; polls++) {
    let text: string;
    try {
      const res = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(10_000)]) });
      text = await readLimited(res, maxResponseBytes);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const event = snapshotPositions(text, fleet, lastTime, check);
      failures = 0;
      yield event;
    } catch (error) {
      if (signal.aborted) return;
      failures++;
      const wait = backoffMs(failures, { initialMs, maxMs });
      yield { kind: 'failed', reason: (error as Error).message, retryInMs: wait, oversized: error instanceof OversizedResponse };
      await sleep(wait, signal);
      continue;
    }
    await sleep(intervalMs, signal);
  }
}

/**
 * A response's body as text, read chunk by chunk up to `limit` bytes: a larger one (by its
 * Content-Length or as it arrives) is cut off at once and refused, never held whole.
 */
async function readLimited(res: Response, limit: number): Promise<string> {
  const refuse = () => new OversizedResponse(`response larger than ${sizeText(limit)}, the limit of one aircraft.json (--max-response-mb raises it); not read further`);
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await res.body?.cancel();
    throw refuse();
  }
  if (!res.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw refuse();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The new positions of one snapshot's text. Throws when the text is not a snapshot at all. */
export function snapshotPositions(text: string, fleet: ReadonlySet<string> | null, lastTime: Map<string, number>, check?: PositionCheck): PollEvent & { kind: 'positions' } {
  const snapshot = snapshotParts(JSON.parse(text));
  if ('problem' in snapshot) throw new Error(snapshot.problem);
  const { now, aircraft } = snapshot;
  const rows: PositionRow[] = [];
  const rejected: PollReject[] = [];
  for (let i = 0; i < aircraft.length; i++) {
    // The same conversion as the aircraft-json file reader: a feed and a saved snapshot read alike.
    const entry = snapshotEntry(aircraft[i], now, fleet);
    if ('reject' in entry) rejected.push({ index: i + 1, reason: entry.reject, raw: JSON.stringify(aircraft[i]) });
    if (!('row' in entry)) continue;
    const { row } = entry;
    const problem = check?.(row, now) ?? null;
    if (problem !== null) {
      rejected.push({ index: i + 1, reason: problem, raw: JSON.stringify(aircraft[i]), implausible: true });
      continue;
    }
    // A position repeats in every snapshot until the next one arrives: keep it once.
    if ((lastTime.get(row.icao24) ?? -Infinity) >= row.time) continue;
    lastTime.set(row.icao24, row.time);
    rows.push(row);
  }
  // Without a fleet filter the map would grow with every aircraft ever seen: forget the silent ones.
  if (lastTime.size > 50_000) for (const [k, t] of lastTime) if (t < now - 3600) lastTime.delete(k);
  return { kind: 'positions', rows, bytes: Buffer.byteLength(text), entries: aircraft.length, rejected };
}
