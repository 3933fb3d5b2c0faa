/**
 * Cleans one aircraft's raw positions: time order, duplicates (several receivers report the same
 * message), and outliers — positions no aircraft can fly to, altitude spikes. Returns a new Track.
 */
import { allocTrack, fastKm, type Track } from './track.ts';

/** Fastest ground speed we accept between two points, km/s (about 750 kt: jets at cruise with tailwind). */
const MAX_KMS = 0.39;
/** Position noise allowed on top of that, km. */
const SLACK_KM = 3;
/** Points of look-ahead to decide whether a jump is the outlier or the new truth. */
const LOOKAHEAD = 4;
/** Fastest believable climb or descent, feet per second (about 8,000 ft/min), plus noise. */
const MAX_FPS = 135;
const ALT_SLACK_FT = 600;

export interface CleanStats {
  duplicates: number;
  outliers: number;
  altitudeSpikes: number;
}

function reachable(t: Track, a: number, b: number): boolean {
  const dt = Math.abs(t.time[b]! - t.time[a]!);
  return fastKm(t.lat[a]!, t.lon[a]!, t.lat[b]!, t.lon[b]!) <= MAX_KMS * dt + SLACK_KM;
}

/** `raw` sorted by time (stable), as a new track; returns `raw` itself when already in order. */
function sorted(raw: Track): Track {
  const { n, time } = raw;
  let inOrder = true;
  for (let i = 1; i < n; i++) if (time[i]! < time[i - 1]!) { inOrder = false; break; }
  if (inOrder) return raw;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => time[a]! - time[b]! || a - b);
  const out = allocTrack(raw.icao24, n);
  for (let k = 0; k < n; k++) copyPoint(raw, order[k]!, out, k);
  out.n = n;
  return out;
}

/**
 * The cleaned track. Rules, in order: sort by time; drop a point at the same second as the
 * previous kept one (duplicate receivers); drop a point that jumps further than MAX_KMS allows from
 * the previous kept one when a later point (within LOOKAHEAD) agrees with the previous kept one;
 * a lone point followed by a jump that later points confirm is itself the outlier; an altitude
 * that leaps against both neighbours becomes unknown.
 */
export function cleanTrack(raw: Track, stats: CleanStats = { duplicates: 0, outliers: 0, altitudeSpikes: 0 }): Track {
  const src = sorted(raw);
  const { n } = src;
  const out = allocTrack(src.icao24, n);
  // Index in `out` of the last kept point, and of the first point kept since the last accepted jump.
  let m = 0;
  let sinceJump = 0;
  for (let i = 0; i < n; i++) {
    if (m > 0) {
      const last = m - 1;
      if (src.time[i]! - out.time[last]! < 0.5) { stats.duplicates++; continue; }
      if (!reachable2(out, last, src, i)) {
        let confirmsPrevious = false;
        for (let j = i + 1; j < n && j <= i + LOOKAHEAD; j++) {
          if (reachable2(out, last, src, j)) { confirmsPrevious = true; break; }
        }
        if (confirmsPrevious) { stats.outliers++; continue; }
        // The jump holds up: if only one point was kept since the previous jump (or the start), that point was the outlier.
        if (m - sinceJump === 1) { m--; stats.outliers++; }
        sinceJump = m;
      }
    }
    copyPoint(src, i, out, m++);
  }
  out.n = m;
  // Altitude spikes: unknown when it leaps from the previous known altitude and the next known one agrees with that previous.
  const alt = out.alt;
  let prev = -1;
  for (let i = 0; i < m; i++) {
    if (Number.isNaN(alt[i]!)) continue;
    if (prev >= 0 && Math.abs(alt[i]! - alt[prev]!) > ALT_SLACK_FT + MAX_FPS * (out.time[i]! - out.time[prev]!)) {
      let next = i + 1;
      while (next < m && Number.isNaN(alt[next]!)) next++;
      if (next < m && Math.abs(alt[next]! - alt[prev]!) <= ALT_SLACK_FT + MAX_FPS * (out.time[next]! - out.time[prev]!)) {
        alt[i] = NaN;
        stats.altitudeSpikes++;
        continue;
      }
    }
    prev = i;
  }
  return out;
}

function reachable2(a: Track, i: number, b: Track, j: number): boolean {
  const dt = Math.abs(b.time[j]! - a.time[i]!);
  return fastKm(a.lat[i]!, a.lon[i]!, b.lat[j]!, b.lon[j]!) <= MAX_KMS * dt + SLACK_KM;
}

function copyPoint(from: Track, i: number, to: Track, k: number): void {
  to.time[k] = from.time[i]!;
  to.lat[k] = from.lat[i]!;
  to.lon[k] = from.lon[i]!;
  to.alt[k] = from.alt[i]!;
  to.gs[k] = from.gs[i]!;
  to.track[k] = from.track[i]!;
  to.ground[k] = from.ground[i]!;
}

export { reachable };
