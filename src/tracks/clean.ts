/**
 * Cleans one aircraft's raw positions: time order, duplicates (several receivers report the same
 * message), and outliers — positions no aircraft can fly to, altitude spikes. Returns a new Track.
 */
import { allocTrack, fastKm, type Track } from './track.ts';

/** Points of look-ahead to decide whether a jump is the outlier or the new truth. */
const LOOKAHEAD = 4;
/** How long an altitude spike may last before we believe it, s. */
const SPIKE_S = 120;

export interface CleanStats {
  duplicates: number;
  outliers: number;
  altitudeSpikes: number;
}

/**
 * One track's worth of arrays that a caller reuses from call to call (a derivation run keeps one):
 * a month of one aircraft is hundreds of thousands of points, and allocating (and collecting)
 * seven such arrays per aircraft cost more than cleaning them. Each call overwrites the track the
 * previous one returned, so a caller keeps a scratch only while it uses one result at a time.
 */
export interface CleanScratch {
  /** The arrays, grown as needed; null until the first call. */
  track: Track | null;
}

function scratchTrack(scratch: CleanScratch, icao24: string, n: number): Track {
  if (!scratch.track || scratch.track.time.length < n) scratch.track = allocTrack(icao24, Math.max(n, 1024));
  scratch.track.icao24 = icao24;
  scratch.track.n = 0;
  return scratch.track;
}

/** The order of `raw`'s points by time (stable), or null when already in order. */
function timeOrder(raw: Track): Uint32Array | null {
  const { n, time } = raw;
  let inversions = 0;
  for (let i = 1; i < n; i++) if (time[i]! < time[i - 1]!) inversions++;
  if (inversions === 0) return null;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (inversions * 100 < n) {
    // Nearly sorted (receivers swap neighbours): insertion sort costs n plus the distance rows moved.
    for (let i = 1; i < n; i++) {
      const v = order[i]!;
      const tv = time[v]!;
      let j = i - 1;
      while (j >= 0 && time[order[j]!]! > tv) { order[j + 1] = order[j]!; j--; }
      order[j + 1] = v;
    }
  } else {
    order.sort((a, b) => time[a]! - time[b]! || a - b);
  }
  return order;
}

/**
 * The cleaned track. Rules, in order: sort by time; drop a point at the same second as the
 * previous kept one (duplicate receivers); drop a point that jumps further than MAX_KMS allows from
 * the previous kept one when a later point (within LOOKAHEAD) agrees with the previous kept one;
 * a lone point followed by a jump that later points confirm is itself the outlier; an altitude
 * that leaps against both neighbours becomes unknown. One pass over the points, in time order
 * through an index when the rows came out of order; no per-point objects.
 */
export function cleanTrack(raw: Track, stats: CleanStats = { duplicates: 0, outliers: 0, altitudeSpikes: 0 }, { scratch }: { scratch?: CleanScratch } = {}): Track {
  const order = timeOrder(raw);
  const { n } = raw;
  const { time, lat, lon } = raw;
  const out = scratch ? scratchTrack(scratch, raw.icao24, n) : allocTrack(raw.icao24, n);
  const oTime = out.time;
  const oLat = out.lat;
  const oLon = out.lon;
  // Index in `out` of the next point, and the first point kept since the last accepted jump.
  let m = 0;
  let sinceJump = 0;
  for (let k = 0; k < n; k++) {
    const i = order ? order[k]! : k;
    if (m > 0) {
      const last = m - 1;
      const dt = time[i]! - oTime[last]!;
      if (dt < 0.5) { stats.duplicates++; continue; }
      if (!reachable(oLat[last]!, oLon[last]!, lat[i]!, lon[i]!, dt)) {
        let confirmsPrevious = false;
        for (let q = k + 1; q < n && q <= k + LOOKAHEAD; q++) {
          const j = order ? order[q]! : q;
          if (reachable(oLat[last]!, oLon[last]!, lat[j]!, lon[j]!, time[j]! - oTime[last]!)) { confirmsPrevious = true; break; }
        }
        if (confirmsPrevious) { stats.outliers++; continue; }
        // The jump holds up: if only one point was kept since the previous jump (or the start), that point was the outlier.
        if (m - sinceJump === 1) { m--; stats.outliers++; }
        sinceJump = m;
      }
    }
    oTime[m] = time[i]!;
    oLat[m] = lat[i]!;
    oLon[m] = lon[i]!;
    out.alt[m] = raw.alt[i]!;
    out.gs[m] = raw.gs[i]!;
    out.track[m] = raw.track[i]!;
    out.ground[m] = raw.ground[i]!;
    m++;
  }
  out.n = m;
  // Altitude spikes: a leap from the previous known altitude that a later altitude (within
  // SPIKE_S) undoes makes the leaping altitudes unknown; a leap nothing undoes is believed.
  const alt = out.alt;
  let prev = -1;
  for (let i = 0; i < m; i++) {
    if (Number.isNaN(alt[i]!)) continue;
    if (prev >= 0 && !climbable(alt[prev]!, alt[i]!, oTime[i]! - oTime[prev]!)) {
      let back = -1;
      for (let j = i + 1; j < m && oTime[j]! - oTime[i]! <= SPIKE_S; j++) {
        if (!Number.isNaN(alt[j]!) && climbable(alt[prev]!, alt[j]!, oTime[j]! - oTime[prev]!)) { back = j; break; }
      }
      if (back > 0) {
        for (let j = i; j < back; j++) {
          if (!Number.isNaN(alt[j]!) && !climbable(alt[prev]!, alt[j]!, oTime[j]! - oTime[prev]!)) { alt[j] = NaN; stats.altitudeSpikes++; }
        }
        i = back - 1;
        continue;
      }
    }
    prev = i;
  }
  return out;
}

/** Fastest believable climb or descent, feet per second (about 8,000 ft/min), plus noise. */
const MAX_FPS = 135;
const ALT_SLACK_FT = 600;

/** Whether an aircraft can climb or descend from `from` to `to` feet in dt seconds. */
function climbable(from: number, to: number, dt: number): boolean {
  return Math.abs(to - from) <= ALT_SLACK_FT + MAX_FPS * dt;
}

/** Fastest ground speed we accept between two points, km/s (about 750 kt: jets at cruise with tailwind). */
const MAX_KMS = 0.39;
/** Position noise allowed on top of that, km. */
const SLACK_KM = 3;

/** Whether an aircraft can fly from (lat1, lon1) to (lat2, lon2) in dt seconds. */
function reachable(lat1: number, lon1: number, lat2: number, lon2: number, dt: number): boolean {
  const allowed = MAX_KMS * Math.abs(dt) + SLACK_KM;
  // Fast accept without a cosine: a degree of longitude is at most 111.32 km anywhere.
  const dy = (lat2 - lat1) * 110.57;
  const dx = (lon2 - lon1) * 111.32;
  if (dx * dx + dy * dy <= allowed * allowed) return true;
  return fastKm(lat1, lon1, lat2, lon2) <= allowed;
}
