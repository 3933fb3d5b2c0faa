import type { Position } from './antimeridian.ts';

/**
 * One map feature as the GeoJSON and KML writers take it: a line through its points (none when
 * a point is unknown: the feature is written without geometry, never dropped), and the row's
 * columns as properties, `generated` among them.
 */
export interface MapFeature {
  id: number;
  /** The placemark's title in KML. */
  name: string;
  /** The placemark's description in KML. */
  description: string;
  /** ISO 8601 instants of the line's start and end, when known. */
  begin: string | null;
  end: string | null;
  path: Position[] | null;
  properties: Record<string, string | number | boolean | null>;
}
