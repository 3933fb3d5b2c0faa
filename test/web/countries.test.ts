import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dataPath } from '../../src/paths.ts';
import { Store } from '../../src/store/store.ts';
import { runCli } from '../helpers.ts';
import { writeSyntheticLegs } from '../server/synthetic-legs.ts';
import { servedDashboard } from './chromium.ts';

/**
 * The dashboard's Countries menu and country page, in Chromium, over 60 days of seeded synthetic
 * legs (January–February 2024) with the shipped cooperation lists and ICE removals loaded.
 */
const dash = servedDashboard(async (db) => {
  for (const file of ['designations/ice-uncooperative-countries.csv', 'stats/ice-removals-by-citizenship-fy2017-fy2018.csv']) {
    const r = await runCli(['--db', db, 'ingest', dataPath(file)]);
    assert.equal(r.code, 0, r.stderr);
  }
  const store = await Store.open(db);
  await writeSyntheticLegs(store, { days: 60 });
  return store;
});
const open = dash.open;

describe('the Countries menu and the country page', () => {
  it('lists every country with removal flights: name, flights this year, all flights, last flight', async () => {
    const { page, problems } = await open('/#/');
    await page.locator('nav a', { hasText: 'Countries' }).click();
    await page.waitForSelector('#countries');
    assert.deepEqual(await page.locator('#countries thead th').allInnerTexts(), ['Country', 'Code', 'Flights in 2024', 'All flights', 'Last flight']);
    const rows = await page.locator('#countries tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    assert.equal(rows.length, 15);
    assert.deepEqual(rows.slice(0, 3), [
      ['Honduras (generated)', 'HN', '96', '96', '2024-02-27'],
      ['Guatemala (generated)', 'GT', '41', '41', '2024-02-28'],
      ['El Salvador (generated)', 'SV', '31', '31', '2024-02-27'],
    ]);
    assert.deepEqual(rows.at(-1), ['Venezuela (generated)', 'VE', '2', '2', '2024-02-29']);
    // The rows add up to the removal count the API gives for the whole data.
    const count = await (await page.request.get(new URL('/api/flights/count?kind=removal', dash.server.url).href)).json();
    assert.equal(rows.reduce((a, r) => a + Number(r[3]), 0), count.total);
    assert.equal(count.total, 240);
    await page.locator('#countries a', { hasText: 'Guatemala' }).click();
    await page.waitForSelector('#cooperation');
    assert.match(await page.locator('h1').innerText(), /^Guatemala \(GT\)$/);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('puts the country name beside its code in the leg table, and the API gives both', async () => {
    const { page, problems } = await open('/#/?kind=removal&country=GT');
    await page.waitForSelector('#legs-table tbody tr');
    const cells = await page.locator('#legs-table tbody td:nth-child(7)').allTextContents();
    assert.ok(cells.length > 0);
    assert.deepEqual([...new Set(cells)], ['GT Guatemala']);
    // Airports too: the code, then the name.
    const to = await page.locator('#legs-table tbody td:nth-child(6)').allTextContents();
    assert.deepEqual([...new Set(to)].sort(), ['MGGT La Aurora Airport']);
    const legs = await (await page.request.get(new URL('/api/legs?kind=removal&country=GT&limit=1', dash.server.url).href)).json();
    const l = legs.items[0];
    assert.deepEqual([l.arrival.country, l.arrival.countryName, l.departure.countryName], ['GT', 'Guatemala', 'United States']);
    assert.equal(typeof l.arrival.airportName, 'string');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('shows the cooperation history, ICE removals and a row for each fiscal year to the current one on the country page', async () => {
    const { page, problems } = await open('/#/country/GT');
    const coop = await page.locator('#cooperation tbody tr').count();
    assert.equal(coop, 13);
    assert.deepEqual(await page.locator('#removals tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent))), [
      ['FY2017', '33,570[src]'],
      ['FY2018', '50,390[src]'],
    ]);
    // By fiscal year, FY2017 (the first ICE year loaded) to the current one: flights in the data beside ICE's removals,
    // "no data" where the data hold no leg, "not published" where no ICE table is loaded.
    const now = new Date();
    const current = now.getUTCFullYear() + (now.getUTCMonth() >= 9 ? 1 : 0);
    const years = await page.locator('#years tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    assert.equal(years.length, current - 2017 + 1);
    assert.deepEqual(years.slice(0, 3), [['FY2017', 'no data', '33,570[src]'], ['FY2018', 'no data', '50,390[src]'], ['FY2019', 'no data', 'not published']]);
    assert.deepEqual(years.find((y) => y[0]?.startsWith('FY2024')), [`FY2024${current === 2024 ? ' (current)' : ''}`, '41 (data cover 2 of 12 months)', 'not published']);
    assert.deepEqual(years.at(-1), [`FY${current} (current)`, current === 2024 ? '41 (data cover 2 of 12 months)' : 'no data', 'not published']);
    // The latest mission's airports carry their names.
    assert.match(await page.locator('#latest-legs').innerText(), /MGGT La Aurora Airport/);
    assert.match(await page.locator('main').innerText(), /callsign \S+, from K[A-Z]{3} [A-Z][a-z]/);
    assert.doesNotMatch(await page.locator('main').innerText(), /\[object |\bnull\b|\bundefined\b/);
    const cn = await open('/#/country/CN');
    assert.equal(await cn.page.locator('#cooperation td', { hasText: /^named$/ }).count(), 3, 'China is named on three lists: 2017-05, 2020-07, 2024-04');
    await cn.page.close();
    assert.deepEqual([...problems, ...cn.problems], []);
    await page.close();
  });
});
