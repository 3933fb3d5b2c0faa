/** A [longitude, latitude] pair in degrees (WGS84), GeoJSON's order. */
export type Position = [number, number];

/**
 * A line through `path` cut where it crosses the antimeridian (±180°), each segment taken the
 * short way round: a segment whose ends are more than 180° of longitude apart crosses ±180°
 * rather than going round the whole globe. Per RFC 7946 §3.1.9, the parts end and start on
 * ±180° at the latitude of the crossing (interpolated along the segment in longitude), so
 * 170°W → 170°E becomes [[-170, a], [-180, m]] and [[180, m], [170, b]].
 *
 * Returns one part for a line that does not cross; a path of fewer than two points gives none.
 */
export function splitAtAntimeridian(path: readonly Position[]): Position[][] {
  if (path.length < 2) return [];
  const parts: Position[][] = [];
  let part: Position[] = [path[0]!];
  for (let i = 1; i < path.length; i++) {
    const [lon1, lat1] = path[i - 1]!;
    const [lon2, lat2] = path[i]!;
    if (Math.abs(lon2 - lon1) > 180) {
      // Eastward across +180 (lon1 > 0) or westward across −180 (lon1 < 0).
      const edge = lon1 > 0 ? 180 : -180;
      const lon2Unwrapped = lon2 + (lon1 > 0 ? 360 : -360);
      const t = (edge - lon1) / (lon2Unwrapped - lon1);
      const lat = round(lat1 + t * (lat2 - lat1));
      part.push([edge, lat]);
      parts.push(part);
      part = [[-edge, lat]];
    }
    part.push([lon2, lat2]);
  }
  parts.push(part);
  return parts;
}

/** Crossing latitudes to 1e-7° (about 1 cm), so that floating-point noise does not show in the files. */
const round = (x: number) => Math.round(x * 1e7) / 1e7;
