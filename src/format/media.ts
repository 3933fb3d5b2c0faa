/** Media type and file extension of each export format, for downloads (Content-Type, file name). */
export const MEDIA = {
  csv: { type: 'text/csv; charset=utf-8', extension: 'csv' },
  geojson: { type: 'application/geo+json', extension: 'geojson' },
  kml: { type: 'application/vnd.google-earth.kml+xml', extension: 'kml' },
  parquet: { type: 'application/vnd.apache.parquet', extension: 'parquet' },
  json: { type: 'application/json', extension: 'json' },
} as const;

export type MediaFormat = keyof typeof MEDIA;
