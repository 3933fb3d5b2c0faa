import type { Store } from '../store/store.ts';
import type { Rejects } from './rejects.ts';
import type { Progress } from './progress.ts';

/** What detection sees of an input: its name, and its first bytes decompressed. */
export interface Sample {
  /** The path as given. */
  path: string;
  /** Base name, lower case. */
  name: string;
  isDirectory: boolean;
  /** For a folder: its member file names, sorted; else empty. */
  entries: string[];
  /** The file starts with the gzip magic bytes (whatever its name says). */
  gzip: boolean;
  /** The file is a ZIP container (xlsx, for example). */
  zip: boolean;
  /** A tar archive (ustar magic at byte 257), after gunzip if gzip. */
  tar: boolean;
  /** Up to the first 64 KiB, gunzipped if gzip. */
  head: Buffer;
  /** `head` as UTF-8 text, byte-order mark removed. */
  text: string;
  /** The file's first line of text (header), without line ending. */
  firstLine: string;
}

/** The watched fleet as the ingest sees it: lower-case ICAO addresses. `null` means keep all. */
export type FleetFilter = ReadonlySet<string> | null;

/** Everything a reader gets while loading one source inside its transaction. */
export interface LoadContext {
  store: Store;
  sourceId: number;
  /** Absolute path of the input. */
  path: string;
  sample: Sample;
  fleet: FleetFilter;
  rejects: Rejects;
  progress: Progress;
  /** Warn once per kind (stderr, and into the summary). */
  warn(kind: string, message: string): void;
}

/** What a reader reports when it has loaded its rows. */
export interface LoadResult {
  rowsRead: number;
  rowsKept: number;
  /** Last calendar month (YYYY-MM) the source covers, where that means something. */
  releaseThrough?: string;
  /** Leg histories: registrations no rule or registry resolves to an ICAO address, with their legs (kept, under the registration). */
  unresolvedRegistrations?: { registration: string; legs: number }[];
}

/**
 * One input format. Detection is by content: `sniff` returns 0 when the sample is not this
 * format, else a confidence (higher wins; 100 = certain, such as an exact header).
 */
export interface Format {
  name: string;
  description: string;
  /** What it loads into: a table name, for listings. */
  target: string;
  /** Takes folders rather than files. */
  directories?: boolean;
  sniff(sample: Sample): number;
  load(ctx: LoadContext): Promise<LoadResult>;
}
