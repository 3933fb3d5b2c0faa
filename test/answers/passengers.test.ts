import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { estimatePassengers, fitArts, holdOutReport, splitObservations, yakimaObservations } from '../../src/answers/passengers.ts';

describe('passenger estimates', () => {
  it('reads 104 usable Yakima counts, the first a Swift Air B733 with 92 boarded', () => {
    const obs = yakimaObservations();
    assert.equal(obs.length, 104);
    assert.deepEqual(
      { line: obs[0]!.line, registration: obs[0]!.registration, type: obs[0]!.aircraftType, boarded: obs[0]!.boarded, deplaned: obs[0]!.deplaned, people: obs[0]!.people },
      { line: 2, registration: 'N529AU', type: 'B733', boarded: 92, deplaned: 40, people: 92 },
    );
  });

  it('ships the Yakima counts without personal data: no Observations or Link column, no link, no description of a person', () => {
    const text = readFileSync(new URL('../../data/observations/yakima-ground-observations-2019-2021.psv', import.meta.url), 'utf8');
    const lines = text.split('\n').filter(Boolean);
    assert.equal(
      lines[0],
      '"Date"|"Flight count"|"Flight number"|"Tail number"|"Operator"|"Owner"|"Previous Airport"|"Next Airport"|"From NWDC - Boarded Plane"|"From Plane - Boarded Bus to NWDC"|"From NWDC - Boarded Plane"|"From Plane - Boarded Bus to NWDC"|"Snoq Pass"|"White Pass"|"# Buses"',
    );
    // One record a line (the notes spanned lines), 126 flights.
    assert.equal(lines.length, 127);
    assert.deepEqual([/https?:/.test(text), /Bearded/.test(text)], [false, false]);
  });

  it('matches a Beta load factor to the ARTS mean 116.7 and median 126 on 135 seats', () => {
    const m = fitArts();
    assert.deepEqual([m.low, m.mid, m.high], [0.646, 0.919, 0.996]);
    assert.match(m.method, /Beta\(3\.63, 0\.57\)/);
  });

  it('estimates a B734 removal leg at 154 people, 109 to 167, with the method', () => {
    const e = estimatePassengers({ aircraftType: 'B734', kind: 'removal' });
    assert.deepEqual([e.seats, e.passengers, e.low, e.high], [168, 154, 109, 167]);
    assert.match(e.method, /^168 seats \(B734\) × Beta/);
  });

  it('estimates a domestic B733 transfer from the Yakima fit: 35 people, 13 to 78', () => {
    const e = estimatePassengers({ aircraftType: 'B733', kind: 'domestic' });
    assert.deepEqual([e.passengers, e.low, e.high], [35, 13, 78]);
  });

  it('gives no number, and says why, when the type has no known seats', () => {
    const e = estimatePassengers({ aircraftType: 'ZZZZ', kind: 'removal' });
    assert.equal(e.passengers, null);
    assert.equal(e.method, 'no estimate: seats of aircraft type ZZZZ not known');
  });

  it('splits the same way for the same seed and holds back 30%', () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    assert.deepEqual(splitObservations(items, { seed: 1 }), splitObservations(items, { seed: 1 }));
    assert.equal(splitObservations(items).heldOut.length, 3);
  });

  it('measures the domestic fit on 31 held-out Yakima counts: median error 17 people, 28 of 31 inside the 80% interval', () => {
    const r = holdOutReport();
    assert.deepEqual(
      { observations: r.observations, fit: r.fit, heldOut: r.heldOut, low: r.model.low, mid: r.model.mid, high: r.model.high, medianAbsError: r.medianAbsError, meanAbsError: r.meanAbsError, inInterval: r.inInterval, coverage: r.coverage },
      { observations: 104, fit: 73, heldOut: 31, low: 0.085, mid: 0.238, high: 0.526, medianAbsError: 17, meanAbsError: 21.9, inInterval: 28, coverage: 0.903 },
    );
  });
});
