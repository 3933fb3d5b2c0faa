import { splitAtAntimeridian } from './antimeridian.ts';
import type { MapFeature } from './features.ts';

/**
 * GeoJSON (RFC 7946): a FeatureCollection of one Feature a row, its line between the points
 * split at the antimeridian (a MultiLineString then, §3.1.9), null geometry when a point is
 * unknown, the row's columns as properties. One feature a line, so that a diff shows rows.
 */
export function writeGeoJson(features: readonly MapFeature[]): string {
  const lines = features.map((f) => {
    const parts = f.path ? splitAtAntimeridian(f.path) : [];
    const geometry = parts.length === 0 ? null : parts.length === 1 ? { type: 'LineString', coordinates: parts[0] } : { type: 'MultiLineString', coordinates: parts };
    return JSON.stringify({ type: 'Feature', id: f.id, geometry, properties: f.properties });
  });
  return lines.length ? `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n` : '{"type":"FeatureCollection","features":[]}\n';
}
