import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { fixture, runCli } from '../helpers.ts';
import { swiftDb } from '../shared-fixture.ts';

// GUATEMALA 50,000 and DOMINICAN REPUBLIC 100 in FY2020: made up for the test (test/data/README.md).
const REMOVALS = fixture('passengers/ice-removals-fy2020-test-made.csv');

describe('charterwatch passengers, and the estimate in the country sheet, on the real 2020 history', () => {
  let db: string;
  before(async () => {
    // This file's copy of the history as `ingest` loads it (test/shared-fixture.ts), then the removals.
    db = await swiftDb();
    const r = await runCli(['--db', db, 'ingest', REMOVALS]);
    assert.equal(r.code, 0, r.stderr);
  });

  it('estimates a type and kind to a country on a day, with the model, inputs, sources and every model\'s coverage', async () => {
    const r = await runCli(['--json', 'passengers', '--type', 'B734', '--kind', 'removal', '--country', 'Guatemala', '--date', '2020-02-10']);
    assert.equal(r.code, 0, r.stderr);
    const a = r.json();
    assert.equal(a.subject, 'a removal flight to GT on a B734 on 2020-02-10');
    assert.deepEqual([a.estimate.passengers, a.estimate.low, a.estimate.high, a.estimate.model], [91, 62, 135, 'short-haul-removal']);
    assert.deepEqual(a.estimate.inputs, { kind: 'removal', country: 'GT', date: '2020-02-10', period: '2020-01-01 to 2020-03-12: 91.3 people a flight to Guatemala against 108.8 in FY2011–May 2019' });
    assert.deepEqual(a.estimate.sources.slice(0, 2), ['data/passengers/aggregates.csv row arts-mggt (ICE ARTS via UWCHR/ice-air)', 'data/passengers/aggregates.csv row igm-2020-jan-mar (Instituto Guatemalteco de Migración)']);
    assert.deepEqual(a.validation.map((v: { model: string; heldOut: number; inside: number }) => [v.model, v.heldOut, v.inside]), [
      ['short-haul-removal', 6, 4], ['long-haul-removal', 6, 6], ['lateral', 0, 0], ['domestic-transfer', 33, 31],
    ]);
    const text = await runCli(['passengers', '--type', 'B734', '--kind', 'removal', '--country', 'GT', '--date', '2020-02-10']);
    assert.match(text.stdout, /^ {2}about 91 people \(80% interval 62–135\), short-haul regional removal \(Americas\) model\n {2}80% interval, measured coverage 67% on 6 held-out flights\n/m);
  });

  it('estimates a stored leg by its id: a B734 removal leg of 17 March 2020 to Santo Domingo, 72 people after the fall of March', async () => {
    const a = (await runCli(['--db', db, '--json', 'passengers', '641'])).json();
    assert.equal(a.subject, 'leg 641: removal KMIA → MDSD (DO), B734, 2020-03-17');
    assert.deepEqual([a.estimate.passengers, a.estimate.low, a.estimate.high], [72, 49, 107]);
    // A leg outside any mission is found too.
    assert.equal((await runCli(['--db', db, '--json', 'passengers', '76'])).json().subject, 'leg 76: removal KAEX → MDSD (DO), B734, 2020-04-21');
    const missing = await runCli(['--db', db, 'passengers', '999999']);
    assert.deepEqual([missing.code, missing.stderr], [1, 'charterwatch: no leg 999999\n']);
  });

  it('estimates a mission: its foreign drops summed, within the seats', async () => {
    const a = (await runCli(['--db', db, '--json', 'passengers', '--mission', '546'])).json();
    assert.equal(a.subject, 'mission 546: KMIA → MDSD → KMIA, B734');
    assert.deepEqual([a.mission.total, a.mission.capped, a.mission.drops.map((d: { legId: number }) => d.legId)], [{ low: 49, point: 72, high: 107 }, false, [641]]);
  });

  it('refuses a question that is not one of leg, mission or type and kind (exit 2)', async () => {
    const r = await runCli(['passengers']);
    assert.deepEqual([r.code, r.stderr], [2, 'charterwatch: give one of: a leg id, a mission id (--mission), or --type/--kind [--country] [--date]\n']);
  });

  it('scores the model on a file of observed headcounts: error and coverage, the rows it cannot score listed with their line', async () => {
    const r = await runCli(['--json', 'passengers', '--evaluate', fixture('passengers/observed-small.csv')]);
    assert.equal(r.code, 0, r.stderr);
    const v = r.json();
    assert.deepEqual([v.scored, v.medianAbsError, v.meanAbsError, v.meanError, v.inside, v.coverage], [3, 4, 16.3, 12.3, 2, 0.667]);
    assert.deepEqual(v.rows.map((x: { line: number; point: number; error: number; inside: boolean }) => [x.line, x.point, x.error, x.inside]), [[2, 91, -4, true], [3, 114, -2, true], [4, 63, 43, false]]);
    assert.deepEqual(v.notScored.map((x: { line: number }) => x.line), [5, 6, 7]);
    assert.equal(v.notScored[1].reason, 'date: expected YYYY-MM-DD, got "yesterday"');
    const text = await runCli(['passengers', '--evaluate', fixture('passengers/observed-small.csv')]);
    assert.match(text.stdout, /^Median absolute error 4 people, mean 16\.3; mean signed error \+12\.3\n80% interval: 2 of 3 observed counts inside \(coverage 67%\)\n$/m);
  });

  it('refuses an observed-headcounts file without a date column, naming the file and line 1', async () => {
    const file = fixture('passengers/observed-bad-header.csv');
    const r = await runCli(['passengers', '--evaluate', file]);
    assert.deepEqual([r.code, r.stderr], [1, `charterwatch: ${file}:1: missing column "date": expected a header flight,date,people[,type,kind,country]\n`]);
  });

  it('puts the estimate for FY2020 beside ICE removals: Guatemala at 18.7% of them', async () => {
    const s = (await runCli(['--db', db, '--json', 'country', 'GT', '--fy', '2020'])).json();
    assert.deepEqual(s.chartersVsEncounters.estimatedPassengers, { low: 6381, point: 9369, high: 13893 });
    assert.deepEqual(s.chartersVsEncounters.passengerModels, ['short-haul regional removal (Americas)']);
    assert.deepEqual([s.passengerCheck.iceRemovals, s.passengerCheck.ratio, s.passengerCheck.warning], [50000, 0.187, null]);
    assert.deepEqual([s.passengers.passengers, s.passengers.low, s.passengers.high, s.passengers.modelName], [75, 51, 111, 'short-haul regional removal (Americas)']);
  });

  it('warns when the estimated people exceed ICE\'s removals of that citizenship in the year: the Dominican Republic, 288 against 100', async () => {
    const s = (await runCli(['--db', db, '--json', 'country', 'DO', '--fy', '2020'])).json();
    assert.deepEqual([s.passengerCheck.estimatedPeople, s.passengerCheck.iceRemovals, s.passengerCheck.ratio], [288, 100, 2.88]);
    assert.ok(s.notes.includes("Cross-check: the estimate of 288 people (80% interval 196–428) on FY2020's removal flights to Dominican Republic exceeds ICE's 100 removals of Dominican Republic citizens that year: the flights or the headcount model overstate it."));
    const text = await runCli(['--db', db, 'country', 'DO', '--fy', '2020']);
    assert.match(text.stdout, /^Warning: the estimate of 288 people \(80% interval 196–428\) on FY2020's removal flights to Dominican Republic exceeds ICE's 100 removals/m);
  });

  it('prints the month\'s estimated people in the monthly report, with the model', async () => {
    const r = (await runCli(['--db', db, '--json', 'report', 'monthly', '--month', '2020-02'])).json();
    // Every removal leg of February 2020 has an estimate: 95, 45 of them to Guatemala at 91 each.
    assert.deepEqual(r.removalsByCountry.reduce((a: number, c: { legs: number }) => a + c.legs, 0), 95);
    assert.deepEqual([r.passengers.flights, r.passengers.low, r.passengers.point, r.passengers.high, r.passengers.models], [95, 5670, 8340, 12361, ['short-haul regional removal (Americas)']]);
    assert.deepEqual(r.passengers.byCountry[0], { country: 'GT', name: 'Guatemala', low: 2790, point: 4095, high: 6075 });
    const md = await runCli(['--db', db, 'report', 'monthly', '--month', '2020-02']);
    assert.match(md.stdout, /^About 8,340 people on 95 removal flight\(s\) \(80% interval 5,670–12,361, the flights' intervals summed\)\.$/m);
    assert.match(md.stdout, /^Method:\n- short-haul regional removal \(Americas\) model: /m);
  });
});
