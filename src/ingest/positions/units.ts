/**
 * The one set of units the `positions` table keeps (see migration 3): aviation units, as
 * receivers report them. Readers of SI sources (OpenSky) convert with these factors.
 */

/** Metres to feet. */
export const M_TO_FT = 1 / 0.3048;
/** Metres per second to knots. */
export const MS_TO_KT = 3600 / 1852;
/** Metres per second to feet per minute. */
export const MS_TO_FPM = 60 / 0.3048;

/** Seconds a position may be older than the last message before it is stale (OpenSky's rule). */
export const STALE_SECONDS = 15;

const HEX6 = /^[0-9a-f]{6}$/;

/**
 * An ICAO 24-bit address from a source's spelling (`A960A9`, ` a960a9 `), or a reason why it is
 * not one. readsb writes non-ICAO addresses (TIS-B, anonymous) with a leading `~`.
 */
export function maybeIcao24(value: unknown): { icao24: string } | { reason: string } {
  if (typeof value !== 'string') return { reason: 'no ICAO address' };
  const hex = value.trim().toLowerCase();
  if (HEX6.test(hex)) return { icao24: hex };
  if (hex.startsWith('~')) return { reason: 'not an ICAO address ("~" marks a non-ICAO or anonymous address)' };
  return { reason: 'not an ICAO address (6 hex digits)' };
}

/** A callsign trimmed of its padding; null when empty. */
export function maybeCallsign(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** A finite number, or null (null, "", NaN, Infinity, non-numeric text). */
export function maybeNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** Why a latitude/longitude pair is not a position, or null when it is one. */
export function positionProblem(lat: unknown, lon: unknown): string | null {
  if (lat === null || lat === undefined || lon === null || lon === undefined || lat === '' || lon === '') return 'no position (latitude or longitude missing)';
  const la = typeof lat === 'number' ? lat : Number(lat);
  const lo = typeof lon === 'number' ? lon : Number(lon);
  if (!Number.isFinite(la) || !Number.isFinite(lo)) return 'latitude or longitude is not a number';
  if (la < -90 || la > 90 || lo < -180 || lo > 180) return 'latitude or longitude out of range';
  return null;
}
