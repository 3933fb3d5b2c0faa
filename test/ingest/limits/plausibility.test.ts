import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { tempDb, tempDir } from '../../helpers.ts';
import { ingest, query, rejects } from '../positions/helpers.ts';

const HEADER = 'time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact';
const T = 1719921600; // 2024-07-02T12:00:00Z
const YEAR_3000 = Date.UTC(3000, 0, 1) / 1000;
const YEAR_1969 = Date.UTC(1969, 6, 20) / 1000;
/** One OpenSky row: SI units (m/s, metres), as OpenSky writes them. */
const row = (t: number, { velocity = '200.0', heading = '90.0', baro = '3048.0' } = {}) => `${t},a960a9,30.5,-92.5,${velocity},${heading},0.0,RPN703,False,False,False,1234,${baro},3100.0,${t},${t}`;

function write(name: string, text: string): string {
  const file = path.join(tempDir(), name);
  writeFileSync(file, text);
  return file;
}

describe('implausible positions in a batch file', () => {
  it('rejects years 3000 and 1969, −164,042 ft, −389 kt and a 720° track in an OpenSky CSV, each with its line and reason', async () => {
    const file = write('states.csv', [
      HEADER,
      row(T), // line 2: kept
      row(YEAR_3000), // 3
      row(YEAR_1969), // 4
      row(T + 1, { baro: '-50000' }), // 5: −164,042 ft
      row(T + 2, { velocity: '-200.0' }), // 6: −389 kt
      row(T + 3, { heading: '720' }), // 7
      row(T + 4, { baro: '18288.0', velocity: '514.4', heading: '360' }), // 8: 60,000 ft, 1,000 kt, 360°: the bounds themselves are kept
    ].join('\n') + '\n');
    const db = tempDb();
    const r = await ingest(db, [file], { all: true });
    assert.equal(r.code, 0, r.stderr);
    const [s] = r.json().sources;
    assert.deepEqual([s.rowsRead, s.rowsKept, s.rowsRejected], [7, 2, 5]);
    assert.deepEqual(await rejects(db), [
      [3, 'time in the future (more than a day after the ingest)'],
      [4, 'time before 1990-01-01'],
      [5, 'altitude out of range (-2000 to 60000 ft)'],
      [6, 'ground speed out of range (0 to 1000 kt)'],
      [7, 'track out of range (0 to 360 degrees)'],
    ]);
    assert.deepEqual(await query(db, `SELECT time::BIGINT AS t FROM positions ORDER BY time`), [{ t: T }, { t: T + 4 }]);
  });

  it('rejects the same in an SBS-1 recording (every reader\'s rows pass the same check), with the message\'s line', async () => {
    const at = (t: number) => {
      const iso = new Date(t * 1000).toISOString();
      return `${iso.slice(0, 10).replaceAll('-', '/')},${iso.slice(11, 23)}`;
    };
    const msg3 = (t: number, alt: number) => `MSG,3,1,1,A960A9,1,${at(t)},${at(t)},,${alt},,,30.50000,-92.50000,,,0,0,0,0`;
    const msg4 = (t: number, gs: number, track: number) => `MSG,4,1,1,A960A9,1,${at(t)},${at(t)},,,${gs},${track},,,0,,,,,0`;
    const file = write('recording.txt', [
      msg4(T, 388.8, 90), // 1
      msg3(T, 10000), // 2: kept
      msg3(YEAR_3000, 10000), // 3
      msg3(YEAR_1969, 10000), // 4
      msg3(T + 1, -164042), // 5
      msg4(T + 2, -389, 90), // 6
      msg3(T + 2, 10000), // 7: carries −389 kt
      msg4(T + 3, 388.8, 720), // 8
      msg3(T + 3, 10000), // 9: carries 720°
      msg4(T + 4, 388.8, 90), // 10
      msg3(T + 4, 10000), // 11: kept
    ].join('\n') + '\n');
    const db = tempDb();
    const r = await ingest(db, [file], { all: true });
    assert.equal(r.code, 0, r.stderr);
    const [s] = r.json().sources;
    assert.deepEqual([s.rowsRead, s.rowsKept, s.rowsRejected], [11, 2, 5]);
    assert.deepEqual(s.rejectsByReason, {
      'time in the future (more than a day after the ingest)': 1,
      'time before 1990-01-01': 1,
      'altitude out of range (-2000 to 60000 ft)': 1,
      'ground speed out of range (0 to 1000 kt)': 1,
      'track out of range (0 to 360 degrees)': 1,
    });
    assert.deepEqual(await rejects(db), [
      [3, 'time in the future (more than a day after the ingest)'],
      [4, 'time before 1990-01-01'],
      [5, 'altitude out of range (-2000 to 60000 ft)'],
      [7, 'ground speed out of range (0 to 1000 kt)'],
      [9, 'track out of range (0 to 360 degrees)'],
    ]);
    const [raw] = await query<{ raw: string }>(db, `SELECT raw FROM rejects WHERE line = 5`);
    assert.equal(raw?.raw, 'icao24 a960a9, time 1719921601.0, lat 30.5, lon -92.5, alt_baro_ft -164042.0, alt_geom_ft , gs_kt 388.8, track_deg 90.0');
  });
});
