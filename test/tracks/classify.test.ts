import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyLegs } from '../../src/tracks/classify.ts';
import type { LegRecord } from '../../src/tracks/missions.ts';

const COUNTRY: Record<string, string> = {
  KAEX: 'US', KMIA: 'US', KBRO: 'US', KIAH: 'US', KACY: 'US', KGSO: 'US', KCAE: 'US', KBNA: 'US', KEWR: 'US', PANC: 'US',
  MGGT: 'GT', MHLM: 'HN', MUHA: 'CU', ZBAA: 'CN', TGPY: 'GD', MDSD: 'DO',
};
let nextId = 1;
/** A leg of aircraft `icao24` from `dep` to `arr` taking off at `hour` hours after `day` 00:00Z. */
function leg(icao24: string, dep: string | null, arr: string | null, hour: number, callsign: string | null = null, day = '2024-07-01'): LegRecord {
  const t = Date.parse(`${day}T00:00:00Z`) / 1000 + hour * 3600;
  return {
    id: nextId++, origin: 'adsb', sourceId: null, line: null, icao24, registration: null, callsign,
    depAirport: dep, depCountry: dep ? (COUNTRY[dep] ?? null) : null, depTime: t,
    arrAirport: arr, arrCountry: arr ? (COUNTRY[arr] ?? null) : null, arrTime: t + 3 * 3600, legDate: null,
  };
}
const kinds = (legs: LegRecord[]) => {
  const { classes } = classifyLegs(legs);
  return legs.map((l) => classes.get(l.id)!.kind);
};

describe('classification by weighed evidence', () => {
  it('gives each leg of a removal mission its kind, score, reasons and mission', () => {
    const legs = [leg('a00001', 'KIAH', 'KAEX', 0, 'RPN122'), leg('a00001', 'KAEX', 'MGGT', 6, 'RPN123'), leg('a00001', 'MGGT', 'MHLM', 11, 'RPN123'), leg('a00001', 'MHLM', 'KAEX', 16, 'RPN124')];
    const { classes, missions } = classifyLegs(legs);
    assert.deepEqual(legs.map((l) => classes.get(l.id)!.kind), ['domestic', 'removal', 'foreign', 'return']);
    assert.deepEqual(legs.map((l) => classes.get(l.id)!.missionId), [null, 1, 1, 1]);
    assert.deepEqual(missions.map((m) => [m.startAirport, m.end, m.countries, m.complete, m.legs.length]), [['KAEX', 'KAEX', ['GT', 'HN'], true, 3]]);
    const removal = classes.get(legs[1]!.id)!;
    // ICE's own callsign +8, KAEX hub +1, MGGT regular destination +2, flown in from KIAH (a program airport) +1.5,
    // the legs before and after firm program work +1.5 each, the aircraft's week (3 of 3 other legs) +1.5.
    assert.equal(removal.score, 17);
    assert.deepEqual(removal.reasons.map((e) => [e.code, e.weight]), [
      ['callsign-agency', 8], ['us-airport-hub', 1], ['destination-regular', 2], ['day-pickup-before', 1.5], ['day-after-program', 1.5], ['day-before-program', 1.5], ['aircraft-week-program', 1.5],
    ]);
    assert.equal(removal.confidence, 1);
    assert.match(removal.evidence, /^KAEX \(Alexandria International Airport, US\) → MGGT \(La Aurora Airport, GT\): a removal \(US to abroad\) \(score 17, at least 3\); for: callsign RPN123 is US DHS ICE's own RPN callsign \(2010-01-01 to now\), used on nothing but its flights \(\+8\)/);
    assert.match(removal.evidence, /mission 1: KAEX → MGGT → MHLM → KAEX$/);
  });

  it('never makes a removal from geography alone: a leg to a destination the program never used, under no program callsign, is other', () => {
    // Newark → Grenada (an evacuation charter of March 2020): one ARTS mission ever ended there.
    const legs = [leg('a00002', 'KEWR', 'TGPY', 0, 'WQ9823', '2020-03-16')];
    const { classes } = classifyLegs(legs);
    const c = classes.get(legs[0]!.id)!;
    assert.equal(c.kind, 'other');
    assert.equal(c.candidate, 'removal');
    assert.match(c.evidence, /TGPY is a rare program destination \(1 ARTS mission FY2011–2019\) \(-1\)/);
    assert.match(c.evidence, /callsign WQ9823 is one of Swift Air \/ iAero Airways's ordinary numbers, outside its program blocks of that period \(-3\)/);
  });

  it('labels the Havana public charters from Miami "other" both ways, and a program-block flight to Havana a removal', () => {
    const charter = [leg('a00003', 'KMIA', 'MUHA', 0, 'WQ502', '2020-02-10'), leg('a00003', 'MUHA', 'KMIA', 3, 'WQ503', '2020-02-10')];
    assert.deepEqual(kinds(charter), ['other', 'other']);
    const ice = [leg('a00004', 'KBRO', 'KMIA', 0, 'WAL708', '2020-02-28'), leg('a00004', 'KMIA', 'MUHA', 6, 'WAL708', '2020-02-28'), leg('a00004', 'MUHA', 'KMIA', 10, 'WAL708', '2020-02-28')];
    assert.deepEqual(kinds(ice), ['domestic', 'removal', 'return']);
  });

  it('puts a leg whose evidence is between firm and against in the possible band, with the kind it would have', () => {
    // Miami → Guatemala City with no callsign and no neighbours: hub +1, regular destination +2 = 3, firm;
    // Dallas Love → Guatemala City: an ARTS airport without the hub's history (0) + 2 = 2, possible.
    const legs = [leg('a00005', 'KDAL', 'MGGT', 0)];
    COUNTRY.KDAL = 'US';
    const { classes } = classifyLegs([{ ...legs[0]!, depCountry: 'US' }]);
    const c = classes.get(legs[0]!.id)!;
    assert.deepEqual([c.kind, c.candidate, c.score], ['possible', 'removal', 2]);
    assert.match(c.evidence, /possibly a removal \(US to abroad\) \(score 2: between 1 and 3, not counted in the firm figure\)/);
  });

  it('weighs timetable regularity: the same route at the same hour on most days from the fleet\'s public-charter base is scheduled service', () => {
    const legs: LegRecord[] = [];
    // A public-charter base: 20 Havana legs from Miami.
    for (let d = 0; d < 20; d++) legs.push(leg(`b${String(d).padStart(5, '0')}`, 'KMIA', 'MUHA', 24 * d + 14, 'WQ700', '2020-01-13'));
    // Miami → Santo Domingo at 13:00 UTC on 20 days, no callsign.
    for (let d = 0; d < 20; d++) legs.push(leg(`c${String(d).padStart(5, '0')}`, 'KMIA', 'MDSD', 24 * d + 13, null, '2020-01-13'));
    const { classes } = classifyLegs(legs);
    const sdq = classes.get(legs[30]!.id)!;
    assert.equal(sdq.kind, 'other');
    assert.ok(sdq.reasons.some((e) => e.code === 'timetable-scheduled' && e.weight === -3), sdq.evidence);
    assert.match(sdq.evidence, /the same route leaves at about 13:00 UTC on 19 other days within three weeks, from the fleet's public-charter base \(20 legs of it to listed public-charter destinations in these data\): a timetabled service/);
  });

  it('never calls a leg to an unknown destination a removal, and says so', () => {
    const legs = [leg('a00006', 'KAEX', null, 0, 'RPN1')];
    const c = classifyLegs(legs).classes.get(legs[0]!.id)!;
    assert.equal(c.kind, null);
    assert.equal(c.evidence, 'KAEX (Alexandria International Airport, US) → unknown: the arrival is unknown (no airport), so the leg is not classified; not counted as a removal without a known foreign destination');
  });

  it('calls a US leg domestic only with program evidence beyond the airports: a casino charter between non-program airports is other', () => {
    const legs = [leg('a00007', 'KIAH', 'KBRO', 0, 'RPN54'), leg('a00007', 'KBRO', 'KAEX', 5, 'RPN55'), leg('a00008', 'KCAE', 'KBNA', 10, 'WQ2019', '2020-02-01'), leg('a00009', 'KACY', 'KGSO', 20, 'RPN56')];
    const { classes } = classifyLegs(legs);
    assert.deepEqual(legs.map((l) => classes.get(l.id)!.kind), ['lateral', 'domestic', 'other', 'domestic']);
    assert.match(classes.get(legs[0]!.id)!.evidence, /KBRO is a border airport used for land removals to Mexico across the Rio Grande/);
    assert.match(classes.get(legs[2]!.id)!.evidence, /KCAE is not an airport the program used in ARTS FY2011–2019 \(1 mission ended a leg there, and it is not in ARTS's airport list\) \(-2\)/);
  });

  it('chains the China mission via Anchorage into one mission: the Anchorage legs are domestic, Anchorage to Beijing the removal', () => {
    const legs = [leg('a960a9', 'KAEX', 'PANC', 0, 'RPN1701'), leg('a960a9', 'PANC', 'ZBAA', 8, 'RPN1701'), leg('a960a9', 'ZBAA', 'PANC', 30, 'RPN1701'), leg('a960a9', 'PANC', 'KAEX', 40, 'RPN1701')];
    const { classes, missions } = classifyLegs(legs);
    assert.deepEqual(legs.map((l) => classes.get(l.id)!.kind), ['domestic', 'removal', 'return', 'domestic']);
    assert.deepEqual(missions.map((m) => [m.startAirport, m.end, m.countries, m.complete, m.legs.length]), [['KAEX', 'KAEX', ['CN'], true, 4]]);
  });

  it('ends a mission incomplete when the aircraft is next seen leaving the US', () => {
    const legs = [leg('a0000a', 'KAEX', 'MGGT', 0), leg('a0000a', 'KMIA', 'KAEX', 30)];
    const { missions } = classifyLegs(legs);
    assert.deepEqual(missions.map((m) => [m.legs.length, m.complete]), [[1, false]]);
  });
});
