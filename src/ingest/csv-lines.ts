import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';

/**
 * Where DuckDB's CSV lines and rows are in the file. DuckDB numbers its lines counting a blank
 * line as one and a record with line breaks inside quotes as one; its rows skip blank lines. A
 * reject must name the line a person finds in an editor, so the file is read once more (only
 * when there is something to report) to note the blank lines and the quoted line breaks.
 */
export interface CsvLineMap {
  /** The file line where DuckDB's line `duckLine` (1 = the header) starts. */
  fileLine(duckLine: number): number;
  /**
   * The file lines of DuckDB's rows `rows` (1-based, ascending), when the DuckDB lines in
   * `skipped` (malformed rows) gave none.
   */
  rowLines(rows: readonly number[], skipped: readonly number[]): number[];
}

export async function mapCsvLines(file: string, { gzip = false, quote = '"' }: { gzip?: boolean; quote?: string } = {}): Promise<CsvLineMap> {
  const q = quote.charCodeAt(0);
  /** DuckDB lines that are blank. */
  const blank: number[] = [];
  /** DuckDB lines whose record holds line breaks inside quotes, and how many. */
  const breaks: { at: number; extra: number }[] = [];
  let duckLine = 1;
  let inQuote = false;
  let extra = 0;
  /** Bytes of the current record so far, not counting a final '\r'. */
  let length = 0;
  let lastWasCr = false;
  const source = createReadStream(file, { highWaterMark: 1 << 20 });
  const stream = gzip ? source.pipe(createGunzip()) : source;
  const walk = async () => {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let pos = 0;
      while (pos < chunk.length) {
        const nl = chunk.indexOf(10, pos);
        const end = nl < 0 ? chunk.length : nl;
        // Quotes up to the line end flip the state; only their parity matters.
        for (let at = chunk.indexOf(q, pos); at >= 0 && at < end; at = chunk.indexOf(q, at + 1)) inQuote = !inQuote;
        if (end > pos) {
          length += end - pos;
          lastWasCr = chunk[end - 1] === 13;
        }
        if (nl < 0) break;
        if (inQuote) extra++;
        else {
          if (length - (lastWasCr ? 1 : 0) === 0 && extra === 0) blank.push(duckLine);
          else if (extra > 0) breaks.push({ at: duckLine, extra });
          duckLine++;
          extra = 0;
          length = 0;
          lastWasCr = false;
        }
        pos = nl + 1;
      }
    }
  };
  try {
    await walk();
  } catch (error) {
    // A damaged gzip stream ends the map where it breaks; the ingest refuses such a file on its
    // own check of the whole stream, with a clearer message than this read could give.
    if (!gzip) throw error;
  }
  const fileLine = (d: number) => {
    let line = d;
    for (const b of breaks) if (b.at < d) line += b.extra;
    return line;
  };
  return {
    fileLine,
    rowLines(rows, skipped) {
      // Row k is on DuckDB line k + 1 (after the header), pushed down by every blank or skipped
      // line at or before it: one walk over both ascending lists.
      const passed = [...new Set([...blank, ...skipped])].sort((a, b) => a - b);
      let j = 0;
      let shift = 0;
      return rows.map((row) => {
        while (j < passed.length && passed[j]! <= row + 1 + shift) {
          shift++;
          j++;
        }
        return fileLine(row + 1 + shift);
      });
    },
  };
}
