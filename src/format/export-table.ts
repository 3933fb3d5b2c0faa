import type { Column } from './columns.ts';
import { writeCsv } from './csv.ts';
import type { MapFeature } from './features.ts';
import { writeGeoJson } from './geojson.ts';
import { writeKml } from './kml.ts';
import { writeParquet } from './parquet.ts';

/** The formats a table of rows with a place on the map is exported in (besides text and JSON). */
export const EXPORT_FORMATS = ['csv', 'geojson', 'kml', 'parquet'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A table that can be exported: its name, columns and map feature, declared once. */
export interface ExportTable<T> {
  /** `legs`, `missions`: the KML document's title and the Parquet file's `charterwatch.table`. */
  name: string;
  columns: readonly Column<T>[];
  feature: (row: T) => MapFeature;
  generated: (row: T) => boolean;
}

/**
 * The rows of a table in one format: text, or bytes for Parquet. Every format writes the same
 * columns in the same order (GeoJSON and KML as each feature's properties).
 */
export function exportRows<T>(format: ExportFormat, table: ExportTable<T>, rows: readonly T[]): string | Promise<Uint8Array<ArrayBuffer>> {
  switch (format) {
    case 'csv': return writeCsv(table.columns, rows);
    case 'geojson': return writeGeoJson(rows.map(table.feature));
    case 'kml': return writeKml(`charterwatch ${table.name}`, rows.map(table.feature));
    case 'parquet': {
      const generated = rows.filter(table.generated).length;
      return writeParquet({ columns: table.columns, rows, metadata: { 'charterwatch.table': table.name, 'charterwatch.generated_rows': String(generated) } });
    }
  }
}
