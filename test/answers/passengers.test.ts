import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { estimateLeg, estimateMission, estimatePassengers } from '../../src/answers/passengers.ts';
import { crossCheck } from '../../src/answers/passengers-crosscheck.ts';
import { validations } from '../../src/answers/passengers-holdout.ts';
import { periodOf } from '../../src/answers/passengers-model.ts';
import { splitObservations, yakimaObservations } from '../../src/answers/passengers-yakima.ts';
import { dataPath } from '../../src/paths.ts';

const est = (aircraftType: string, kind: string, country: string | null, date: string | null) => {
  const e = estimatePassengers({ aircraftType, kind, country, date });
  return [e.passengers, e.low, e.high];
};

describe('passenger estimates: the headcount of a mission, capped by seats', () => {
  it('reads 111 usable Yakima counts, the first a Swift Air B733 with 92 boarded on 7 May 2019', () => {
    const obs = yakimaObservations();
    assert.equal(obs.length, 111);
    assert.deepEqual(
      { line: obs[0]!.line, day: obs[0]!.day, registration: obs[0]!.registration, type: obs[0]!.aircraftType, boarded: obs[0]!.boarded, deplaned: obs[0]!.deplaned, people: obs[0]!.people },
      { line: 2, day: '2019-05-07', registration: 'N529AU', type: 'B733', boarded: 92, deplaned: 40, people: 92 },
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

  it('gives the same mission the same headcount on a B763 and on a B734: the China flight of 1 July 2024 is 114 people on either', () => {
    const b763 = estimatePassengers({ aircraftType: 'B763', kind: 'removal', country: 'CN', date: '2024-07-01' });
    const b734 = estimatePassengers({ aircraftType: 'B734', kind: 'removal', country: 'CN', date: '2024-07-01' });
    assert.deepEqual([b763.seats, b763.passengers, b763.low, b763.high, b763.capped], [261, 114, 77, 169, false]);
    // The smaller cabin cuts only the top of the interval: 168 seats.
    assert.deepEqual([b734.seats, b734.passengers, b734.low, b734.high, b734.capped], [168, 114, 77, 168, true]);
    assert.equal(b763.model, 'long-haul-removal');
    assert.match(b763.method, /^long-haul removal \(outside the Americas\) model: 102\.1 people a flight at the baseline: the median of 6 published headcounts/);
    assert.match(b734.method, /capped at the 168 seats of a B734; 80% interval, measured coverage 100% on 6 held-out flights$/);
    // A short-haul flight to Guatemala: 91 on either cabin.
    assert.deepEqual(est('B763', 'removal', 'GT', '2020-02-10'), [91, 62, 135]);
    assert.deepEqual(est('B734', 'removal', 'GT', '2020-02-10'), [91, 62, 135]);
  });

  it('caps the headcount when the cabin is smaller than it: a 50-seat E145 to China carries at most 50', () => {
    const e = estimatePassengers({ aircraftType: 'E145', kind: 'removal', country: 'CN', date: '2024-07-01' });
    assert.deepEqual([e.seats, e.passengers, e.low, e.high, e.capped], [50, 50, 50, 50, true]);
  });

  it('never exceeds the seats, for every type in data/fleet/seats.csv, every model, destination and period', () => {
    const types = (parse(readFileSync(dataPath('fleet/seats.csv'), 'utf8'), { columns: true }) as { icao_type: string; seats: string }[]);
    const cases = [['removal', 'GT'], ['removal', 'CN'], ['removal', 'MX'], ['foreign', 'SN'], ['lateral', null], ['domestic', null]] as const;
    let checked = 0;
    for (const t of types) {
      for (const [kind, country] of cases) {
        for (const date of [null, '2019-05-01', '2020-04-01', '2024-07-01']) {
          const e = estimatePassengers({ aircraftType: t.icao_type, kind, country, date });
          assert.ok(e.passengers! <= Number(t.seats) && e.high! <= Number(t.seats) && e.low! <= e.passengers!, `${t.icao_type} ${kind} ${country} ${date}`);
          checked++;
        }
      }
    }
    assert.equal(checked, 18 * 6 * 4);
  });

  it('follows the period: Guatemala flights of early 2020 at 91, after 13 March 2020 at 75, in 2024 at 121 (the factor is Guatemala\'s own count per flight)', () => {
    assert.deepEqual(est('B734', 'removal', 'GT', '2020-03-12'), [91, 62, 135]);
    assert.deepEqual(est('B734', 'removal', 'GT', '2020-04-10'), [75, 51, 111]);
    assert.deepEqual(est('B734', 'removal', 'GT', '2024-04-10'), [121, 82, 168]);
    assert.deepEqual(est('B734', 'removal', 'GT', '2018-04-10'), [109, 74, 161]);
    assert.equal(periodOf('2020-04-10').figure, 'igm-2020-covid');
    assert.equal(Math.round(periodOf('2020-04-10').factor * 1000) / 1000, 0.692);
    // After the last published period, the last one is used, and said so.
    assert.match(periodOf('2026-01-05').label, /^2024-01-01 to 2024-12-31 \(the latest published period, used for 2026-01-05\)/);
  });

  it('uses the pool of Central American destinations where no published figure separates a country, and says so', () => {
    const e = estimatePassengers({ aircraftType: 'B734', kind: 'removal', country: 'DO', date: '2019-01-10' });
    assert.deepEqual([e.passengers, e.low, e.high], [104, 70, 154]);
    assert.match(e.method, /the pool of MGGT \(GT\), MHLM \(HN\), MSLP \(SV\) in ARTS FY2011–May 2019 \(734,294 on 7,048\); no published figure separates DO/);
  });

  it('estimates domestic transfers from the Yakima counts by year: 63 people in 2019, 28 in 2020–2021', () => {
    assert.deepEqual(est('B733', 'domestic', null, '2019-06-10'), [63, 34, 90]);
    assert.deepEqual(est('B733', 'domestic', null, '2021-03-01'), [28, 14, 79]);
  });

  it('estimates lateral legs from the ARTS border airports: 64 people at the baseline, with no held-out coverage to print', () => {
    const e = estimatePassengers({ aircraftType: 'B734', kind: 'lateral', date: '2019-05-01' });
    assert.deepEqual([e.passengers, e.low, e.high], [64, 43, 95]);
    assert.equal(e.coverage, '80% interval; no held-out observations to measure its coverage');
  });

  it('gives no number for a return leg, and says why', () => {
    const e = estimatePassengers({ aircraftType: 'B734', kind: 'return', country: 'US' });
    assert.equal(e.passengers, null);
    assert.match(e.method, /^no estimate: a return leg carries no one being removed/);
  });

  it('estimates without a cap when the type\'s seats are not known, and says so', () => {
    const e = estimatePassengers({ aircraftType: 'ZZZZ', kind: 'removal', country: 'GT', date: '2024-05-01' });
    assert.deepEqual([e.seats, e.passengers, e.low, e.high, e.capped], [null, 121, 82, 180, false]);
    assert.match(e.method, /no seat cap \(seats of ZZZZ not known\)/);
  });

  it('sums a mission\'s foreign drops and caps the sum by the seats: GT then HN on a B734 in 2024', () => {
    const end = (airport: string, country: string, time: string) => ({ airport, country, time, status: 'observed' });
    const legs = [
      { id: 1, missionId: 7, aircraftType: 'B734', kind: 'removal' as const, candidateKind: 'removal', departure: end('KAEX', 'US', '2024-05-01T12:00:00Z'), arrival: end('MGGT', 'GT', '2024-05-01T15:00:00Z'), date: null },
      { id: 2, missionId: 7, aircraftType: 'B734', kind: 'foreign' as const, candidateKind: 'foreign', departure: end('MGGT', 'GT', '2024-05-01T16:00:00Z'), arrival: end('MHLM', 'HN', '2024-05-01T17:00:00Z'), date: null },
      { id: 3, missionId: 7, aircraftType: 'B734', kind: 'return' as const, candidateKind: 'return', departure: end('MHLM', 'HN', '2024-05-01T18:00:00Z'), arrival: end('KAEX', 'US', '2024-05-01T21:00:00Z'), date: null },
    ];
    const m = estimateMission(legs);
    assert.deepEqual(m.drops.map((d) => [d.country, d.estimate.passengers]), [['GT', 121], ['HN', 112]]);
    assert.deepEqual([m.total, m.capped], [{ low: 158, point: 168, high: 168 }, true]);
  });

  it('estimates a possible leg as the kind its ends would give it, and says so; an unclassified leg gets no number', () => {
    const end = (airport: string, country: string, time: string) => ({ airport, country, time, status: 'observed' });
    const leg = { aircraftType: 'B734', candidateKind: 'removal', departure: end('KAEX', 'US', '2020-02-10T12:00:00Z'), arrival: end('MGGT', 'GT', '2020-02-10T15:00:00Z'), date: null };
    const possible = estimateLeg({ ...leg, kind: 'possible' as const });
    assert.deepEqual([possible.passengers, possible.low, possible.high], [91, 62, 135]);
    assert.match(possible.method, /^if it is a removal \(the leg is only possible\): short-haul regional removal \(Americas\) model: /);
    const none = estimateLeg({ ...leg, kind: null });
    assert.deepEqual([none.passengers, none.method], [null, 'no estimate: the leg has no kind (an end of it is unknown), so no model answers for it']);
  });

  it('splits the Yakima counts the same way for the same seed and holds back 30%', () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    assert.deepEqual(splitObservations(items, { seed: 1 }), splitObservations(items, { seed: 1 }));
    assert.equal(splitObservations(items).heldOut.length, 3);
  });

  it('measures each model on held-out flights: short-haul 4 of 6, long-haul 6 of 6 (leave-one-out), domestic 31 of 33, lateral none', () => {
    const v = validations();
    const pick = (m: keyof typeof v) => [v[m].heldOut, v[m].inside, v[m].medianAbsError, v[m].meanAbsError, v[m].text];
    assert.deepEqual(pick('short-haul-removal'), [6, 4, 25.5, 24, '80% interval, measured coverage 67% on 6 held-out flights']);
    assert.deepEqual(pick('long-haul-removal'), [6, 6, 5.5, 6.8, '80% interval, measured coverage 100% on 6 held-out flights']);
    assert.deepEqual(pick('domestic-transfer'), [33, 31, 12, 14, '80% interval, measured coverage 94% on 33 held-out flights']);
    assert.deepEqual(pick('lateral'), [0, 0, null, null, '80% interval; no held-out observations to measure its coverage']);
    // The two military flights of 24 January 2025 (80 people each) fall below the short-haul interval.
    assert.deepEqual(v['short-haul-removal'].flights.filter((f) => !f.inside).map((f) => [f.date, f.people, f.low]), [['2025-01-24', 80, 82], ['2025-01-24', 80, 82]]);
  });

  it('cross-checks against ICE removals: a ratio under the total, a warning above it', () => {
    const rows = [{ fiscalYear: 2020, citizenship: 'DO', citizenshipRaw: 'DOMINICAN REPUBLIC', removals: 100 }];
    const above = crossCheck({ fiscalYear: 2020, citizenship: 'DO', countryName: 'Dominican Republic', estimate: { low: 196, point: 288, high: 428 } }, { rows });
    assert.equal(above.ratio, 2.88);
    assert.equal(above.warning, "the estimate of 288 people (80% interval 196–428) on FY2020's removal flights to Dominican Republic exceeds ICE's 100 removals of Dominican Republic citizens that year: the flights or the headcount model overstate it");
    const below = crossCheck({ fiscalYear: 2020, citizenship: 'DO', countryName: 'Dominican Republic', estimate: { low: 40, point: 60, high: 90 } }, { rows });
    assert.deepEqual([below.ratio, below.warning, below.text], [0.6, null, "Estimated people on the removal flights: 60, 60.0% of ICE's 100 removals of Dominican Republic citizens in FY2020."]);
    const none = crossCheck({ fiscalYear: 2021, citizenship: 'DO', countryName: 'Dominican Republic', estimate: { low: 40, point: 60, high: 90 } }, { rows });
    assert.deepEqual([none.ratio, none.iceRemovals, none.warning], [null, null, null]);
    // A year past the loaded removals says how far they reach.
    const past = crossCheck(
      { fiscalYear: 2025, citizenship: 'DO', countryName: 'Dominican Republic', estimate: { low: 40, point: 60, high: 90 } },
      { rows, coverage: { from: 'FY2017', to: 'FY2024' }, reach: 'ICE removals data end FY2024 (2024-09)' },
    );
    assert.equal(past.text, 'No ICE removals figure for Dominican Republic citizens in FY2025 is loaded (ICE removals data end FY2024 (2024-09)): the estimate cannot be checked against it.');
  });
});
