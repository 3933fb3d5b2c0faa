import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Column } from '../../src/format/columns.ts';
import { csvCell, writeCsv } from '../../src/format/csv.ts';

describe('a CSV cell', () => {
  // [value, as written]: text starting with = + - @ tab or CR gets a leading ' (the formula
  // guard); a cell holding a comma, a quote or a line break is quoted, its quotes doubled (RFC 4180).
  const cases: [unknown, string][] = [
    ['=SUM(1)', "'=SUM(1)"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@x', "'@x"],
    ['\tx', "'\tx"],
    ['\r=1', `"'\r=1"`],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['-1+2', "'-1+2"],
    ['-12.5', "'-12.5"],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['crlf\r\ninside', '"crlf\r\ninside"'],
    ['a, "b"', '"a, ""b"""'],
    ['x=1', 'x=1'],
    ['N703KW', 'N703KW'],
    ['2024-06-04T10:00:00Z', '2024-06-04T10:00:00Z'],
    ['', ''],
    [-12.5, '-12.5'],
    [-1, '-1'],
    [0, '0'],
    [Number.NaN, ''],
    [true, 'true'],
    [false, 'false'],
    [null, ''],
    [undefined, ''],
  ];
  for (const [value, written] of cases) {
    it(`writes ${JSON.stringify(value) ?? 'undefined'} as ${JSON.stringify(written)}`, () => {
      assert.equal(csvCell(value), written);
    });
  }
});

describe('a CSV text', () => {
  interface Row { name: string; n: number | null; ok: boolean }
  const columns: Column<Row>[] = [
    { name: 'name', type: 'string', description: '', value: (r) => r.name },
    { name: 'n', type: 'integer', description: '', value: (r) => r.n },
    { name: 'ok', type: 'boolean', description: '', value: (r) => r.ok },
  ];

  it('is the header then one CRLF-ended line a row, quoted and guarded cell by cell', () => {
    const rows: Row[] = [
      { name: 'plain', n: 1, ok: true },
      { name: '=cmd|"/c calc"!A1', n: -3, ok: false },
      { name: 'line one\nline two', n: null, ok: true },
    ];
    assert.equal(writeCsv(columns, rows), `name,n,ok\r\nplain,1,true\r\n"'=cmd|""/c calc""!A1",-3,false\r\n"line one\nline two",,true\r\n`);
  });

  it('is the header alone when there are no rows', () => {
    assert.equal(writeCsv(columns, []), 'name,n,ok\r\n');
  });
});
