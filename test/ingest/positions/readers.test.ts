import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tempDb } from '../../helpers.ts';
import { adsb, ingest, positions, query, rejects } from './helpers.ts';

const TILDE = 'not an ICAO address ("~" marks a non-ICAO or anonymous address)';

/**
 * Each fixture, ingested with the watchlist (a960a9, ab1234): what the summary says, the
 * positions stored as [icao24, time, lat, lon, alt_baro_ft, on_ground, callsign, flags], and the
 * rejects as [line, reason].
 */
const cases = [
  {
    name: 'reads an OpenSky CSV: upper-case address, empty and padded callsigns, stale, NaN, out-of-range, short and long rows, a duplicate',
    input: 'opensky-states.csv',
    summary: ['opensky-csv', 11, 4, 5],
    positions: [
      ['a960a9', 1719921600, 30.5, -92.5, 10000, false, 'RPN703', 0],
      ['a960a9', 1719921601, 30.5, -92.49, 10000, false, 'RPN703', 0],
      ['a960a9', 1719921602, 30.5, -92.48, null, true, null, 0],
      ['ab1234', 1719921600, 25.79, -80.29, 0, true, null, 0],
    ],
    rejects: [
      [null, 'stale: time - lastcontact > 15 s'],
      [8, 'latitude or longitude out of range'],
      [9, 'latitude or longitude is not a number'],
      [10, 'expected 16 columns, found 15'],
      [11, 'expected 16 columns, found 17'],
    ],
  },
  {
    name: 'reads a .tar of hourly gzip CSV files as OpenSky distributes them, ignoring its LICENSE and README',
    input: 'states_2024-07-02-12.csv.tar',
    summary: ['opensky-tar', 3, 3, 0],
    positions: [
      ['a960a9', 1719921600, 30.5, -92.5, 10000, false, 'RPN703', 0],
      ['a960a9', 1719921601, 30.5, -92.49, 10000, false, 'RPN703', 0],
      ['ab1234', 1719921600, 25.79, -80.29, 0, true, null, 0],
    ],
    rejects: [],
  },
  {
    name: 'reads Parquet with OpenSky columns, dropping a stale row and a NaN latitude',
    input: 'opensky-states.parquet',
    summary: ['opensky-parquet', 5, 3, 2],
    positions: [
      ['a960a9', 1719921600, 30.5, -92.5, 10000, false, 'RPN703', 0],
      ['a960a9', 1719921601, 30.5, -92.49, 10000, false, 'RPN703', 0],
      ['ab1234', 1719921600, 25.79, -80.29, 0, true, null, 0],
    ],
    rejects: [
      [null, 'latitude or longitude is not a number'],
      [null, 'stale: time - lastcontact > 15 s'],
    ],
  },
  {
    name: 'reads a gzip readsb trace named .json: "ground", new-leg and stale flags, a geometric altitude, callsigns carried from aircraft objects',
    input: 'trace_full_a960a9.json',
    summary: ['readsb-trace', 7, 5, 2],
    positions: [
      ['a960a9', 1719921600, 30.2, -92.1, null, true, 'RPN703', 0],
      ['a960a9', 1719921660.5, 30.21, -92, 1500, false, 'RPN703', 2],
      ['a960a9', 1719921720, 30.25, -91.9, 5000, false, 'RPN703', 1],
      ['a960a9', 1719921780, 30.3, -91.8, null, null, null, 0],
      ['a960a9', 1719921840, 30.3, -91.7, null, false, null, 0],
    ],
    rejects: [
      [6, 'latitude or longitude out of range'],
      [7, 'latitude or longitude is not a number'],
    ],
  },
  {
    name: 'reads a folder of aircraft.json snapshots as one time series: "~" addresses rejected, a repeated position stored once',
    input: 'aircraft-json',
    summary: ['aircraft-json-folder', 8, 3, 2],
    positions: [
      ['a960a9', 1719921599.5, 30.5, -92.5, 10000, false, 'RPN703', 0],
      ['ab1234', 1719921598, 25.79, -80.29, null, true, null, 0],
      ['ab1234', 1719921600.7, 25.7901, -80.2901, null, true, 'RPN12', 0],
    ],
    rejects: [
      [2, TILDE],
      [3, 'not an ICAO address (6 hex digits)'],
    ],
  },
  {
    name: 'reads an SBS-1 recording with CRLF lines, merging identification and velocity into positions, skipping binary noise',
    input: 'sbs-recording.txt',
    summary: ['sbs', 13, 4, 3],
    positions: [
      ['a960a9', 1719921601, 30.5, -92.5, 10000, false, 'RPN703', 0],
      ['a960a9', 1719921602, 30.501, -92.49, 10050, false, 'RPN703', 0],
      ['a960a9', 1719921606, 30.502, -92.48, 10100, false, 'RPN703', 0],
      ['ab1234', 1719921603, 25.79, -80.29, null, true, null, 0],
    ],
    rejects: [
      [7, 'not an SBS-1 message'],
      [9, TILDE],
      [10, 'latitude or longitude out of range'],
    ],
  },
];

describe('ADS-B position readers', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const db = tempDb();
      const result = await ingest(db, [adsb(c.input)]);
      assert.equal(result.code, 0, result.stderr);
      const s = result.json().sources[0];
      assert.deepEqual([s.format, s.rowsRead, s.rowsKept, s.rowsRejected], c.summary);
      assert.deepEqual(await positions(db), c.positions);
      assert.deepEqual(await rejects(db), c.rejects);
    });
  }

  it('reads a gzip OpenSky CSV, whatever its name, as the plain one', async () => {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const { gzipSync } = await import('node:zlib');
    const path = await import('node:path');
    const { tempDir } = await import('../../helpers.ts');
    const file = path.join(tempDir(), 'states_2024-07-02-12.csv');
    writeFileSync(file, gzipSync(readFileSync(adsb('opensky-states.csv'))));
    const db = tempDb();
    const result = await ingest(db, [file]);
    assert.equal(result.code, 0, result.stderr);
    const s = result.json().sources[0];
    assert.deepEqual([s.format, s.rowsRead, s.rowsKept, s.rowsRejected], ['opensky-csv', 11, 4, 5]);
    assert.deepEqual(await positions(db), cases[0]!.positions);
  });

  it('reads one aircraft.json snapshot on its own', async () => {
    const db = tempDb();
    const result = await ingest(db, [adsb('aircraft-json/history_0.json')]);
    assert.equal(result.code, 0, result.stderr);
    const s = result.json().sources[0];
    assert.deepEqual([s.format, s.rowsRead, s.rowsKept, s.rowsRejected], ['aircraft-json', 5, 2, 1]);
    assert.deepEqual(await positions(db), [
      ['a960a9', 1719921599.5, 30.5, -92.5, 10000, false, 'RPN703', 0],
      ['ab1234', 1719921598, 25.79, -80.29, null, true, null, 0],
    ]);
  });

  it('converts OpenSky SI units to feet, knots and feet per minute', async () => {
    const db = tempDb();
    await ingest(db, [adsb('opensky-states.csv')]);
    assert.deepEqual(await query(db, `SELECT alt_baro_ft, alt_geom_ft, gs_kt, track_deg, vrate_fpm, squawk FROM positions WHERE icao24 = 'a960a9' AND time = 1719921600`), [
      { alt_baro_ft: 10000, alt_geom_ft: 10170.6, gs_kt: 388.77, track_deg: 90, vrate_fpm: 1000, squawk: '1234' },
    ]);
  });

  it('reads the traffic library samples, records and column-oriented, keeping every aircraft with --all', async () => {
    const db = tempDb();
    const files = ['elal747.json.gz', 'zurich_airport.json.gz', 'noisy_takeoff.json.gz', 'noisy_landing.json.gz'];
    const result = await ingest(db, files.map(adsb), { all: true });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(
      result.json().sources.map((s: any) => [s.format, s.rowsRead, s.rowsKept, s.rowsRejected]),
      [
        ['traffic-json', 2110, 2110, 0],
        // 2,297 rows of this sample are exact duplicates of another row.
        ['traffic-json', 17132, 14835, 0],
        ['traffic-json', 730, 730, 0],
        ['traffic-json', 848, 848, 0],
      ],
    );
    assert.deepEqual(await query(db, `SELECT icao24, time, lat, lon, alt_baro_ft, gs_kt, callsign, squawk FROM positions WHERE icao24 = '738043' ORDER BY time LIMIT 1`), [
      { icao24: '738043', time: 1572773290, lat: 41.79491, lon: 12.241875, alt_baro_ft: 0, gs_kt: 0, callsign: 'ELY1747', squawk: '0' },
    ]);
    assert.deepEqual(await query(db, `SELECT count(DISTINCT icao24)::INTEGER AS n FROM positions`), [{ n: 13 }]);
  });

  it('keeps only watched aircraft: the traffic samples hold none of them', async () => {
    const db = tempDb();
    const result = await ingest(db, [adsb('elal747.json.gz')]);
    assert.deepEqual([result.json().sources[0].rowsRead, result.json().sources[0].rowsKept], [2110, 0]);
  });

  it('collapses positions already stored from an overlapping source, and skips a file loaded before', async () => {
    const db = tempDb();
    await ingest(db, [adsb('opensky-states.csv')]);
    const tar = await ingest(db, [adsb('states_2024-07-02-12.csv.tar'), adsb('opensky-states.csv')]);
    assert.deepEqual(
      tar.json().sources.map((s: any) => [s.format, s.rowsKept, s.skipped]),
      [
        ['opensky-tar', 0, false],
        ['opensky-csv', 4, true],
      ],
    );
    assert.equal((await positions(db)).length, 4);
  });

  it('reads a globe_history day folder, opening only the watched aircraft\'s trace files', async () => {
    const { mkdirSync, copyFileSync, writeFileSync } = await import('node:fs');
    const path = await import('node:path');
    const { tempDir } = await import('../../helpers.ts');
    const day = path.join(tempDir(), '2024.07.02');
    mkdirSync(path.join(day, 'traces', 'a9'), { recursive: true });
    mkdirSync(path.join(day, 'traces', 'ee'), { recursive: true });
    copyFileSync(adsb('trace_full_a960a9.json'), path.join(day, 'traces', 'a9', 'trace_full_a960a9.json'));
    // Not watched, and not even valid JSON: never opened with a watchlist.
    writeFileSync(path.join(day, 'traces', 'ee', 'trace_full_c0ffee.json'), 'not json');
    const db = tempDb();
    const result = await ingest(db, [day]);
    assert.equal(result.code, 0, result.stderr);
    const s = result.json().sources[0];
    assert.deepEqual([s.format, s.rowsRead, s.rowsKept, s.rowsRejected], ['readsb-globe', 7, 5, 2]);
    assert.match(s.warnings.join('\n'), /opened 1 of 2 trace files/);
  });

  it(
    'loads two globe_history days whose trace files differ (both folders hold only sub-folders)',
    async () => {
      const { mkdirSync, writeFileSync } = await import('node:fs');
      const { gunzipSync } = await import('node:zlib');
      const { readFileSync } = await import('node:fs');
      const path = await import('node:path');
      const { tempDir } = await import('../../helpers.ts');
      const root = tempDir();
      const trace = JSON.parse(gunzipSync(readFileSync(adsb('trace_full_a960a9.json'))).toString('utf8'));
      for (const [day, shift] of [['2024.07.02', 0], ['2024.07.03', 86400]] as const) {
        mkdirSync(path.join(root, day, 'traces', 'a9'), { recursive: true });
        writeFileSync(path.join(root, day, 'traces', 'a9', 'trace_full_a960a9.json'), JSON.stringify({ ...trace, timestamp: trace.timestamp + shift }));
      }
      const db = tempDb();
      const result = await ingest(db, [path.join(root, '2024.07.02'), path.join(root, '2024.07.03')]);
      assert.deepEqual(result.json().sources.map((s: any) => [s.rowsKept, s.skipped]), [[5, false], [5, false]]);
    },
  );
});
