import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { shownSourceName, type SourceRef } from '../answers/provenance.ts';
import { csvRow } from './csv.ts';

/** One table of a data package: rows of flat values. */
export interface PackageTable {
  name: string;
  description: string;
  rows: Record<string, unknown>[];
}

export interface DataPackageOptions {
  /** Folder to write; created, and replaced whole if it exists. */
  dir: string;
  name: string;
  title: string;
  tables: PackageTable[];
  sources: SourceRef[];
  /** The rule or method behind the figures. */
  rule: string;
}

/**
 * Writes a data package: one CSV per table plus `datapackage.json` describing every column and
 * the sources (files by sha256), in the layout of the Frictionless Data Package. Written into a
 * temporary folder first and moved into place, so a failed write leaves no half package.
 */
export function writeDataPackage({ dir: given, name, title, tables, sources, rule }: DataPackageOptions): string[] {
  // `june/` and `june` are one folder: without the trailing separator the temporary folder is
  // `june.building-PID` beside it, not inside the folder that is then replaced.
  const dir = path.resolve(given);
  const building = `${dir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  const resources = tables.map((table) => {
    const fields = columnsOf(table.rows);
    const file = `${table.name}.csv`;
    const lines = [csvRow(fields.map((f) => f.name))];
    for (const row of table.rows) lines.push(csvRow(fields.map((f) => row[f.name])));
    writeFileSync(path.join(building, file), `${lines.join('\n')}\n`);
    return { name: table.name, path: file, format: 'csv', mediatype: 'text/csv', encoding: 'utf-8', description: table.description, schema: { fields } };
  });
  const descriptor = {
    name,
    title,
    created: new Date().toISOString(),
    description: rule,
    resources,
    sources: sources.map((s) => ({ title: s.file, path: shownSourceName(s.path), format: s.format, hash: `sha256:${s.sha256}`, rowsUsed: s.rowsUsed, generated: s.generated })),
  };
  writeFileSync(path.join(building, 'datapackage.json'), `${JSON.stringify(descriptor, null, 2)}\n`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  return ['datapackage.json', ...resources.map((r) => r.path)];
}

function columnsOf(rows: Record<string, unknown>[]): { name: string; type: string }[] {
  const names: string[] = [];
  const types = new Map<string, string>();
  for (const row of rows) {
    for (const [key, value] of Object.entries(row)) {
      if (!types.has(key)) names.push(key);
      const type = value === null || value === undefined ? undefined : typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'number') : typeof value === 'boolean' ? 'boolean' : 'string';
      const had = types.get(key);
      if (type && (!had || had === 'null')) types.set(key, type);
      else if (type && had !== type) types.set(key, had === 'integer' && type === 'number' ? 'number' : 'string');
      else if (!had) types.set(key, 'null');
    }
  }
  return names.map((name) => ({ name, type: types.get(name) === 'null' ? 'string' : types.get(name)! }));
}
