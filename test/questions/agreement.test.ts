import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import { dataPath } from '../../src/paths.ts';
import { createApp } from '../../src/server/app.ts';
import { Store } from '../../src/store/store.ts';
import { runCli, tempDb } from '../helpers.ts';
import { writeSyntheticLegs } from '../server/synthetic-legs.ts';

/**
 * Every question asked on the command line and in the API with the same filters gives the same
 * answer, field by field: both are made from one declaration (src/questions/). A real database:
 * the shipped CBP, ICE and designation files, and 40 days of seeded synthetic legs from 1 June 2024.
 */
const db = tempDb();
let store: Store;
let app: Hono;

const cli = async (...args: string[]) => {
  const r = await runCli(['--db', db, ...args]);
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};
const cliJson = async (...args: string[]) => JSON.parse(await cli('--json', ...args));
const apiText = async (url: string) => {
  const res = await app.request(url);
  const text = await res.text();
  assert.equal(res.status, 200, `${url}: ${text}`);
  return text;
};
const apiJson = async (url: string) => JSON.parse(await apiText(url));
/** Text as the command line prints it: ending in a newline. */
const lines = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);

/** Every field the API's answer shares with the command line's holds the same value (nested objects field by field). */
function sameSharedFields(api: any, cliValue: any, where = ''): number {
  let compared = 0;
  for (const key of Object.keys(api)) {
    if (!(key in cliValue)) continue;
    const [a, c] = [api[key], cliValue[key]];
    if (a && c && typeof a === 'object' && typeof c === 'object' && !Array.isArray(a)) compared += sameSharedFields(a, c, `${where}.${key}`);
    else {
      assert.deepEqual(a, c, `${where}.${key}`);
      compared++;
    }
  }
  return compared;
}

// The command line's answers first (it opens the file itself), then the API's on the same file.
const asked: Record<string, any> = {};
before(async () => {
  for (const file of ['stats/cbp-nationwide-encounters-fy20-fy24-aor.csv.gz', 'stats/ice-removals-by-citizenship-fy2017-fy2018.csv', 'designations/ice-uncooperative-countries.csv']) {
    await cli('ingest', dataPath(file));
  }
  const writer = await Store.open(db);
  await writeSyntheticLegs(writer, { from: '2024-06-01', days: 40 });
  writer.close();

  asked.count = await cliJson('flights', 'count', '--kind', 'removal', '--from', '2024-06-04', '--to', '2024-07-03', '--by', 'country');
  asked.countText = await cli('flights', 'count', '--kind', 'removal', '--from', '2024-06-04', '--to', '2024-07-03');
  asked.countTwo = await cliJson('flights', 'count', '--kind', 'return', '--from', '2024-06-10', '--to', '2024-06-20', '--by', 'country,month');
  asked.monthly = await cliJson('flights', 'monthly', '--from', '2024-06-01', '--to', '2024-07-01', '--country', 'GT');
  asked.legs = await cliJson('legs', '--kind', 'removal', '--from', '2024-06-10', '--to', '2024-06-12');
  asked.legsSorted = await cliJson('legs', '--country', 'HN', '--sort', '-departure', '--limit', '5', '--offset', '2');
  asked.missions = await cliJson('missions', '--from', '2024-06-10', '--to', '2024-06-20', '--order', 'newest', '--limit', '5');
  asked.encounters = await cliJson('encounters', '--citizenship', 'China', '--fy', 'FY2024', '--through', '2024-05', '--by', 'component');
  asked.removals = await cliJson('removals', '--citizenship', 'GT');
  asked.cooperation = await cliJson('cooperation', 'CN');
  asked.claims = await cliJson('claims', 'check', dataPath('claims/dhs-2024-07-china.yaml'));
  asked.passengersType = await cliJson('passengers', '--type', 'b738', '--kind', 'removal', '--country', 'GT', '--date', '2024-06-10');
  asked.passengersLeg = await cliJson('passengers', '5');
  asked.country = await cliJson('country', 'HN', '--fy', '2024');
  asked.countryHtml = await cli('country', 'HN', '--fy', '2024', '--format', 'html');
  asked.countryMd = await cli('country', 'HN', '--fy', '2024');
  asked.report = await cliJson('report', 'monthly', '--month', '2024-06');
  asked.reportHtml = await cli('report', 'monthly', '--month', '2024-06', '--format', 'html');
  asked.reportMd = await cli('report', 'monthly', '--month', '2024-06', '--format', 'md');

  store = await Store.open(db, { readOnly: true });
  app = createApp({ store, rateLimitPerMinute: false });
});
after(() => store?.close());

describe('a question asked on the command line and in the API', () => {
  it('flights count 4 June to 3 July (to exclusive): the same number on both, echoing to as given', async () => {
    const api = await apiJson('/api/flights/count?kind=removal&from=2024-06-04&to=2024-07-03&by=country');
    // Counted from the table itself: removal legs departing on 4 June up to, not including, 3 July.
    const direct = Number(await store.value(`SELECT count(*) FROM legs WHERE kind = 'removal' AND dep_time >= TIMESTAMPTZ '2024-06-04 00:00:00Z' AND dep_time < TIMESTAMPTZ '2024-07-03 00:00:00Z'`));
    const on3July = Number(await store.value(`SELECT count(*) FROM legs WHERE kind = 'removal' AND dep_time >= TIMESTAMPTZ '2024-07-03 00:00:00Z' AND dep_time < TIMESTAMPTZ '2024-07-04 00:00:00Z'`));
    assert.ok(on3July > 0, 'removal legs on 3 July, which an inclusive "to" would have counted');
    assert.deepEqual([asked.count.total, api.total], [direct, direct]);
    assert.deepEqual([api.from, api.to, asked.count.from, asked.count.to], ['2024-06-04', '2024-07-03', '2024-06-04', '2024-07-03']);
    const { groups, rows, ...rest } = api;
    const { rows: cliRows, ...cliRest } = asked.count;
    assert.deepEqual(rest, cliRest);
    assert.deepEqual(rows, cliRows.map((r: any) => ({ ...r, flights: r.legs })));
    assert.equal(groups, cliRows.length);
    assert.match(asked.countText, new RegExp(`^${direct} removal leg\\(s\\) from 2024-06-04 to 2024-07-03 \\(exclusive\\)`));
  });

  it('flights count by two breakdowns', async () => {
    const api = await apiJson('/api/flights/count?kind=return&from=2024-06-10&to=2024-06-20&by=country,month');
    assert.deepEqual([api.by, api.then], ['country', 'month']);
    const { groups, rows, ...rest } = api;
    const { rows: cliRows, ...cliRest } = asked.countTwo;
    assert.deepEqual(rest, cliRest);
    assert.deepEqual(rows.map(({ flights, ...r }: any) => r), cliRows);
    assert.ok(cliRows.length > 1 && cliRows.every((r: any) => r.cells['2024-06'] === r.legs));
  });

  it('flights monthly', async () => {
    const api = await apiJson('/api/flights/monthly?from=2024-06-01&to=2024-07-01&country=GT');
    assert.deepEqual(api, asked.monthly);
    assert.deepEqual([...new Set(api.rows.map((r: any) => r.month))], ['2024-06']);
  });

  it('legs: the same legs, every field the API shows equal to the command line\'s', async () => {
    const api = await apiJson('/api/legs?kind=removal&from=2024-06-10&to=2024-06-12&limit=1000');
    assert.equal(api.total, asked.legs.length);
    assert.ok(api.total > 5);
    const byId = new Map(asked.legs.map((l: any) => [l.id, l]));
    for (const leg of api.items) assert.ok(sameSharedFields(leg, byId.get(leg.id)) >= 20, `leg ${leg.id}`);
    const sorted = await apiJson('/api/legs?country=HN&sort=-departure&limit=5&offset=2');
    assert.deepEqual(sorted.items.map((l: any) => l.id), asked.legsSorted.map((l: any) => l.id));
  });

  it('missions: the same missions in the same order', async () => {
    const api = await apiJson('/api/missions?from=2024-06-10&to=2024-06-20&limit=5&order=newest');
    assert.deepEqual(api.items.map((m: any) => m.id), asked.missions.map((m: any) => m.id));
    assert.equal(api.items.length, 5);
    // The API's mission is the command line's with its two ends flattened.
    api.items.forEach((m: any, i: number) => {
      const c = asked.missions[i];
      assert.deepEqual(m, { id: c.id, icao24: c.icao24, registration: c.registration, start: c.start.time, end: c.end.time, startAirport: c.start.airport, endAirport: c.end.airport, countries: c.countries, legs: c.legs, complete: c.complete, generated: c.generated });
    });
  });

  it('encounters, removals, cooperation, claims and passengers: the same JSON', async () => {
    assert.deepEqual(await apiJson('/api/encounters?citizenship=China&fy=FY2024&through=2024-05&by=component'), asked.encounters);
    assert.equal(asked.encounters.total, 55_914);
    assert.deepEqual(await apiJson('/api/removals?citizenship=GT'), asked.removals);
    assert.deepEqual(await apiJson('/api/cooperation/CN'), asked.cooperation);
    assert.deepEqual(await apiJson('/api/claims?file=dhs-2024-07-china.yaml'), asked.claims);
    assert.deepEqual(await apiJson('/api/passengers?type=b738&kind=removal&country=GT&date=2024-06-10'), asked.passengersType);
    assert.deepEqual(await apiJson('/api/passengers?leg=5'), asked.passengersLeg);
  });

  it('the country sheet: the same JSON, HTML and Markdown', async () => {
    assert.deepEqual(await apiJson('/api/countries/HN?fy=2024'), asked.country);
    assert.ok(asked.country.removalFlights.length > 0);
    assert.equal(lines(await apiText('/api/countries/HN?fy=2024&format=html')), asked.countryHtml);
    assert.equal(lines(await apiText('/api/countries/HN?fy=2024&format=md')), asked.countryMd);
    assert.match(asked.countryMd, /^# Honduras \(HN\)/);
  });

  it('the monthly report: the same JSON, HTML and Markdown', async () => {
    assert.deepEqual(await apiJson('/api/reports/monthly/2024-06'), asked.report);
    assert.equal(lines(await apiText('/api/reports/monthly/2024-06?format=html')), asked.reportHtml);
    assert.equal(lines(await apiText('/api/reports/monthly/2024-06?format=md')), asked.reportMd);
    assert.match(asked.reportHtml, /<h1>Removal flight report, 2024-06<\/h1>/);
  });
});
