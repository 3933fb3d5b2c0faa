import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { shownSourceName, type SourceRef } from '../answers/provenance.ts';
import { usageError } from '../errors.ts';
import { columnsOfObjects } from './columns.ts';
import { writeCsv } from './csv.ts';

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
 * Writes a data package: one CSV per table (src/format/csv.ts: RFC 4180, CRLF, the formula
 * guard) plus `datapackage.json` describing every column and the sources (files by sha256), in
 * the layout of the Frictionless Data Package; `generated` is true when any source is generated
 * (synthetic demo data). Written into a temporary folder first and moved into place, so a failed
 * write leaves no half package.
 */
export function writeDataPackage({ dir: given, name, title, tables, sources, rule }: DataPackageOptions): string[] {
  // `june/` and `june` are one folder: without the trailing separator the temporary folder is
  // `june.building-PID` beside it, not inside the folder that is then replaced.
  const dir = path.resolve(given);
  refuseToReplace(dir, tables.map((t) => `${t.name}.csv`));
  const building = `${dir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  const resources = tables.map((table) => {
    const columns = columnsOfObjects(table.rows);
    const file = `${table.name}.csv`;
    writeFileSync(path.join(building, file), writeCsv(columns, table.rows));
    const fields = columns.map((c) => ({ name: c.name, type: c.type }));
    return { name: table.name, path: file, format: 'csv', mediatype: 'text/csv', encoding: 'utf-8', dialect: { delimiter: ',', lineTerminator: '\r\n' }, description: table.description, schema: { fields } };
  });
  const descriptor = {
    name,
    title,
    created: new Date().toISOString(),
    description: rule,
    generated: sources.some((s) => s.generated),
    resources,
    sources: sources.map((s) => ({ title: s.file, path: shownSourceName(s.path), format: s.format, hash: `sha256:${s.sha256}`, rowsUsed: s.rowsUsed, generated: s.generated })),
  };
  writeFileSync(path.join(building, 'datapackage.json'), `${JSON.stringify(descriptor, null, 2)}\n`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  return ['datapackage.json', ...resources.map((r) => r.path)];
}

/**
 * A package replaces only an earlier package: a folder that holds anything but `datapackage.json`
 * and the tables' CSV files (a user's own folder, given by mistake) is never deleted.
 */
function refuseToReplace(dir: string, files: string[]): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) throw usageError(`${dir} is a file, not a folder: give a new folder for the data package`);
  const allowed = new Set(['datapackage.json', ...files]);
  const entries = readdirSync(dir);
  const foreign = entries.filter((f) => !allowed.has(f));
  if (entries.length > 0 && (!entries.includes('datapackage.json') || foreign.length > 0)) {
    throw usageError(`${dir} already holds other files (${foreign.slice(0, 3).join(', ') || 'no datapackage.json'}${foreign.length > 3 ? ', …' : ''}): it is not replaced; give a new folder for the data package`);
  }
}
