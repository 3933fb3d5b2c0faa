import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { airportByCode } from '../../src/airports/airports.ts';
import { Store } from '../../src/store/store.ts';
import { buildLegs, deriveLegs } from '../../src/tracks/legs.ts';
import { trackFromPoints, type Track } from '../../src/tracks/track.ts';
import { fixture, runCli, tempDb, tempDir } from '../helpers.ts';

/** A waypoint: minutes from the start, where, altitude (ft, null unknown), ground speed (kt), on-ground flag. */
type Waypoint = [minutes: number, lat: number, lon: number, alt: number | null, gs: number, onGround: boolean | null];
const T0 = Date.parse('2024-07-01T12:00:00Z') / 1000;

/** Points every `step` s along straight lines between waypoints; the string 'hole' stops reception until the next waypoint. */
function track(route: (Waypoint | 'hole')[], { step = 20, flag = (g: boolean | null) => g }: { step?: number; flag?: (g: boolean | null) => boolean | null } = {}): Track {
  const points = [];
  for (let k = 0; k + 1 < route.length; k++) {
    const a = route[k]!;
    const b = route[k + 1]!;
    if (a === 'hole' || b === 'hole') continue;
    for (let s = a[0] * 60; s < b[0] * 60; s += step) {
      const f = (s - a[0] * 60) / ((b[0] - a[0]) * 60);
      const alt = a[3] === null || b[3] === null ? null : a[3] + (b[3] - a[3]) * f;
      points.push({ time: T0 + s, lat: a[1] + (b[1] - a[1]) * f, lon: a[2] + (b[2] - a[2]) * f, alt, gs: a[4] + (b[4] - a[4]) * f, onGround: flag(a[5]) });
    }
  }
  const last = route[route.length - 1]!;
  if (last !== 'hole') points.push({ time: T0 + last[0] * 60, lat: last[1], lon: last[2], alt: last[3], gs: last[4], onGround: flag(last[5]) });
  return trackFromPoints('a00001', points);
}

function at(code: string, dLat = 0, dLon = 0): [number, number] {
  const a = airportByCode(code)!;
  return [a.lat + dLat, a.lon + dLon];
}

const summary = (t: Track, type = 'B738') =>
  deriveLegs(t, { type }).map((l) => `${l.departure.airport?.icao ?? '?'} (${l.departure.status}) → ${l.arrival.airport?.icao ?? '?'} (${l.arrival.status})`);

describe('legs from positions: cases', () => {
  const [mia, mia2] = [at('KMIA'), at('KMIA', 0.01)];
  const skbo = at('SKBO');
  const mggt = at('MGGT');
  const miaToBogota = (extra: Partial<{ flag: (g: boolean | null) => boolean | null }> = {}) =>
    track([
      [0, ...mia2, 9, 15, true], [8, ...mia, 9, 15, true], [9, ...mia, 9, 160, false],
      [30, 23.0, -79.5, 35000, 460, false], 'hole', [200, 8.0, -75.2, 35000, 460, false],
      [225, skbo[0] + 0.3, skbo[1] - 0.1, 13000, 250, false], [240, ...skbo, 8400, 140, false], [241, ...skbo, 8361, 20, true], [246, skbo[0] + 0.01, skbo[1], 8361, 10, true],
    ], extra);

  const cases: [string, Track, string[], string?][] = [
    ['keeps a flight whole across nearly three hours without reception at cruise', miaToBogota(), ['KMIA (observed) → SKBO (observed)']],
    ['reads the ground from speed when the on-ground flag is stuck at true', miaToBogota({ flag: () => true }), ['KMIA (observed) → SKBO (observed)']],
    ['reads the ground from speed when the on-ground flag is stuck at false', miaToBogota({ flag: () => false }), ['KMIA (observed) → SKBO (observed)']],
    ['reads the ground from speed when there is no on-ground flag', miaToBogota({ flag: () => null }), ['KMIA (observed) → SKBO (observed)']],
    [
      'does not land on a go-around: low approach, climb away, land later',
      track([
        [0, ...mia2, 9, 15, true], [8, ...mia, 9, 160, false], [30, 24.0, -82.0, 30000, 450, false],
        [80, mggt[0] + 0.3, mggt[1], 9000, 220, false], [90, mggt[0] + 0.02, mggt[1], 5200, 140, false], [93, ...mggt, 5100, 140, false],
        [100, mggt[0] - 0.2, mggt[1], 8000, 200, false], [115, mggt[0] + 0.2, mggt[1], 8000, 200, false], [125, ...mggt, 5000, 140, false], [126, ...mggt, 4952, 20, true], [130, ...mggt, 4952, 10, true],
      ]),
      ['KMIA (observed) → MGGT (observed)'],
    ],
    [
      'lands where the aircraft descends to the field, vanishes for an hour and reappears climbing from it',
      track([
        [0, ...mia2, 9, 15, true], [8, ...mia, 9, 160, false], [30, 24.0, -82.0, 30000, 450, false],
        [80, mggt[0] + 0.3, mggt[1], 9000, 220, false], [90, mggt[0] + 0.02, mggt[1], 5400, 140, false], 'hole',
        [150, mggt[0] - 0.02, mggt[1], 5500, 150, false], [160, mggt[0] - 0.3, mggt[1], 12000, 250, false], [200, 13.5, -89.0, 30000, 450, false],
      ]),
      ['KMIA (observed) → MGGT (observed)', 'MGGT (observed) → ? (unknown)'],
    ],
    [
      'never invents a destination for an aircraft lost at cruise',
      track([[0, ...mia2, 9, 15, true], [8, ...mia, 9, 160, false], [30, 23.0, -79.5, 35000, 460, false], [60, 20.0, -78.0, 35000, 460, false]]),
      ['KMIA (observed) → ? (unknown)'],
    ],
    [
      'infers Spokane International for a 737 last seen at 8,450 ft 37 km out, not the private strip 18 km away',
      track([[0, 47.0, -119.5, 20000, 350, false], [20, 47.72, -117.86, 8450, 250, false]]),
      ['? (unknown) → KGEG (inferred)'],
    ],
    [
      'does not infer an arrival for an aircraft last seen climbing away from a field',
      track([[0, ...mia2, 9, 15, true], [8, ...mia, 9, 160, false], [11, mia[0] + 0.1, mia[1] + 0.1, 6000, 250, false]]),
      ['KMIA (observed) → ? (unknown)'],
    ],
  ];
  for (const [name, t, expected] of cases) {
    it(name, () => assert.deepEqual(summary(t), expected));
  }

  describe('inferred ends weigh the field: its kind, runway and the geometry', () => {
    const kmEast = (code: string, km: number): [number, number] => {
      const a = airportByCode(code)!;
      return [a.lat, a.lon + km / (111.32 * Math.cos((a.lat * Math.PI) / 180))];
    };
    const ends = (t: Track, type: string, usedFields?: Set<string>) =>
      deriveLegs(t, { type, usedFields }).map((l) => [`${l.departure.airport?.icao ?? '?'} (${l.departure.status}) → ${l.arrival.airport?.icao ?? '?'} (${l.arrival.status})`, l.departure.evidence, l.arrival.evidence]);

    it('infers Spokane International, not Fairchild AFB, for an A321 first seen climbing through 11,275 ft 20 km east of it (a real readsb trace)', () => {
      // Fairchild AFB (KSKA) is 9 km west of KGEG: 29 km behind the aircraft. 8,890 ft above KGEG in 20 km is a steep climb-out, not an impossible one.
      const [lat, lon] = kmEast('KGEG', 20);
      const t = track([[0, lat, lon, 11275, 300, false], [5, lat + 0.02, lon + 0.5, 16000, 330, false], [20, lat + 0.1, lon + 2, 35000, 450, false]]);
      assert.deepEqual(ends(t, 'A321'), [[
        'KGEG (inferred) → ? (unknown)',
        'departure KGEG inferred (weighed KGEG 1.3 (public, 20 km, 8,890 ft above), KCOE 2.7 (public, 38 km, 8,955 ft above), KDEW 4.1 (private, 41 km, 9,064 ft above))',
        undefined,
      ]]);
    });

    it('gives an airliner a military base only when nothing else fits, or when the fleet\'s history names it', () => {
      // A 737 on a 3° descent to Fairchild AFB from the west, last seen 23 km out: Spokane International lies 9 km beyond it.
      const ska = airportByCode('KSKA')!;
      const [lat, lon] = kmEast('KSKA', -23);
      const t = track([[0, lat + 0.3, lon - 2.5, 30000, 450, false], [20, lat, lon, ska.elevationFt + 172 * 23, 250, false]]);
      assert.deepEqual(ends(t, 'B738').map((e) => e[0]), ['? (unknown) → KGEG (inferred)']);
      assert.deepEqual(ends(t, 'B738', new Set(['KSKA'])).map((e) => e[0]), ['? (unknown) → KSKA (inferred)']);
      // A military type uses military bases.
      assert.deepEqual(ends(t, 'C17').map((e) => e[0]), ['? (unknown) → KSKA (inferred)']);
      // Mountain Home AFB, with no other field a 737 can use within 60 km.
      const muo = airportByCode('KMUO')!;
      const [mLat, mLon] = kmEast('KMUO', 23);
      const toMuo = track([[0, mLat + 0.5, mLon + 2.3, 30000, 450, false], [20, mLat, mLon, muo.elevationFt + 172 * 23, 250, false]]);
      assert.deepEqual(ends(toMuo, 'B738').map((e) => e[0]), ['? (unknown) → KMUO (inferred)']);
    });

    it('keeps a program field eligible: a 737-400 descending to Laughlin AFB (KDLF, on the border-airport list) is inferred there', () => {
      const dlf = airportByCode('KDLF')!;
      const [lat, lon] = kmEast('KDLF', 23);
      const t = track([[0, lat + 0.5, lon + 2.3, 30000, 450, false], [20, lat, lon, dlf.elevationFt + 172 * 23, 250, false]]);
      assert.deepEqual(ends(t, 'B734'), [[
        '? (unknown) → KDLF (inferred)',
        undefined,
        'arrival KDLF inferred (weighed KDLF 1.5 (military, 23 km, 3,956 ft above), 0XS7 4.8 (private, 31 km, 3,971 ft above), KDRT 5.1 (public, 37 km, 4,036 ft above))',
      ]]);
    });

    it('says unknown, naming both fields, for a descent that fits Dallas-Fort Worth and Love Field as well', () => {
      // Last seen 30 km north of the midpoint between KDFW and KDAL (22 km apart), on a 3° path to either.
      const [dfw, dal] = [airportByCode('KDFW')!, airportByCode('KDAL')!];
      const [mLat, mLon] = [(dfw.lat + dal.lat) / 2, (dfw.lon + dal.lon) / 2];
      const kmLon = 111.32 * Math.cos((mLat * Math.PI) / 180);
      const [vx, vy] = [(dal.lon - dfw.lon) * kmLon, (dal.lat - dfw.lat) * 111.2];
      const n = Math.hypot(vx, vy);
      const at = (km: number): [number, number] => [mLat + ((vx / n) * km) / 111.2, mLon + ((-vy / n) * km) / kmLon];
      const d = Math.hypot(30, n / 2);
      const t = track([[0, ...at(130), 30000, 450, false], [20, ...at(30), 550 + 172 * d, 250, false]]);
      assert.deepEqual(ends(t, 'B738'), [[
        '? (unknown) → ? (unknown)',
        undefined,
        'arrival unknown: KDFW and KDAL fit within 0.5 points (weighed KDFW 2.1 (public, 31 km, 5,341 ft above), KDAL 2.2 (public, 31 km, 5,460 ft above), KTKI 4.0 (private, 24 km, 5,358 ft above))',
      ]]);
    });
  });

  it('stores how an inferred end was chosen, and `legs --json` shows it beside the end', async () => {
    // The Spokane climb-out as an OpenSky state-vector file (metres, m/s), ingested and read back as a user would.
    const dir = tempDir();
    const csv = path.join(dir, 'spokane.csv');
    const [lat0, lon0] = [47.61903, -117.53522 + 20 / (111.32 * Math.cos((47.61903 * Math.PI) / 180))];
    const lines = ['time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact'];
    for (let k = 0; k <= 60; k++) {
      const f = k / 60;
      const alt = (11275 + f * 23725) * 0.3048;
      lines.push(`${T0 + k * 20},a0b1c2,${(lat0 + f * 0.05).toFixed(5)},${(lon0 + f * 1.5).toFixed(5)},180.0,88.0,10.0,ASA321  ,False,False,False,1234,${alt.toFixed(1)},${alt.toFixed(1)},${T0 + k * 20},${T0 + k * 20}`);
    }
    writeFileSync(csv, `${lines.join('\n')}\n`);
    const db = path.join(dir, 'cw.duckdb');
    const ingest = await runCli(['ingest', '--db', db, '--all', csv]);
    assert.equal(ingest.code, 0, ingest.stderr);
    const out = await runCli(['legs', '--db', db, '--json']);
    assert.equal(out.code, 0, out.stderr);
    const [leg] = JSON.parse(out.stdout);
    assert.deepEqual(leg.departure, {
      airport: 'KGEG', country: 'US', time: '2024-07-01T11:55:40Z', status: 'inferred',
      // With the heading known, Coeur d'Alene (ahead of the aircraft) is no candidate; Fairchild AFB is, at 4 points for being a base the program does not use.
      evidence: 'departure KGEG inferred (weighed KGEG 1.4 (public, 20 km, 8,890 ft above), KSKA 6.0 (military, 29 km, 8,813 ft above), KDEW 6.3 (private, 41 km, 9,064 ft above))',
    });
    assert.deepEqual(leg.arrival, { airport: null, country: null, time: '2024-07-01T12:20:00Z', status: 'unknown' });
  });

  it('keeps a military field the fleet\'s leg histories name as a candidate end', async () => {
    // A jet on a 3° descent to Fairchild AFB from the west, last seen 23 km out (Spokane International lies 9 km beyond the base).
    const dir = tempDir();
    const db = path.join(dir, 'cw.duckdb');
    const [lat1, lon1] = [47.61506, -117.65581 - 23 / (111.32 * Math.cos((47.61506 * Math.PI) / 180))];
    const lines = ['time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact'];
    for (let k = 0; k <= 60; k++) {
      const f = k / 60;
      const alt = (30000 + f * (2462 + 172 * 23 - 30000)) * 0.3048;
      const at = T0 + k * 20;
      lines.push(`${at},a0b1c3,${(lat1 + (1 - f) * 0.2).toFixed(5)},${(lon1 - (1 - f) * 2).toFixed(5)},150.0,80.0,-10.0,SWQ3501 ,False,False,False,1234,${alt.toFixed(1)},${alt.toFixed(1)},${at},${at}`);
    }
    const positions = path.join(dir, 'fairchild.csv');
    writeFileSync(positions, `${lines.join('\n')}\n`);
    const arrival = async () => {
      const out = await runCli(['legs', '--db', db, '--json', '--aircraft', 'a0b1c3']);
      assert.equal(out.code, 0, out.stderr);
      const [leg] = JSON.parse(out.stdout);
      return `${leg.arrival.airport} ${leg.arrival.status}`;
    };
    assert.equal((await runCli(['ingest', '--db', db, '--all', positions])).code, 0);
    assert.equal(await arrival(), 'KGEG inferred');
    // A leg history of the fleet (RadarBox's format) with a flight into Fairchild.
    const history = path.join(dir, 'radarbox.csv');
    writeFileSync(history, [
      'Date,Flight,Departure,STD,Arrival,STA,Aircraft,Status,Duration,Unnamed: 9,Airline,ArrivalLoc,ArrivalIATA,ArrivalICAO,DepartureLoc,DepartureIATA,DepartureICAO',
      '2020-04-27, WQ3501,"Boise, ID(BOI/KBOI)",07:00 PDT,Fairchild AFB(SKA/KSKA),,B734 (N430XA),Landed,01h05m, ,SwiftAir/iAero,Fairchild AFB,SKA,KSKA,"Boise, ID",BOI,KBOI',
      '',
    ].join('\n'));
    const ingest = await runCli(['ingest', '--db', db, history]);
    assert.equal(ingest.code, 0, ingest.stderr);
    assert.equal((await runCli(['tracks', '--db', db])).code, 0);
    assert.equal(await arrival(), 'KSKA inferred');
  });

  it('takes a callsign change across a slow gap as a hint of a new flight, and keeps the leg whole without it', () => {
    // 40 minutes lost at cruise, covering 60% of what 450 kt allows: plausible for one flight, unless the callsign changed.
    const cruise = track([[0, 35, -104, 35000, 450, false], [30, 35, -99.43, 35000, 450, false], 'hole', [70, 35, -95.78, 35000, 450, false], [100, 35, -91.2, 35000, 450, false]]);
    const legs = (changes?: number[]) => deriveLegs(cruise, { type: 'B738', callsignChanges: changes }).map((l) => `${l.departure.status} → ${l.arrival.status}`);
    assert.deepEqual(legs(), ['unknown → unknown']);
    assert.deepEqual(legs([T0 + 50 * 60]), ['unknown → unknown', 'unknown → unknown']);
    assert.deepEqual(legs([T0 + 10 * 60]), ['unknown → unknown']);
  });

  it('gives the same legs whatever the row order, with duplicate receivers and impossible jumps mixed in', () => {
    const clean = miaToBogota();
    const messy = trackFromPoints('a00001', [
      ...Array.from({ length: clean.n }, (_, i) => ({
        time: clean.time[i]!, lat: clean.lat[i]! + (i === 41 ? 5 : 0), lon: clean.lon[i]!, alt: i === 61 ? clean.alt[i]! + 20000 : clean.alt[i]!,
        gs: clean.gs[i]!, onGround: clean.ground[i] === 1,
      })),
      ...Array.from({ length: 50 }, (_, i) => ({ time: clean.time[i * 4]!, lat: clean.lat[i * 4]!, lon: clean.lon[i * 4]!, alt: clean.alt[i * 4]!, gs: clean.gs[i * 4]!, onGround: clean.ground[i * 4] === 1 })),
    ].reverse());
    const stats = { duplicates: 0, outliers: 0, altitudeSpikes: 0 };
    const legs = deriveLegs(messy, { type: 'B738', stats });
    assert.deepEqual(stats, { duplicates: 50, outliers: 1, altitudeSpikes: 1 });
    assert.deepEqual(legs.map((l) => [l.departure.airport?.icao, l.arrival.airport?.icao, l.firstSeen, l.lastSeen]), deriveLegs(clean, { type: 'B738' }).map((l) => [l.departure.airport?.icao, l.arrival.airport?.icao, l.firstSeen, l.lastSeen]));
  });
});

describe('legs from real trajectories (OpenSky via the traffic library)', () => {
  let legs: Record<string, unknown>[];
  before(async () => {
    const db = tempDb();
    const files = ['elal747', 'zurich_airport', 'noisy_takeoff', 'noisy_landing'].map((f) => fixture(`adsb/${f}.json.gz`));
    const ingest = await runCli(['ingest', '--db', db, '--all', ...files]);
    assert.equal(ingest.code, 0, ingest.stderr);
    const store = await Store.open(db);
    try {
      const result = await buildLegs(store);
      assert.equal(result.positions, 18523);
      legs = await store.all(
        `SELECT icao24, callsign, dep_airport, dep_status, strftime(dep_time, '%H:%M') AS dep, arr_airport, arr_status, strftime(arr_time, '%H:%M') AS arr, origin, generated
         FROM legs ORDER BY icao24, dep_time`,
      );
    } finally {
      store.close();
    }
  });

  it('makes elal747 one leg, Rome Fiumicino to Tel Aviv, both ends observed', () => {
    assert.deepEqual(legs.filter((l) => l.icao24 === '738043'), [
      { icao24: '738043', callsign: 'ELY1747', dep_airport: 'LIRF', dep_status: 'observed', dep: '10:10', arr_airport: 'LLBG', arr_status: 'observed', arr: '15:09', origin: 'adsb', generated: false },
    ]);
  });

  it('gives LSZH to every Zurich take-off and landing, and nothing invented elsewhere', () => {
    const zurich = legs.filter((l) => l.icao24 !== '738043').map((l) => `${l.icao24} ${l.callsign} ${l.dep_airport ?? '?'} ${l.dep_status} ${l.dep} → ${l.arr_airport ?? '?'} ${l.arr_status} ${l.arr}`);
    assert.deepEqual(zurich, [
      '0083c3 CAI3208 ? unknown 07:33 → LSZH observed 07:34',
      '3946e4 AFR181L LSZH observed 17:39 → ? unknown 17:47',
      '3c664e DLH4TR ? unknown 17:55 → LSZH observed 18:10',
      '4690e2 AEE5ZH LSZH observed 10:07 → ? unknown 10:07',
      '4891b6 ENT57BW LSZH observed 10:25 → ? unknown 10:25',
      '4b160e SWR5220 LSZH observed 13:05 → LSZH observed 16:36',
      '4b1614 SWR137H LSZH observed 11:33 → ? unknown 11:37',
      '4b17e5 SWISS LSZH observed 23:19 → LSZH observed 23:50',
      '4b18b8 EDW229 ? unknown 20:21 → LSZH observed 20:21',
      '4d20cd VJT796 ? unknown 19:08 → LSZH observed 19:09',
      'c01074 ACA879 LSZH observed 08:40 → ? unknown 08:44',
    ]);
  });

  it('keeps the noisy take-off and landing whole despite their bad points', () => {
    assert.equal(legs.filter((l) => l.icao24 === '3946e4' || l.icao24 === '3c664e').length, 2);
  });
});
