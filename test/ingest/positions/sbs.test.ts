import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { createSbsParser, parseSbs, type SbsUpdate } from '../../../src/ingest/positions/sbs.ts';
import { adsb } from './helpers.ts';

const recording = readFileSync(adsb('sbs-recording.txt'));

/** Runs the streaming parser over `input` cut into pieces of `size` bytes. */
function streamed(input: Buffer, size: number, fleet: ReadonlySet<string> | null = null) {
  const rejects: [number, string][] = [];
  const parser = createSbsParser({ fleet, onReject: (line, reason) => rejects.push([line, reason]) });
  const updates: SbsUpdate[] = [];
  for (let i = 0; i < input.length; i += size) updates.push(...parser.push(input.subarray(i, i + size)));
  updates.push(...parser.flush());
  return { updates, rejects, lines: parser.lines };
}

const brief = (u: SbsUpdate) => [u.icao24, u.time, u.lat, u.lon, u.altBaroFt, u.onGround, u.gsKt, u.trackDeg, u.vrateFpm, u.callsign, u.squawk, u.line];

describe('SBS-1 parser', () => {
  const whole = parseSbs(recording.toString('latin1'));

  it('merges identification, velocity and squawk messages into each position update', () => {
    assert.deepEqual(whole.map(brief), [
      ['a960a9', 1719921601, 30.5, -92.5, 10000, false, 388.8, 90, 1000, 'RPN703', null, 3],
      ['a960a9', 1719921602, 30.501, -92.49, 10050, false, 388.8, 90, 1000, 'RPN703', '1234', 5],
      ['a960a9', 1719921602, 30.501, -92.49, 10050, false, 388.8, 90, 1000, 'RPN703', '1234', 6],
      ['ab1234', 1719921603, 25.79, -80.29, null, true, 3, 180, null, null, null, 8],
      ['c0ffee', 1719921605, 40, -3, 33000, false, null, null, null, null, null, 12],
      ['a960a9', 1719921606, 30.502, -92.48, 10100, false, 388.8, 90, 1000, 'RPN703', '1234', 13],
    ]);
  });

  for (const size of [1, 2, 3, 7, 64, 4096]) {
    it(`gives the same updates and rejects when fed in ${size}-byte pieces`, () => {
      const { updates, rejects, lines } = streamed(recording, size);
      assert.deepEqual(updates.map(brief), whole.map(brief));
      assert.deepEqual(rejects, [
        [7, 'not an SBS-1 message'],
        [9, 'not an ICAO address ("~" marks a non-ICAO or anonymous address)'],
        [10, 'latitude or longitude out of range'],
      ]);
      assert.equal(lines, 13);
    });
  }

  it('keeps only the fleet it is given', () => {
    const { updates } = streamed(recording, 100, new Set(['ab1234']));
    assert.deepEqual(updates.map((u) => u.icao24), ['ab1234']);
  });

  it('waits for the end of a partial line, and parses the last line without an ending on flush', () => {
    const line = 'MSG,3,1,1,A960A9,1,2024/07/02,12:00:01.000,2024/07/02,12:00:01.000,,10000,,,30.5,-92.5,,,0,0,0,0';
    const parser = createSbsParser();
    assert.deepEqual(parser.push(line.slice(0, 40)), []);
    assert.deepEqual(parser.push(line.slice(40)), []);
    assert.deepEqual(parser.flush().map((u) => [u.icao24, u.time]), [['a960a9', 1719921601]]);
  });

  it('drops a run of binary noise with no line end instead of holding it', () => {
    const rejects: string[] = [];
    const parser = createSbsParser({ onReject: (_line, reason) => rejects.push(reason) });
    parser.push(Buffer.alloc(10_000, 0xff));
    const updates = parser.push('\r\nMSG,3,1,1,A960A9,1,2024/07/02,12:00:01.000,2024/07/02,12:00:01.000,,10000,,,30.5,-92.5,,,0,0,0,0\r\n');
    assert.equal(rejects.length, 1);
    assert.match(rejects[0]!, /no line end in \d+ bytes/);
    assert.deepEqual(updates.map((u) => u.lat), [30.5]);
  });

  const lineCases: { name: string; line: string; reason?: string; update?: unknown[] }[] = [
    { name: 'an airborne position with -1 as the ground flag', line: 'MSG,3,1,1,4CA1D3,1,2024/07/02,23:59:59.9,2024/07/02,23:59:59.9,,0,,,53.42,-6.27,,,0,0,0,-1', update: ['4ca1d3', 1719964799.9, 53.42, -6.27, 0, true] },
    { name: 'a surface position (type 2), on the ground whatever it says', line: 'MSG,2,1,1,4CA1D3,1,2024/07/02,10:00:00.000,,,,,12,270,53.42,-6.27,,,,,,', update: ['4ca1d3', 1719914400, 53.42, -6.27, null, true] },
    { name: 'a position without a position', line: 'MSG,3,1,1,4CA1D3,1,2024/07/02,10:00:00.000,,,,35000,,,,,,,0,0,0,0', reason: 'no position (latitude or longitude missing)' },
    { name: 'a NaN latitude', line: 'MSG,3,1,1,4CA1D3,1,2024/07/02,10:00:00.000,,,,35000,,,NaN,-6.27,,,0,0,0,0', reason: 'latitude or longitude is not a number' },
    { name: 'a bad date', line: 'MSG,3,1,1,4CA1D3,1,02/07/2024,10:00:00.000,,,,35000,,,53.4,-6.27,,,0,0,0,0', reason: 'date and time are not a time: "02/07/2024 10:00:00.000"' },
    { name: 'a short line', line: 'MSG,3,1,1,4CA1D3', reason: 'expected 22 fields, found 5' },
    { name: 'an unknown message type', line: 'MSG,9,1,1,4CA1D3,1,2024/07/02,10:00:00.000,,,,,,,,,,,,,,', reason: 'unknown message type "9"' },
    { name: 'a status record (not an aircraft message), ignored', line: 'STA,,5,179,400AE7,10103,2024/07/02,12:00:04.000,2024/07/02,12:00:04.000,RM' },
  ];
  for (const c of lineCases) {
    it(`reads ${c.name}`, () => {
      const rejects: string[] = [];
      const updates = parseSbs(`${c.line}\r\n`, { onReject: (_l, reason) => rejects.push(reason) });
      assert.deepEqual(updates.map((u) => [u.icao24, u.time, u.lat, u.lon, u.altBaroFt, u.onGround]), c.update ? [c.update] : []);
      assert.deepEqual(rejects, c.reason ? [c.reason] : []);
    });
  }
});
