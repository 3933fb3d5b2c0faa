import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import { createApp } from '../../src/server/app.ts';
import { Store } from '../../src/store/store.ts';
import { runCli, type CliResult } from '../helpers.ts';
import { swiftDb } from '../shared-fixture.ts';

/**
 * The API and the CLI answer the same question with the same figure: both call src/answers/.
 * The RadarBox history gives legs whose record has a day but no time, which the API's own queries
 * once left out of every period (and counted under a month `null`, or `""` on the country sheet).
 */
let db: string;
let store: Store;
let app: Hono;

const cli = async (...args: string[]) => {
  const r: CliResult = await runCli(['--db', db, '--json', ...args]);
  assert.equal(r.code, 0, r.stderr);
  return r.json();
};
const api = async (url: string) => {
  const res = await app.request(url);
  assert.equal(res.status, 200, url);
  return res.json() as Promise<any>;
};

before(async () => {
  db = await swiftDb(); // this file's copy of the history as `ingest` loads it (test/shared-fixture.ts)
});
after(() => store?.close());

/** Runs the CLI questions first: the CLI opens the file for writing, the API after it read-only. */
describe('the API and the CLI on the RadarBox history', () => {
  const answers: Record<string, any> = {};
  before(async () => {
    answers.count = await cli('flights', 'count', '--kind', 'removal', '--from', '2020-03-01', '--to', '2020-04-01', '--by', 'country');
    answers.months = await cli('flights', 'count', '--kind', 'removal', '--country', 'GT', '--by', 'month');
    answers.legs = await cli('legs', '--kind', 'removal', '--from', '2020-03-01', '--to', '2020-04-01');
    answers.sheet = await cli('country', 'GT', '--fy', '2020');
    store = await Store.open(db, { readOnly: true });
    app = createApp({ store });
  });

  it('count the same removal flights by country in a month, legs known only by their day included', async () => {
    const a = await api('/api/flights/count?kind=removal&from=2020-03-01&to=2020-04-01&by=country');
    assert.equal(a.total, answers.count.total);
    assert.deepEqual(a.rows, answers.count.rows.map((r: any) => ({ ...r, flights: r.legs })));
    assert.deepEqual([a.total, a.groups], [79, 10]);
    // The same rule, word for word: which legs, and how a leg is dated.
    assert.equal(a.rule, answers.count.rule);
    assert.match(a.rule, /dated by departure \(else arrival, else the day the record gives\)/);
  });

  it('list the same legs for a period', async () => {
    const a = await api('/api/legs?kind=removal&from=2020-03-01&to=2020-04-01&limit=1000');
    assert.equal(a.total, answers.legs.length);
    assert.deepEqual(new Set(a.items.map((l: any) => l.id)), new Set(answers.legs.map((l: any) => l.id)));
    assert.ok(a.items.some((l: any) => l.departure.time === null && l.arrival.time === null), 'a leg with a day and no time');
  });

  it('give the same monthly series, one row a month, kind and country', async () => {
    const { rows } = await api('/api/flights/monthly?kind=removal&country=GT');
    assert.deepEqual(rows.map((r: any) => [r.month, r.flights]), answers.months.rows.map((r: any) => [r.key, r.legs]));
    assert.equal(rows.some((r: any) => r.month === null), false);
  });

  it('give returns in the monthly series by the country they came from, as the count does', async () => {
    const { rows } = await api('/api/flights/monthly?kind=return&from=2020-03-01&to=2020-04-01');
    const byCountry = new Map<string, number>();
    for (const r of rows) byCountry.set(r.country, (byCountry.get(r.country) ?? 0) + r.flights);
    const count = await cli('flights', 'count', '--kind', 'return', '--from', '2020-03-01', '--to', '2020-04-01', '--by', 'country');
    assert.deepEqual(Object.fromEntries([...byCountry].sort()), Object.fromEntries(count.rows.map((r: any) => [r.key, r.legs]).sort()));
    assert.equal(byCountry.has('US'), false);
  });

  it('give the same country sheet, its months and fiscal year counting legs without times by their day', async () => {
    const a = await api('/api/countries/GT?fy=2020');
    assert.deepEqual(a, answers.sheet);
    assert.equal(a.byMonth.some((m: any) => !/^\d{4}-\d{2}$/.test(m.month)), false);
    assert.equal(a.byMonth.reduce((s: number, m: any) => s + m.flights, 0), a.removalFlights.length);
    assert.equal(a.chartersVsEncounters.removalFlights, a.removalFlights.length);
  });
});
