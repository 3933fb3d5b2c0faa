import { CharterwatchError } from '../errors.ts';
import type { RawRow } from './sink.ts';

/** Wire type of one column in a ClickHouse RowBinary reply, as the pull query casts it. */
export type WireType = 'Float64' | 'String' | 'Nullable(Float64)' | 'Nullable(String)';

/** What ClickHouse writes into the body when a query fails after the reply has started. */
const EXCEPTION = Buffer.from('Code: ');

/** Column kinds as small numbers, so the per-value dispatch is an integer test, not a string compare. */
const STRING = 1;
const NULLABLE = 2;
const kindOf = (type: WireType) => (type.endsWith('String') || type.endsWith('String)') ? STRING : 0) | (type.startsWith('Nullable') ? NULLABLE : 0);

/** Strings up to this length are decoded in JavaScript when they are ASCII: cheaper than a native call for short text (addresses, callsigns, squawks). */
const SHORT = 24;

/**
 * An incremental decoder of ClickHouse's RowBinary format: feed it chunks as they arrive,
 * it calls `onRow` for each complete row and keeps only the bytes of the row in flight
 * (memory stays bounded by one network chunk plus one row).
 *
 * RowBinary (ClickHouse docs, "Formats"): rows back to back, no separators; Float64 is 8 bytes
 * little-endian; String is a LEB128 length then the bytes; Nullable is one byte (1 = NULL) then,
 * if not NULL, the value.
 */
export class RowBinaryDecoder {
  /** Bytes of a row not yet complete, carried into the next chunk. */
  #rest: Buffer = Buffer.alloc(0);
  /** The row being filled, reused for every row (no per-row allocation). */
  readonly #row: RawRow;
  readonly #kinds: Uint8Array;
  readonly #onRow: (row: RawRow) => void;
  /** Bytes seen, for the figure "bytes received". */
  bytes = 0;
  /** The text of an exception ClickHouse wrote into the body, once one has begun. */
  #exception: Buffer | undefined;

  constructor(types: readonly WireType[], onRow: (row: RawRow) => void) {
    this.#kinds = Uint8Array.from(types, kindOf);
    this.#row = new Array(types.length).fill(null);
    this.#onRow = onRow;
  }

  push(chunk: Uint8Array): void {
    this.bytes += chunk.byteLength;
    if (this.#exception) return this.#collectException(chunk);
    const buf = this.#rest.length === 0 ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength) : Buffer.concat([this.#rest, chunk]);
    // Float64s are read through a DataView of the same bytes: the JIT inlines getFloat64, not readDoubleLE.
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    let p = 0;
    for (;;) {
      if (p < buf.length && buf[p] === 0x43 && startsWith(buf, p, EXCEPTION)) {
        this.#exception = Buffer.alloc(0);
        return this.#collectException(buf.subarray(p));
      }
      const next = this.#readRow(buf, view, p);
      if (next < 0) break;
      this.#onRow(this.#row);
      p = next;
    }
    // Copy the tail: `buf` may be a view of the network chunk, which the reader reuses.
    this.#rest = Buffer.from(buf.subarray(p));
  }

  /**
   * The exception text may arrive split over several chunks, and a shard's failure nests
   * another exception after a blank line: it is collected until the body ends (ClickHouse
   * closes the reply after it; `end()` throws it), at most 64 kB of it.
   */
  #collectException(chunk: Uint8Array): void {
    if (this.#exception!.length < 65536) this.#exception = Buffer.concat([this.#exception!, chunk]);
  }

  /** Call at the end of the body: a partial row left over means the reply was cut. */
  end(): void {
    if (this.#exception) throw remoteException(this.#exception);
    if (this.#rest.length === 0) return;
    if (startsWith(this.#rest, 0, EXCEPTION)) throw remoteException(this.#rest);
    throw new CharterwatchError('FAILED', `the reply ended in the middle of a row (${this.#rest.length} bytes left over): the connection was cut`);
  }

  /** Reads one row at `p` into `#row`; returns the offset after it, or -1 if the row is incomplete. */
  #readRow(buf: Buffer, view: DataView, p: number): number {
    const kinds = this.#kinds;
    const row = this.#row;
    const n = buf.length;
    for (let i = 0; i < kinds.length; i++) {
      const kind = kinds[i]!;
      if (kind & NULLABLE) {
        if (p >= n) return -1;
        if (buf[p++] === 1) {
          row[i] = null;
          continue;
        }
      }
      if ((kind & STRING) === 0) {
        if (p + 8 > n) return -1;
        row[i] = view.getFloat64(p, true);
        p += 8;
        continue;
      }
      // LEB128 length.
      let len = 0;
      let shift = 0;
      for (;;) {
        if (p >= n) return -1;
        const b = buf[p++]!;
        len += (b & 0x7f) * 2 ** shift;
        if (b < 0x80) break;
        shift += 7;
        if (shift > 35) throw new CharterwatchError('FAILED', 'malformed reply: a string length does not end (not RowBinary)');
      }
      if (p + len > n) return -1;
      row[i] = len <= SHORT ? shortText(buf, p, len) : buf.toString('utf8', p, p + len);
      p += len;
    }
    return p;
  }
}

/** A short string: built from its bytes when they are ASCII (the common case), else decoded as UTF-8. */
function shortText(buf: Buffer, p: number, len: number): string {
  let s = '';
  for (let k = p; k < p + len; k++) {
    const b = buf[k]!;
    if (b >= 0x80) return buf.toString('utf8', p, p + len);
    s += String.fromCharCode(b);
  }
  return s;
}

function startsWith(buf: Buffer, p: number, prefix: Buffer): boolean {
  if (p + prefix.length > buf.length) return false;
  return buf.compare(prefix, 0, prefix.length, p, p + prefix.length) === 0;
}

/** Turns ClickHouse's exception text ("Code: 279, e.displayText() = DB::NetException: …") into one clear line. */
export function remoteException(body: Uint8Array): CharterwatchError {
  const text = Buffer.from(body).toString('utf8').trim();
  return new CharterwatchError('FAILED', `ClickHouse stopped the query: ${clickhouseMessage(text)}`);
}

/** The readable part of a ClickHouse error body ("Code: 279, e.displayText() = DB::NetException: …"). */
export function clickhouseMessage(text: string): string {
  const messages = [...text.matchAll(/Code:\s*(\d+),\s*e\.displayText\(\)\s*=\s*DB::\w*Exception:\s*(.*?)(?:,\s*e\.what\(\)[^\n]*)?$/gm)].map((m) => ({
    code: m[1]!,
    message: m[2]!.replace(/\s*\(version [^)]*\)\s*$/, '').replace(/\.?\s*Log:\s*$/, ''),
  }));
  const [main, nested] = messages;
  if (!main) return (text.split('\n')[0] ?? text).slice(0, 300);
  // A Distributed query that could not reach a shard nests the reason ("Connection refused (host:port)").
  const reason = nested && nested.message !== main.message ? `: ${nested.message}` : '';
  const shard = ['279', '210', '209'].includes(main.code) || /while receiving packet from/.test(main.message);
  const hint = shard ? '; a shard of the cluster is down or unreachable' : '';
  return `${main.message}${reason} (code ${main.code}${hint})`;
}
