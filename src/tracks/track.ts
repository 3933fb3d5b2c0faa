/**
 * One aircraft's positions as columns of typed arrays, ordered by time: the shape every step
 * from positions to legs works on. Hot loops read these arrays directly; no per-point objects.
 */
export interface Track {
  icao24: string;
  /** Number of points (the arrays may be longer). */
  n: number;
  /** Epoch seconds, UTC. */
  time: Float64Array;
  lat: Float64Array;
  lon: Float64Array;
  /** Best altitude in feet: barometric, else geometric; NaN unknown. */
  alt: Float64Array;
  /** Ground speed in knots; NaN unknown. */
  gs: Float64Array;
  /** True track in degrees; NaN unknown. */
  track: Float64Array;
  /** The source's on-ground flag: 1 on ground, 0 airborne, -1 not said. */
  ground: Int8Array;
}

/** An empty track with room for `capacity` points. */
export function allocTrack(icao24: string, capacity: number): Track {
  return {
    icao24,
    n: 0,
    time: new Float64Array(capacity),
    lat: new Float64Array(capacity),
    lon: new Float64Array(capacity),
    alt: new Float64Array(capacity),
    gs: new Float64Array(capacity),
    track: new Float64Array(capacity),
    ground: new Int8Array(capacity),
  };
}

/** A point-by-point builder, for tests and readers of small files. */
export function trackFromPoints(
  icao24: string,
  points: { time: number; lat: number; lon: number; alt?: number | null; gs?: number | null; track?: number | null; onGround?: boolean | null }[],
): Track {
  const t = allocTrack(icao24, points.length);
  for (const p of points) {
    const i = t.n++;
    t.time[i] = p.time;
    t.lat[i] = p.lat;
    t.lon[i] = p.lon;
    t.alt[i] = p.alt ?? NaN;
    t.gs[i] = p.gs ?? NaN;
    t.track[i] = p.track ?? NaN;
    t.ground[i] = p.onGround == null ? -1 : p.onGround ? 1 : 0;
  }
  return t;
}

const RAD = Math.PI / 180;

/**
 * Distance in km by the equirectangular approximation: within 0.5% of the great circle up to a
 * few hundred km, and many times cheaper (no trigonometry but one cosine). Used in per-point loops.
 */
export function fastKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  let dLon = lon2 - lon1;
  if (dLon > 180) dLon -= 360;
  else if (dLon < -180) dLon += 360;
  const x = dLon * Math.cos((lat1 + lat2) * 0.5 * RAD) * 111.32;
  const y = (lat2 - lat1) * 110.57;
  return Math.sqrt(x * x + y * y);
}

/** Great-circle distance in km (haversine), for long gaps. */
export function greatCircleKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const a = Math.sin(((lat2 - lat1) * RAD) / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(((lon2 - lon1) * RAD) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Initial bearing from point 1 to point 2, degrees 0..360. */
export function bearingDeg(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const y = Math.sin((lon2 - lon1) * RAD) * Math.cos(lat2 * RAD);
  const x = Math.cos(lat1 * RAD) * Math.sin(lat2 * RAD) - Math.sin(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.cos((lon2 - lon1) * RAD);
  return (Math.atan2(y, x) / RAD + 360) % 360;
}

/** Knots to km/s. */
export const KT_TO_KMS = 1.852 / 3600;
