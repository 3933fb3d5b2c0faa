import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { badInput, CharterwatchError } from '../../errors.ts';
import { readThrough } from '../../query/write/file-scan.ts';
import { unpackLimit } from '../gunzip-limit.ts';
import { csvScan, type CsvScan } from '../duckdb-csv.ts';
import type { Format, LoadContext, LoadResult, Sample } from '../format.ts';
import { takeSample } from '../sample.ts';
import { commitStage, createStage, warnNoPosition } from '../positions/stage.ts';
import { REQUIRED_STATE_COLUMNS, stageStateVectors } from '../positions/state-vectors.ts';
import { scanWatchedLines } from '../positions/watched-lines.ts';
import { byteScanApplies } from '../positions/watched-scan.ts';

/** A header that names OpenSky's state-vector columns. */
export function isStateVectorHeader(firstLine: string): boolean {
  const names = new Set(firstLine.toLowerCase().split(',').map((c) => c.trim().replace(/^"|"$/g, '')));
  return REQUIRED_STATE_COLUMNS.every((c) => names.has(c)) && (names.has('lastcontact') || names.has('baroaltitude'));
}

/**
 * OpenSky state-vector CSV dumps (`states_2024-07-02-13.csv`, plain or gzip): one row per
 * aircraft per second, SI units. Read by DuckDB's CSV scanner with the fleet filter inside the
 * scan (see `stageStateVectors`).
 */
export const openskyCsv: Format = {
  name: 'opensky-csv',
  description: 'OpenSky state-vector CSV (plain or gzip): time,icao24,lat,lon,…,lastcontact',
  target: 'positions',
  sniff: ({ firstLine, tar: isTar }) => (!isTar && isStateVectorHeader(firstLine) ? 95 : 0),
  async load(ctx) {
    await createStage(ctx);
    const { read, noPosition } = await stageCsv(ctx, ctx.path, ctx.sample);
    return finish(ctx, read, noPosition);
  },
};

/**
 * A `.tar` of hourly state-vector CSV files, as OpenSky distributes them (each member usually
 * `.csv.gz`, next to a LICENSE and README, which are ignored). Members are extracted one at a
 * time to a temporary folder and read like a CSV file; the whole archive is one source.
 */
export const openskyTar: Format = {
  name: 'opensky-tar',
  description: 'OpenSky state-vector CSV files in a .tar archive (hourly files, plain or gzip)',
  target: 'positions',
  sniff: ({ tar: isTar, head }) => {
    if (!isTar) return 0;
    const firstName = head.subarray(0, 100).toString('latin1').replace(/\0.*$/s, '');
    if (/states.*\.csv(\.gz)?$/i.test(firstName) || isStateVectorHeader(head.subarray(512, 1024).toString('latin1').split('\n')[0] ?? '')) return 90;
    return /\.csv(\.gz)?$/i.test(firstName) ? 40 : 0;
  },
  async load(ctx) {
    await createStage(ctx);
    const dir = mkdtempSync(path.join(tmpdir(), 'charterwatch-tar-'));
    let read = 0;
    let noPosition = 0;
    let members = 0;
    try {
      for await (const member of extractCsvMembers(ctx, dir)) {
        members++;
        const sample = await takeSample(member.file);
        if (!isStateVectorHeader(sample.firstLine)) {
          ctx.warn(`member-${member.name}`, `${member.name} in the archive is not a state-vector CSV (header: ${JSON.stringify(sample.firstLine.slice(0, 80))}): skipped`);
          continue;
        }
        const r = await stageCsv(ctx, member.file, sample, member.name);
        read += r.read;
        noPosition += r.noPosition;
        rmSync(member.file, { force: true });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    if (members === 0) throw badInput('the archive holds no .csv or .csv.gz file', ctx.path);
    return finish(ctx, read, noPosition);
  },
};

async function stageCsv(ctx: LoadContext, file: string, sample: Sample, label?: string): Promise<{ read: number; noPosition: number }> {
  // The watched lines of a plain file are read byte by byte (watched-scan.ts): that read looks
  // for over-long lines too, so the separate read for them is left to it.
  const lines = byteScanApplies(sample.gzip, ctx.fleet) ? 'later' : 'now';
  const scan = await csvScan({ ...ctx, path: file, sample }, { required: REQUIRED_STATE_COLUMNS, lines });
  try {
    return await stageScanned(ctx, scan, label);
  } finally {
    scan.dispose();
  }
}

async function stageScanned(ctx: LoadContext, scan: CsvScan, label?: string): Promise<{ read: number; noPosition: number }> {
  ctx.progress.note(label ? `scanning ${label}` : 'scanning');
  // DuckDB fills its table of malformed rows during the full scan: they are moved to rejects
  // (once) after it, before any lookup of line numbers. On the fast path the full scan runs only
  // if line numbers are needed, and then its malformed rows are reported too.
  let scanned = false;
  let malformed: number | undefined;
  /** Whether the fast path keeps malformed lines aside itself (the full scan then only notes them). */
  let fastPath = false;
  const finishScan = async () => {
    if (!scanned) await readThrough(ctx.store, await scan.full({ record: !fastPath }));
    scanned = true;
    return (malformed ??= await scan.finish({ record: !fastPath }));
  };
  const linesOf = async (condition: string, reasonSql: string) => {
    await finishScan();
    return scan.linesOf(condition, reasonSql);
  };
  // Lines over the limits were taken out of the file the scans read (csv-limits.ts), and counted.
  const lineLimit = { checked: () => scan.linesChecked(), takeOut: () => scan.takeOutLongLines() };
  const fast = ctx.fleet !== null ? await scanWatchedLines(ctx, scan.file, { ...ctx.sample, gzip: scan.gzip }, scan.header, ctx.fleet, { label, lineLimit }) : null;
  if (fast) {
    fastPath = true;
    const result = await stageStateVectors(ctx, { from: fast.from, columns: scan.header, label, linesOf });
    await fast.drop();
    // Malformed watched lines were kept aside by the fast path itself: if the full scan ran (for
    // the lines of rows with bad values), its malformed rows were only noted, for line numbers.
    return { read: result.read + fast.malformed + scan.taken, noPosition: result.noPosition };
  }
  const full = await scan.full();
  scanned = true;
  const result = await stageStateVectors(ctx, { from: full, columns: scan.header, label, linesOf });
  return { read: result.read + (await finishScan()) + scan.taken, noPosition: result.noPosition };
}

async function finish(ctx: LoadContext, read: number, noPosition: number): Promise<LoadResult> {
  warnNoPosition(ctx, noPosition);
  const { kept } = await commitStage(ctx);
  if (ctx.fleet !== null) ctx.warn('fleet', `kept the ${ctx.fleet.size} watched aircraft only; rows read counts their rows (use --all to keep every aircraft)`);
  return { rowsRead: read, rowsKept: kept };
}

/**
 * Extracts the archive's CSV members one by one (tar is sequential: each is written, then
 * yielded). Gzip members are decompressed on the way, so that a truncated or corrupt member is
 * refused here: DuckDB's reader can stop quietly at the end of a truncated gzip stream.
 */
async function* extractCsvMembers(ctx: LoadContext, dir: string): AsyncGenerator<{ name: string; file: string }> {
  const extract = tar.extract();
  const source = createReadStream(ctx.path);
  source.on('data', (chunk) => ctx.progress.advance(chunk.length));
  const input = ctx.sample.gzip ? source.pipe(createGunzip()).pipe(unpackLimit(statSync(ctx.path).size, ctx.path)) : source;
  input.on('error', (error: Error) => extract.destroy(error));
  input.pipe(extract);
  let n = 0;
  try {
    for await (const entry of extract) {
      const name = entry.header.name;
      if (entry.header.type !== 'file' || !/\.csv(\.gz)?$/i.test(name)) {
        entry.resume();
        continue;
      }
      const file = path.join(dir, `${n++}-${path.basename(name).replace(/\.gz$/i, '')}`);
      try {
        if (/\.gz$/i.test(name)) await pipeline(entry, createGunzip(), unpackLimit(entry.header.size ?? 0, `${name} in the archive`), createWriteStream(file));
        else await pipeline(entry, createWriteStream(file));
      } catch (error) {
        if (error instanceof CharterwatchError) throw error.file === ctx.path ? error : badInput(`${error.file}: ${error.message}`, ctx.path);
        throw badInput(`${name} in the archive: corrupt or truncated (${(error as Error).message}); nothing of the archive was loaded`, ctx.path);
      }
      yield { name, file };
    }
  } finally {
    source.destroy();
  }
}
