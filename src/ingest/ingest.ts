import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { badInput, CharterwatchError } from '../errors.ts';
import { countSourcesOfSize, findLoadedSource, insertSource, nextSourceId, type LoadedSource } from '../query/write/sources.ts';
import type { Store } from '../store/store.ts';
import { detectFormat } from './detect.ts';
import type { FleetFilter } from './format.ts';
import { Progress } from './progress.ts';
import { Rejects } from './rejects.ts';
import { hashInput, takeSample } from './sample.ts';
import { queueSourceAircraft } from '../tracks/derive.ts';

/** The `--json` summary line of one source, as DESIGN.md fixes it. */
export interface SourceSummary {
  path: string;
  format: string;
  sha256: string;
  rowsRead: number;
  rowsKept: number;
  rowsRejected: number;
  skipped: boolean;
  sourceId: number;
  /** Rejected rows by reason. */
  rejectsByReason: Record<string, number>;
  warnings: string[];
  /** Leg histories: registrations that could not be resolved to an ICAO address, each with its legs (kept under the registration). */
  unresolvedRegistrations?: { registration: string; legs: number }[];
}

export interface IngestOptions {
  /** Force a reader by name instead of detecting. */
  format?: string;
  /** The watched fleet for position data, asked for only when a position source is met. */
  fleet?: () => Promise<FleetFilter>;
  /** Mark sources as generated (synthetic) data. */
  generated?: boolean;
  /** Called with each warning as it happens (the CLI prints them to stderr). */
  onWarning?: (message: string) => void;
}

/**
 * Loads each input in its own transaction: either the whole file is in the store with its
 * `sources` row, or nothing of it is. A file whose bytes were loaded before (same sha256 and
 * format) is skipped.
 */
export async function ingestPaths(store: Store, paths: string[], options: IngestOptions = {}): Promise<SourceSummary[]> {
  const summaries: SourceSummary[] = [];
  for (const p of paths) summaries.push(await ingestOne(store, p, options));
  return summaries;
}

async function ingestOne(
  store: Store,
  inputPath: string,
  { format: forced, fleet, generated = false, onWarning = () => undefined }: IngestOptions,
): Promise<SourceSummary> {
  const absolute = path.resolve(inputPath);
  if (!existsSync(absolute)) throw new CharterwatchError('NOT_FOUND', 'no such file or folder', { file: inputPath });
  const sample = await takeSample(absolute);
  const format = detectFormat({ ...sample, path: inputPath }, forced);
  // A file is known by its hash. Hashing a large file costs a full read, so unless a source of
  // the same size and format is already stored (the file may be a repeat: hash first, skip it),
  // the hash runs alongside the load and is checked before the commit.
  const bytes = statSync(absolute).isDirectory() ? 0 : statSync(absolute).size;
  const maybeRepeat = bytes === 0 || (await countSourcesOfSize(store, bytes, format.name)) !== 0;
  const hashing = hashInput(absolute);
  hashing.catch(() => undefined); // handled where awaited
  const early = maybeRepeat ? await hashing : undefined;
  const summary: SourceSummary = {
    path: absolute,
    format: format.name,
    sha256: early?.sha256 ?? '',
    rowsRead: 0,
    rowsKept: 0,
    rowsRejected: 0,
    skipped: false,
    sourceId: 0,
    rejectsByReason: {},
    warnings: [],
  };
  const findPrevious = (sha256: string) => findLoadedSource(store, sha256, format.name);
  const skippedAs = (previous: LoadedSource): SourceSummary => ({
    ...summary,
    skipped: true,
    sourceId: previous.id,
    rowsRead: previous.rows_read,
    rowsKept: previous.rows_kept,
    rowsRejected: previous.rows_rejected,
  });
  const previous = early ? await findPrevious(early.sha256) : undefined;
  if (previous) return skippedAs(previous);
  let repeatOf: Awaited<ReturnType<typeof findPrevious>>;
  const fleetFilter = format.target === 'positions' && fleet ? await fleet() : null;
  const warned = new Set<string>();
  const warn = (kind: string, message: string) => {
    if (warned.has(kind)) return;
    warned.add(kind);
    summary.warnings.push(message);
    onWarning(`${inputPath}: ${message}`);
  };
  const progress = new Progress(path.basename(inputPath), bytes);
  try {
    // One file at a time per open database (Store.exclusive): two processes' ingests sent to the
    // same owner cannot both load a file neither has committed yet.
    await store.exclusive(() => store.transaction(async () => {
      const sourceId = await nextSourceId(store);
      summary.sourceId = sourceId;
      const rejects = new Rejects(store, sourceId);
      const result = await format.load({ store, sourceId, path: absolute, sample, fleet: fleetFilter, rejects, progress, warn });
      rejects.close();
      const { sha256, bytes: size } = early ?? (await hashing);
      summary.sha256 = sha256;
      repeatOf = await findPrevious(sha256);
      if (repeatOf) throw new RepeatedSource();
      summary.rowsRead = result.rowsRead;
      summary.rowsKept = result.rowsKept;
      if (result.unresolvedRegistrations) summary.unresolvedRegistrations = result.unresolvedRegistrations;
      summary.rowsRejected = rejects.count;
      summary.rejectsByReason = Object.fromEntries(rejects.byReason);
      if (rejects.count > 0) {
        const reasons = [...rejects.byReason].map(([reason, n]) => `${n} ${reason}`).join('; ');
        warn('rejects', `${rejects.count} row(s) rejected and kept aside (${reasons}); see "charterwatch sources --rejects ${sourceId}"`);
      }
      await insertSource(store, {
        id: sourceId, path: absolute, format: format.name, sha256, bytes: size, rowsRead: result.rowsRead, rowsKept: result.rowsKept,
        rowsRejected: rejects.count, releaseThrough: result.releaseThrough ?? null, generated,
      });
      // The legs these positions call for are owed from this commit on (src/tracks/derive.ts).
      if (format.target === 'positions' && result.rowsKept > 0) await queueSourceAircraft(store, sourceId);
    }));
  } catch (error) {
    if (error instanceof RepeatedSource && repeatOf) return skippedAs(repeatOf);
    if (error instanceof CharterwatchError) throw error.file ? error : new CharterwatchError(error.code, error.message, { file: inputPath, line: error.line });
    throw badInput(`could not be loaded as ${format.name}: ${firstLine((error as Error).message)}`, inputPath);
  } finally {
    progress.done();
  }
  return summary;
}

/** Thrown inside the load's transaction to roll it back when the file turns out to be a repeat. */
class RepeatedSource extends Error {}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
