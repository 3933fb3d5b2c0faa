import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyLegs } from '../../src/tracks/classify.ts';
import type { LegRecord } from '../../src/tracks/missions.ts';

const COUNTRY: Record<string, string> = { KAEX: 'US', KMIA: 'US', KBRO: 'US', KIAH: 'US', KACY: 'US', KGSO: 'US', MGGT: 'GT', MHLM: 'HN', MUHA: 'CU', PANC: 'US', ZBAA: 'CN' };
let nextId = 1;
/** A leg of aircraft `icao24` from `dep` to `arr` taking off at `hour` hours after 2024-07-01T00:00Z. */
function leg(icao24: string, dep: string | null, arr: string | null, hour: number, callsign: string | null = null): LegRecord {
  const t = Date.UTC(2024, 6, 1) / 1000 + hour * 3600;
  return {
    id: nextId++, origin: 'adsb', sourceId: null, line: null, icao24, registration: null, callsign,
    depAirport: dep, depCountry: dep ? (COUNTRY[dep] ?? null) : null, depTime: t,
    arrAirport: arr, arrCountry: arr ? (COUNTRY[arr] ?? null) : null, arrTime: t + 3 * 3600, legDate: null,
  };
}

describe('classification', () => {
  it('gives each leg of a removal mission its kind, evidence and mission', () => {
    const legs = [leg('a00001', 'KIAH', 'KAEX', 0), leg('a00001', 'KAEX', 'MGGT', 6, 'RPN123'), leg('a00001', 'MGGT', 'MHLM', 11, 'RPN123'), leg('a00001', 'MHLM', 'KAEX', 16, 'RPN124')];
    const { classes, missions } = classifyLegs(legs);
    assert.deepEqual(legs.map((l) => classes.get(l.id)!.kind), ['domestic', 'removal', 'foreign', 'return']);
    assert.deepEqual(legs.map((l) => classes.get(l.id)!.missionId), [null, 1, 1, 1]);
    assert.deepEqual(missions.map((m) => [m.startAirport, m.end, m.countries, m.complete, m.legs.length]), [['KAEX', 'KAEX', ['GT', 'HN'], true, 3]]);
    const removal = classes.get(legs[1]!.id)!.evidence;
    assert.match(removal, /^KAEX \(Alexandria International Airport, US\) → MGGT \(La Aurora Airport, GT\): US to abroad; KAEX is a staging airport/);
    assert.match(removal, /callsign RPN123: ICE's "Repatriate" callsign/);
    assert.match(removal, /mission 1: KAEX → MGGT → MHLM → KAEX$/);
  });

  it('labels the Havana charters from Miami "other", both ways, and says why', () => {
    const legs = [leg('a00002', 'KMIA', 'MUHA', 0, 'WQ502'), leg('a00002', 'MUHA', 'KMIA', 3, 'WQ503')];
    const { classes } = classifyLegs(legs);
    assert.deepEqual(legs.map((l) => classes.get(l.id)!.kind), ['other', 'other']);
    assert.match(classes.get(legs[0]!.id)!.evidence, /MUHA is listed as a non-program destination: Havana: scheduled public charters between Florida and Cuba/);
  });

  it('still counts a flight to Havana from a staging airport outside Florida as a removal', () => {
    const legs = [leg('a00003', 'KAEX', 'MUHA', 0, 'RPN9')];
    assert.equal(classifyLegs(legs).classes.get(legs[0]!.id)!.kind, 'removal');
  });

  it('never calls a leg to an unknown destination a removal, and says so', () => {
    const legs = [leg('a00004', 'KAEX', null, 0, 'RPN1')];
    const c = classifyLegs(legs).classes.get(legs[0]!.id)!;
    assert.equal(c.kind, null);
    assert.equal(c.evidence, 'KAEX (Alexandria International Airport, US) → unknown: the arrival is unknown (no airport), so the leg is not classified; not counted as a removal without a known foreign destination');
  });

  it('tells lateral, domestic and other US legs apart by the lists and the callsign', () => {
    const legs = [leg('a00005', 'KIAH', 'KBRO', 0), leg('a00005', 'KBRO', 'KAEX', 5), leg('a00005', 'KACY', 'KGSO', 10, 'WQ2019'), leg('a00005', 'KACY', 'KGSO', 20, 'RPN55')];
    const { classes } = classifyLegs(legs);
    assert.deepEqual(legs.map((l) => classes.get(l.id)!.kind), ['lateral', 'domestic', 'other', 'domestic']);
    assert.match(classes.get(legs[0]!.id)!.evidence, /to KBRO, a border airport used for land removals to Mexico across the Rio Grande/);
  });

  it('chains the China mission via Anchorage into one mission: the Anchorage legs are domestic, Anchorage to Beijing the removal', () => {
    const legs = [leg('a960a9', 'KAEX', 'PANC', 0, 'RPN1701'), leg('a960a9', 'PANC', 'ZBAA', 8, 'RPN1701'), leg('a960a9', 'ZBAA', 'PANC', 30, 'RPN1701'), leg('a960a9', 'PANC', 'KAEX', 40, 'RPN1701')];
    const { classes, missions } = classifyLegs(legs);
    assert.deepEqual(legs.map((l) => classes.get(l.id)!.kind), ['domestic', 'removal', 'return', 'domestic']);
    assert.deepEqual(missions.map((m) => [m.startAirport, m.end, m.countries, m.complete, m.legs.length]), [['KAEX', 'KAEX', ['CN'], true, 4]]);
  });

  it('ends a mission incomplete when the aircraft is next seen leaving the US', () => {
    const legs = [leg('a00006', 'KAEX', 'MGGT', 0), leg('a00006', 'KMIA', 'KAEX', 30)];
    const { missions } = classifyLegs(legs);
    assert.deepEqual(missions.map((m) => [m.legs.length, m.complete]), [[1, false]]);
  });
});
