/**
 * The resource limits of the ingest: how much one input may ask of memory and time, whatever it
 * holds. Each has a default that no real source comes near, and an environment variable that
 * raises (or lowers) it; docs/limits.md lists them. Read at each use, so a test or a user can set
 * them per run.
 */

/** Bytes a file read whole into memory may hold, unpacked (JSON traces, snapshots, statistics tables). */
export const DEFAULT_MAX_UNPACKED_MB = 128;
/** Bytes one line of a CSV or text file may hold. */
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;
/** Fields one CSV row may hold. */
export const DEFAULT_MAX_FIELDS = 1000;

/**
 * A gzip stream read as it unpacks (hashed, or extracted from a tar archive to a temporary file)
 * may unpack to this many times its size, and to 256 MiB in any case: OpenSky's CSV files unpack
 * to 5–10 times their size, JSON to 10–20; a "gzip bomb" to a thousand.
 */
export const DEFAULT_MAX_GZIP_RATIO = 100;
export const STREAM_FLOOR_BYTES = 256 * 1024 * 1024;

export const ENV_MAX_UNPACKED_MB = 'CHARTERWATCH_MAX_UNPACKED_MB';
export const ENV_MAX_GZIP_RATIO = 'CHARTERWATCH_MAX_GZIP_RATIO';
export const ENV_MAX_LINE_BYTES = 'CHARTERWATCH_MAX_LINE_BYTES';
export const ENV_MAX_FIELDS = 'CHARTERWATCH_MAX_FIELDS';

/** A positive number from the environment, else the default (a bad value is an error naming the variable). */
function fromEnv(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text.trim() === '') return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new RangeError(`${name} must be a positive number, found "${text}"`);
  return n;
}

/** The most bytes a file read whole may unpack to (see DEFAULT_MAX_UNPACKED_MB). */
export const maxUnpackedBytes = (): number => Math.floor(fromEnv(ENV_MAX_UNPACKED_MB, DEFAULT_MAX_UNPACKED_MB) * 1024 * 1024);
/** The most bytes one line may hold (see DEFAULT_MAX_LINE_BYTES). */
export const maxLineBytes = (): number => Math.floor(fromEnv(ENV_MAX_LINE_BYTES, DEFAULT_MAX_LINE_BYTES));
/** The most fields one CSV row may hold (see DEFAULT_MAX_FIELDS). */
export const maxFields = (): number => Math.floor(fromEnv(ENV_MAX_FIELDS, DEFAULT_MAX_FIELDS));

/** The most a gzip stream of `compressed` bytes may unpack to (see DEFAULT_MAX_GZIP_RATIO). */
export const maxStreamUnpacked = (compressed: number): number => Math.max(STREAM_FLOOR_BYTES, Math.floor(fromEnv(ENV_MAX_GZIP_RATIO, DEFAULT_MAX_GZIP_RATIO) * compressed));

/** The error of a gzip stream past `maxStreamUnpacked`. */
export const streamTooLarge = (limit: number, compressed: number): string =>
  `gzip data unpacks to more than ${sizeText(limit)}, the limit for ${sizeText(compressed)} of it (${fromEnv(ENV_MAX_GZIP_RATIO, DEFAULT_MAX_GZIP_RATIO)} times its size, ${sizeText(STREAM_FLOOR_BYTES)} at least; ${ENV_MAX_GZIP_RATIO} raises the ratio); nothing of it was loaded`;

/** Bytes in words: 1 MiB, 256 MiB, 3.2 GiB. */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1).replace(/\.0$/, '')} GiB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1).replace(/\.0$/, '')} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KiB`;
  return `${bytes} bytes`;
}

/** The reason a line over the line-length limit is rejected with (one fixed text per limit). */
export const longLineReason = (limit: number): string => `line longer than ${sizeText(limit)} (the line-length limit; ${ENV_MAX_LINE_BYTES} raises it)`;
/** The reason a row over the field-count limit is rejected with. */
export const tooManyFieldsReason = (limit: number): string => `more than ${limit} fields (the field-count limit; ${ENV_MAX_FIELDS} raises it)`;
