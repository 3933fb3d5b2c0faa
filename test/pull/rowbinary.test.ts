import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clickhouseMessage, RowBinaryDecoder, type WireType } from '../../src/pull/rowbinary.ts';

const TYPES: WireType[] = ['Float64', 'String', 'Nullable(Float64)', 'Nullable(String)'];

/** Encodes rows as ClickHouse's RowBinary would. */
function encode(rows: [number, string, number | null, string | null][]): Buffer {
  const parts: Buffer[] = [];
  const f64 = (v: number) => {
    const b = Buffer.alloc(8);
    b.writeDoubleLE(v);
    return b;
  };
  const str = (s: string) => {
    const bytes = Buffer.from(s);
    const len: number[] = [];
    let n = bytes.length;
    do {
      len.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
      n >>= 7;
    } while (n > 0);
    return Buffer.concat([Buffer.from(len), bytes]);
  };
  for (const [t, a, x, s] of rows) {
    parts.push(f64(t), str(a), x === null ? Buffer.from([1]) : Buffer.concat([Buffer.from([0]), f64(x)]), s === null ? Buffer.from([1]) : Buffer.concat([Buffer.from([0]), str(s)]));
  }
  return Buffer.concat(parts);
}

const ROWS: [number, string, number | null, string | null][] = [
  [1719878400, 'a960a9', 3048.5, 'RPN529'],
  [1719878401, 'a960a9', null, null],
  [1719878402, 'c0ffee', -0.25, 'x'.repeat(200)], // a length that needs two LEB128 bytes
];

function decodeAll(chunks: Uint8Array[]) {
  const out: unknown[][] = [];
  const d = new RowBinaryDecoder(TYPES, (row) => out.push([...row]));
  for (const c of chunks) d.push(c);
  d.end();
  return { out, bytes: d.bytes };
}

describe('decoding RowBinary as it streams in', () => {
  const whole = encode(ROWS);
  for (const size of [whole.length, 1, 3, 7, 64]) {
    it(`gives the same rows fed in chunks of ${size} byte(s)`, () => {
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < whole.length; i += size) chunks.push(new Uint8Array(whole.subarray(i, i + size)));
      const { out, bytes } = decodeAll(chunks);
      assert.deepEqual(out, ROWS);
      assert.equal(bytes, whole.length);
    });
  }

  it('reports a reply cut in the middle of a row', () => {
    assert.throws(() => decodeAll([whole.subarray(0, whole.length - 3)]), /the reply ended in the middle of a row \(\d+ bytes left over\): the connection was cut/);
  });

  it('turns an exception ClickHouse writes after the rows into a clear error', () => {
    const tail = Buffer.from('Code: 210, e.displayText() = DB::NetException: Connection refused (127.0.0.1:19001), e.what() = DB::NetException\n');
    assert.throws(() => decodeAll([Buffer.concat([encode(ROWS.slice(0, 1)), tail])]), {
      message: 'ClickHouse stopped the query: Connection refused (127.0.0.1:19001) (code 210; a shard of the cluster is down or unreachable)',
    });
  });

  it('reads the whole exception when it arrives split over chunks', () => {
    const tail = Buffer.from('Code: 32, e.displayText() = DB::Exception: Attempt to read after eof: while receiving packet from 127.0.0.1:19001, e.what() = DB::Exception\n');
    const body = Buffer.concat([encode(ROWS.slice(0, 1)), tail]);
    const cut = body.length - tail.length + 'Code: 32, e.displayText() = DB::Exception: Attempt to read a'.length;
    assert.throws(() => decodeAll([body.subarray(0, cut), body.subarray(cut, cut + 10), body.subarray(cut + 10)]), {
      message: 'ClickHouse stopped the query: Attempt to read after eof: while receiving packet from 127.0.0.1:19001 (code 32; a shard of the cluster is down or unreachable)',
    });
  });
});

describe('reading ClickHouse error bodies', () => {
  const cases: [string, string][] = [
    ['Code: 193, e.displayText() = DB::Exception: Wrong password for user puller, e.what() = DB::Exception\n', 'Wrong password for user puller (code 193)'],
    ['Code: 81, e.displayText() = DB::Exception: Database nope doesn\'t exist, e.what() = DB::Exception', 'Database nope doesn\'t exist (code 81)'],
    [
      'Code: 279, e.displayText() = DB::NetException: All connection tries failed. Log: \n\nCode: 210, e.displayText() = DB::NetException: Connection refused (127.0.0.1:19001), e.what() = DB::NetException\n\n, e.what() = DB::NetException',
      'All connection tries failed: Connection refused (127.0.0.1:19001) (code 279; a shard of the cluster is down or unreachable)',
    ],
    ['Bad Gateway', 'Bad Gateway'],
  ];
  for (const [body, expected] of cases) {
    it(`reads "${body.slice(0, 40)}…"`, () => assert.equal(clickhouseMessage(body), expected));
  }
});
