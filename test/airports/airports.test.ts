import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { airportByCode, airportsNear } from '../../src/airports/airports.ts';

describe('airports', () => {
  const cases: [string, string | undefined][] = [
    ['KAEX', 'KAEX'],
    ['AEX', 'KAEX'],
    ['lszh', 'LSZH'],
    [' zrh ', 'LSZH'],
    ['PEK', 'ZBAA'],
    // Palm Beach, given in the list only under its new code, found by the one older records use.
    ['KPBI', 'KDJT'],
    ['PBI', 'KDJT'],
    ['XXXX', undefined],
  ];
  for (const [code, icao] of cases) {
    it(`finds ${JSON.stringify(code)} as ${icao ?? 'nothing'}`, () => {
      assert.equal(airportByCode(code)?.icao, icao);
    });
  }

  it('ships location, country, elevation and the longest paved runway', () => {
    assert.deepEqual(airportByCode('KAEX'), {
      icao: 'KAEX', iata: 'AEX', name: 'Alexandria International Airport', country: 'US',
      lat: 31.32737, lon: -92.54856, elevationFt: 88, longestRunwayFt: 9352, kind: 'public',
    });
  });

  // The kind of field, from the name's words and the IATA code (src/airports/field-kind.ts).
  const kinds: [string, string][] = [
    ['KGEG', 'public'], // Spokane International Airport
    ['KSKA', 'military'], // Fairchild Afb Airport (it has an IATA code, SKA: the name decides)
    ['KDLF', 'military'], // Laughlin Afb Airport
    ['KNGU', 'military'], // Norfolk Ns (Chambers Field) Airport
    ['KGRF', 'military'], // Gray Army Air Field (Joint Base Lewis-Mcchord) Airport
    ['EGUN', 'military'], // RAF Mildenhall
    ['KNYL', 'joint'], // Yuma Mcas/Yuma International Airport
    ['KCHS', 'joint'], // Charleston Afb/International Airport
    ['KBLV', 'joint'], // Scott Afb/Midamerica St Louis Airport
    ['KDEW', 'private'], // Deer Park Airport: no IATA code
    ['KCGA', 'seaplane'], // Craig Seaplane Base
    ['KHLR', 'heliport'], // Yoakum-Defrenn Army Heliport: a heliport before an army field
  ];
  for (const [code, kind] of kinds) {
    it(`calls ${code} (${airportByCode(code)?.name}) ${kind}`, () => assert.equal(airportByCode(code)?.kind, kind));
  }

  it('matches runways by location where the two sources name an airport differently', () => {
    assert.equal(airportByCode('SPJC')?.longestRunwayFt, 11506); // OurAirports calls Lima SPIM
    assert.equal(airportByCode('MHPR')?.longestRunwayFt, 8064); // and Palmerola MHSC
    assert.equal(airportByCode('PALH')?.longestRunwayFt, null); // Lake Hood: water and gravel, not PANC's runways
  });

  it('lists airports near a point, nearest first', () => {
    const near = airportsNear(31.33, -92.55, 12).map((n) => [n.airport.icao, Math.round(n.distanceKm * 10) / 10]);
    assert.deepEqual(near, [['KAEX', 0.3], ['9LA6', 6.4], ['K2L0', 10.2], ['05LS', 11.2]]);
  });

  it('keeps only airports a 737 can use when asked: Spokane International, not the strip next to it', () => {
    const all = airportsNear(47.6, -117.4, 40);
    const fit = airportsNear(47.6, -117.4, 40, (a) => (a.longestRunwayFt ?? 0) >= 5000);
    assert.notEqual(all[0]?.airport.icao, 'KGEG');
    assert.deepEqual(fit.map((n) => n.airport.icao), ['KGEG', 'KSKA']);
  });
});
