import { sqlIdent, sqlString } from '../duckdb-csv.ts';
import { maxLineBytes } from '../limits.ts';
import type { LoadContext, Sample } from '../format.ts';

/**
 * The fast path of a state-vector CSV with a fleet filter: the file is read as whole lines
 * (DuckDB's scanner looking only for line ends, no fields, no quotes) and a line leaves the scan
 * only when its icao24 field is a watched address (one regular expression over the line). Only
 * those few lines are split into fields. On a day of the world's traffic, where the fleet is a
 * few hundred aircraft of tens of thousands, this reads the file faster than DuckDB can count
 * its CSV rows, because the per-field work is done for the watched lines alone.
 *
 * The split is plain (on commas), which is exact only for unquoted lines of the header's width,
 * as OpenSky writes them. So the fast path gives up, and the caller reads the file with the full
 * CSV scan, when anything is unusual: a watched line with a quote or the wrong number of fields,
 * or a line DuckDB could not read (invalid UTF-8, a line too long). Rows of other aircraft are
 * not parsed at all: a damaged row of an unwatched aircraft goes unnoticed, as it is not kept.
 *
 * Returns a FROM-clause item with the header's columns (VARCHAR, as the CSV scan gives them),
 * or null when the full scan must be used. `drop()` removes the temp table afterwards.
 */
export async function scanWatchedLines(
  ctx: LoadContext,
  file: string,
  sample: Sample,
  header: string[],
  fleet: ReadonlySet<string>,
): Promise<{ from: string; drop: () => Promise<void> } | null> {
  const { store, sourceId } = ctx;
  const at = header.indexOf('icao24');
  if (at < 0 || fleet.size === 0) return null;
  const table = `_sv_lines_${sourceId}`;
  const rejectsTable = `_sv_lines_rejects_${sourceId}`;
  const scanTable = `_sv_lines_scan_${sourceId}`;
  const drop = async () => store.run(`DROP TABLE IF EXISTS ${table}; DROP TABLE IF EXISTS ${rejectsTable}; DROP TABLE IF EXISTS ${scanTable}`);
  // The field before icao24 may be anything but a comma; the address may be quoted (a quoted
  // line then sends the file to the full scan below) and in either case.
  const addresses = [...fleet].map(escapeRegex).join('|');
  const pattern = `^(?:[^,]*,){${at}}"?(?i:${addresses})"?(?:,|\\r?$)`;
  // A control character (U+0001) as delimiter and no quote character: each line is one field.
  await store.run(
    `CREATE TEMP TABLE ${table} AS
     SELECT rtrim(line, chr(13)) AS line
     FROM read_csv(${sqlString(file)}, header = true, auto_detect = false, delim = '\x01', quote = '', escape = '',
                   columns = {'line': 'VARCHAR'}, compression = '${sample.gzip ? 'gzip' : 'none'}', max_line_size = ${maxLineBytes()},
                   store_rejects = true, rejects_table = '${rejectsTable}', rejects_scan = '${scanTable}')
     WHERE regexp_matches(line, ${sqlString(pattern)})`,
  );
  const unusual = Number(
    await store.value(
      `SELECT (SELECT count(*) FROM ${rejectsTable})
            + (SELECT count(*) FROM ${table} WHERE contains(line, '"') OR len(string_split(line, ',')) <> ${header.length})`,
    ),
  );
  if (unusual > 0) {
    await drop();
    return null;
  }
  const fields = header.map((name, i) => `p[${i + 1}] AS ${sqlIdent(name)}`).join(', ');
  return { from: `(SELECT ${fields} FROM (SELECT string_split(line, ',') AS p FROM ${table}))`, drop };
}

function escapeRegex(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}
