import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { CharterwatchError, usageError } from '../errors.ts';
import { FIELDS, IDENTIFIER, OPENSKY_LAYOUT, REQUIRED, STALE_AFTER_S, TEXT_FIELDS, type Layout } from './layout.ts';
import { clickhouseMessage, remoteException, RowBinaryDecoder, type WireType } from './rowbinary.ts';
import type { RawRow } from './sink.ts';
import type { Download, PullSource } from './source.ts';
import type { Window } from './windows.ts';

export interface ClickHouseOptions {
  /** `clickhouse://[USER[:PASSWORD]@]HOST:PORT/DATABASE.TABLE` (HTTP interface port, 8123 by default). */
  url: string;
  layout?: Layout;
  /** Replaces DATABASE.TABLE of the URL (from a mapping file). */
  table?: string;
  /** Credentials when the URL has none: CLICKHOUSE_USER, CLICKHOUSE_PASSWORD. */
  env?: NodeJS.ProcessEnv;
  /** Test hook: fetch to use. */
  fetch?: typeof fetch;
}

/**
 * Positions from a ClickHouse table over its HTTP interface. The time and address filter runs
 * in ClickHouse. A pull asks for the reply as CSV, streamed to a file that DuckDB's own CSV
 * reader loads in one statement (`fileQuery`, `download`, src/pull/landing.ts); the row-by-row
 * path (RowBinary decoded in JavaScript and appended, `query`, `stream`) stays for comparison.
 */
export class ClickHouseSource implements PullSource {
  readonly format = 'clickhouse';
  readonly origin: string;
  readonly units;
  readonly windowHours = 24;
  /**
   * Two windows at once: while one window's rows are being committed locally, the next one's
   * query is already running remotely, so neither side waits for the other (measured in
   * docs/pull.md; more than two gained nothing on the benchmark's two cores).
   */
  readonly concurrency = { default: 2, max: 8 };
  readonly #endpoint: string;
  readonly #auth: string | undefined;
  readonly #database: string;
  readonly #table: string;
  readonly #layout: Layout;
  readonly #fetch: typeof fetch;
  /** Column types, filled by `check()`. */
  #types = new Map<string, string>();

  constructor({ url, layout = OPENSKY_LAYOUT, table, env = process.env, fetch: fetchImpl = fetch }: ClickHouseOptions) {
    const parsed = parseClickHouseUrl(url);
    const [database, name] = (table ?? `${parsed.database}.${parsed.table}`).split('.') as [string, string];
    this.#database = database;
    this.#table = name;
    this.#endpoint = `http://${parsed.host}:${parsed.port}/`;
    const user = parsed.user ?? env.CLICKHOUSE_USER;
    const password = parsed.password ?? env.CLICKHOUSE_PASSWORD ?? '';
    this.#auth = user ? `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` : undefined;
    this.origin = `clickhouse://${parsed.host}:${parsed.port}/${database}.${name}`;
    this.#layout = layout;
    this.units = layout.units;
    this.#fetch = fetchImpl;
  }

  async check(): Promise<void> {
    const text = await this.#text(
      `SELECT name, type FROM system.columns WHERE database = '${this.#database}' AND table = '${this.#table}' FORMAT TabSeparated`,
    );
    this.#types = new Map(text.split('\n').filter(Boolean).map((line) => line.split('\t') as [string, string]));
    if (this.#types.size === 0) throw new CharterwatchError('NOT_FOUND', `${this.origin}: no table ${this.#database}.${this.#table} on this server`);
    const missing = FIELDS.filter((f) => this.#layout.columns[f] !== null && !this.#types.has(this.#layout.columns[f]!)).map((f) => this.#layout.columns[f]!);
    const required = REQUIRED.filter((f) => !this.#types.has(this.#layout.columns[f]!));
    if (missing.length > 0) {
      throw new CharterwatchError(
        'BAD_INPUT',
        `${this.origin}: the table has no column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` +
          `${required.length > 0 ? '' : ' (optional: map them to null)'}; it has ${listed([...this.#types.keys()])}. ` +
          'Describe its layout with --mapping FILE (see docs/pull.md)',
      );
    }
  }

  /** The window's query with a RowBinary reply, for `stream` (row by row). */
  query(window: Window): string {
    return `${this.#select(window)} FORMAT RowBinary`;
  }

  /**
   * The window's query with a CSV reply, for `download`: ClickHouse writes Float64 in its
   * shortest exact form, NULL as an unquoted `\N`, strings in double quotes, so DuckDB reads back
   * the very same values (tested against the RowBinary path).
   */
  fileQuery(window: Window): string {
    return `${this.#select(window)} FORMAT CSV`;
  }

  #select({ start, end, include, exclude }: Window): string {
    const c = this.#layout.columns;
    const q = (name: string) => `\`${name}\``;
    const time = q(c.time!);
    const timeType = this.#types.get(c.time!) ?? '';
    const isDateTime = timeType.startsWith('DateTime');
    const scale = this.#layout.units.time === 'ms' ? 1000 : 1;
    const bound = (t: number) => (isDateTime ? `toDateTime(${t})` : String(t * scale));
    // No aliases: ClickHouse lets an alias shadow a column in WHERE, and `toString(icao24) AS icao24`
    // would hide the primary key from the filter. RowBinary needs no names; the order is FIELDS'.
    // lastcontact (the last field) serves the stale filter only: it is not sent back.
    const select = SENT.map((f) => {
      const column = c[f];
      if (f === 'time') return `toFloat64(${isDateTime ? `toUInt32(${time})` : time})`;
      if (f === 'icao24') return `toString(${q(column!)})`;
      const type = TEXT_FIELDS.has(f) ? 'Nullable(String)' : 'Nullable(Float64)';
      return column === null ? `CAST(NULL AS ${type})` : `CAST(${q(column)} AS ${type})`;
    });
    const where = [`${time} >= ${bound(start)}`, `${time} < ${bound(end)}`];
    if (include !== null) where.push(`${q(c.icao24!)} IN (${include.map((a) => `'${a}'`).join(', ')})`);
    if (exclude.length > 0) where.push(`${q(c.icao24!)} NOT IN (${exclude.map((a) => `'${a}'`).join(', ')})`);
    where.push(`${q(c.lat!)} IS NOT NULL`, `${q(c.lon!)} IS NOT NULL`);
    if (c.lastcontact !== null) {
      const t = isDateTime ? `toUInt32(${time})` : scale === 1 ? time : `${time} / 1000`;
      where.push(`${t} - ${q(c.lastcontact)} <= ${STALE_AFTER_S}`);
    }
    return `SELECT ${select.join(', ')} FROM ${q(this.#database)}.${q(this.#table)} WHERE ${where.join(' AND ')}`;
  }

  /**
   * Runs `query` (a `fileQuery`) and writes the reply to `file` as it arrives, one network chunk
   * at a time (memory stays bounded whatever the window holds), hashing it on the way. ClickHouse
   * reports a failure after the reply has started by writing its exception at the end of the
   * body: it is recognised there (a line starting "Code: NNN, e.displayText()", which no CSV row
   * can be), as is a body cut mid-row. The caller removes the file.
   */
  async download(query: string, file: string, signal?: AbortSignal): Promise<Download> {
    const response = await this.#post(query, signal);
    const reader = response.body!.getReader();
    const hash = createHash('sha256');
    const out = await open(file, 'wx');
    let bytes = 0;
    let newlines = 0;
    // Network chunks are small (often a few kB): they are gathered into writes of WRITE bytes, and
    // the last ones are kept (at least TAIL bytes) to look at the reply's end.
    let pending: Uint8Array[] = [];
    let pendingBytes = 0;
    let recent: Uint8Array[] = [];
    let recentBytes = 0;
    try {
      for await (const buf of this.#chunks(reader)) {
        bytes += buf.byteLength;
        hash.update(buf);
        newlines += countNewlines(buf);
        pending.push(buf);
        pendingBytes += buf.byteLength;
        recent.push(buf);
        recentBytes += buf.byteLength;
        while (recent.length > 1 && recentBytes - recent[0]!.byteLength >= TAIL) recentBytes -= recent.shift()!.byteLength;
        if (pendingBytes >= WRITE) {
          await out.writev(pending);
          pending = [];
          pendingBytes = 0;
        }
      }
      if (pending.length > 0) await out.writev(pending);
    } catch (error) {
      await reader.cancel().catch(() => undefined);
      throw error;
    } finally {
      await out.close();
    }
    const tail = Buffer.concat(recent);
    recent = [];
    const text = tail.toString('latin1');
    const exception = /(?:^|\n)Code: \d+, e\.displayText\(\) = /.exec(text);
    if (exception) {
      const at = exception.index + (text[exception.index] === '\n' ? 1 : 0);
      throw new CharterwatchError('FAILED', `${this.origin}: ${remoteException(Buffer.from(text.slice(at), 'latin1')).message}`);
    }
    if (bytes > 0 && tail[tail.length - 1] !== 0x0a) {
      throw new CharterwatchError('FAILED', `${this.origin}: the reply ended in the middle of a row: the connection was cut`);
    }
    return { bytes, sha256: hash.digest('hex'), newlines };
  }

  /** The reply's chunks as they arrive; a connection cut mid-reply is a FAILED error naming the origin. */
  async *#chunks(reader: ReadableStreamDefaultReader<Uint8Array>): AsyncGenerator<Uint8Array> {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        throw new CharterwatchError('FAILED', `${this.origin}: the connection was cut during the reply (${causeOf(error)})`);
      }
      if (chunk.done) return;
      yield chunk.value;
    }
  }

  async stream(query: string, onRow: (row: RawRow) => void, signal?: AbortSignal): Promise<{ bytes: number }> {
    const types: WireType[] = SENT.map((f) => (f === 'time' ? 'Float64' : f === 'icao24' ? 'String' : TEXT_FIELDS.has(f) ? 'Nullable(String)' : 'Nullable(Float64)'));
    const decoder = new RowBinaryDecoder(types, onRow);
    const response = await this.#post(query, signal);
    const reader = response.body!.getReader();
    try {
      for await (const buf of this.#chunks(reader)) decoder.push(buf);
      decoder.end();
    } catch (error) {
      await reader.cancel().catch(() => undefined);
      if (error instanceof CharterwatchError && !error.message.startsWith(this.origin)) {
        throw new CharterwatchError(error.code, `${this.origin}: ${error.message}`);
      }
      throw error;
    }
    return { bytes: decoder.bytes };
  }

  async #text(query: string): Promise<string> {
    return (await this.#post(query)).text();
  }

  async #post(query: string, signal?: AbortSignal): Promise<Response> {
    let response: Response;
    try {
      response = await this.#fetch(this.#endpoint, {
        method: 'POST',
        body: query,
        headers: this.#auth ? { authorization: this.#auth } : {},
        signal,
      });
    } catch (error) {
      throw new CharterwatchError('FAILED', `${this.origin}: cannot reach ClickHouse at ${this.#endpoint} (${causeOf(error)})`);
    }
    if (response.ok) return response;
    const body = await response.text().catch(() => '');
    if (response.status === 401 || response.status === 403 || /Code: (192|193|194|516)\b/.test(body)) {
      throw new CharterwatchError('FAILED', `${this.origin}: ClickHouse refused the credentials: ${clickhouseMessage(body)} (set them in the URL or CLICKHOUSE_USER / CLICKHOUSE_PASSWORD)`);
    }
    throw new CharterwatchError('FAILED', `${this.origin}: ClickHouse answered HTTP ${response.status}: ${clickhouseMessage(body)}`);
  }
}

/** Bytes of the reply's end kept to look for an exception ClickHouse wrote there (it nests one per shard). */
const TAIL = 65536;
/** Bytes gathered before a write to the reply's file. */
const WRITE = 1 << 20;

/** Line ends in a chunk: the rows of a CSV reply whose strings hold no line break. */
function countNewlines(chunk: Uint8Array): number {
  // Buffer's indexOf is a native memchr: cheaper than a loop over the bytes in JavaScript.
  const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  let n = 0;
  for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) n++;
  return n;
}

/** The fields a ClickHouse pull sends back, in `FIELDS` order (so the sink's indexes hold). */
const SENT = FIELDS.filter((f) => f !== 'lastcontact');

/** Parses `clickhouse://[USER[:PASSWORD]@]HOST[:PORT]/DATABASE.TABLE`. */
export function parseClickHouseUrl(url: string) {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw usageError(`expected clickhouse://HOST:PORT/DATABASE.TABLE, got "${url}"`);
  }
  const m = /^\/([^./]+)\.([^./]+)$/.exec(u.pathname);
  if (u.protocol !== 'clickhouse:' || !u.hostname || !m || !IDENTIFIER.test(m[1]!) || !IDENTIFIER.test(m[2]!)) {
    throw usageError(`expected clickhouse://HOST:PORT/DATABASE.TABLE, got "${redact(url)}"`);
  }
  return {
    host: u.hostname,
    port: u.port || '8123',
    database: m[1]!,
    table: m[2]!,
    user: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
  };
}

/** A list cut to its first 12 names. */
const listed = (names: string[]) => (names.length > 12 ? `${names.slice(0, 12).join(', ')}, … (${names.length} columns)` : names.join(', '));

const redact = (url: string) => url.replace(/\/\/[^@/]*@/, '//…@');

function causeOf(error: unknown): string {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  return e.cause?.code ?? e.cause?.message ?? e.message;
}
