/**
 * A table's columns, declared once and read by every tabular writer (CSV, Parquet, a data
 * package's schema, the properties of a GeoJSON feature and a KML placemark), so that a table has
 * the same columns, in the same order, in every format and from the CLI and the API alike.
 */

/** A column's type: the Parquet type it is written as, and the Frictionless field type. */
export type ColumnType = 'string' | 'integer' | 'number' | 'boolean' | 'datetime' | 'date';

export interface Column<T> {
  /** snake_case, as written in a header. */
  name: string;
  type: ColumnType;
  description: string;
  /** The cell of one row: null when the row has no value. */
  value: (row: T) => string | number | boolean | null;
}

/** A row that stands for one aircraft's flying: a leg or a mission. */
interface FlownRow {
  id: number;
  icao24: string | null;
  registration: string | null;
  generated: boolean;
}

/**
 * The columns every table of legs or missions has, declared once: `id` (described as `idOf`),
 * `icao24` and `registration` first, and `generated` last (`generatedBy` saying what was made by
 * the traffic generator), around the table's own.
 */
export function flownColumns<T extends FlownRow>({ idOf, generatedBy }: { idOf: string; generatedBy: string }, own: readonly Column<T>[]): Column<T>[] {
  return [
    { name: 'id', type: 'integer', description: `${idOf} id in this database`, value: (r) => r.id },
    { name: 'icao24', type: 'string', description: 'ICAO 24-bit address, lower-case hex', value: (r) => r.icao24 },
    { name: 'registration', type: 'string', description: 'registration (tail number)', value: (r) => r.registration },
    ...own,
    { name: 'generated', type: 'boolean', description: `true: ${generatedBy} by the traffic generator (synthetic demo data), not observed`, value: (r) => r.generated },
  ];
}

/** A row as a flat object, column name to cell, in column order. */
export function rowObject<T>(columns: readonly Column<T>[], row: T): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const c of columns) out[c.name] = c.value(row);
  return out;
}

/**
 * Columns for rows that are already flat objects (a data package's tables): each key in the
 * order first met, typed by its values (integer widened to number; mixed or empty: string).
 */
export function columnsOfObjects(rows: readonly Record<string, unknown>[]): Column<Record<string, unknown>>[] {
  const types = new Map<string, ColumnType | null>();
  for (const row of rows) {
    for (const [key, value] of Object.entries(row)) {
      const type = typeOfValue(value);
      const had = types.get(key);
      if (!types.has(key) || had === null) types.set(key, type);
      else if (type && had !== type) types.set(key, isNumeric(had) && isNumeric(type) ? 'number' : 'string');
    }
  }
  return [...types].map(([name, type]) => ({
    name,
    type: type ?? 'string',
    description: '',
    value: (row) => {
      const v = row[name];
      return v === undefined || v === null ? null : typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
    },
  }));
}

const isNumeric = (t: ColumnType | null | undefined) => t === 'integer' || t === 'number';

function typeOfValue(value: unknown): ColumnType | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'boolean') return 'boolean';
  return 'string';
}
