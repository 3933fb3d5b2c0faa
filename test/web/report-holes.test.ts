import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Store } from '../../src/store/store.ts';
import { writeHoles } from '../answers/holes.ts';
import { servedDashboard } from './chromium.ts';

/**
 * The dashboard's monthly report over data with holes (January and March 2024, nothing in
 * February), in Chromium: a month without data says "no data" with no table, and the
 * twelve-month chart draws no bar for a month without data.
 */
const dash = servedDashboard(async (db) => {
  await writeHoles(db);
  return Store.open(db);
});
const open = dash.open;

describe('the dashboard report over data with holes', () => {
  it('says "no data" for a month without data, with no table of zeros', async () => {
    const { page, problems } = await open('/#/report/2024-02');
    assert.equal(await page.locator('#report-no-data').innerText(), 'No data for 2024-02: the database holds no leg dated in that month (its legs run from 2024-01 to 2024-03). This is not a count of zero flights.');
    assert.equal(await page.locator('#report-kinds').count(), 0);
    // No figure at all: no map, no chart, no table.
    assert.equal(await page.locator('main svg, main img, main table').count(), 0);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('names the month the average is over, shows "no data" for the month before, and its chart draws no bar for a month without data', async () => {
    const { page, problems } = await open('/#/report/2024-03');
    const head = await page.locator('#report-kinds thead th').allInnerTexts();
    assert.deepEqual(head, ['Kind', 'Legs', 'Previous month', 'Change', 'Same month a year before (2023-03)', 'Average of 2024-01']);
    assert.deepEqual(await page.locator('#report-kinds tbody tr').first().locator('td').allInnerTexts(), ['removal', '3[src]', 'no data', '–', 'no data', '1']);
    // Against the previous month (no data), the same month a year before (no data) and the fiscal year so far (two months of six with
    // data); missions count the three-leg mission once: 2 this month, 3 in the year.
    assert.deepEqual(await page.locator('#report-compare tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent))), [
      ['this month: 2024-03', '3', '2', '0', 'all'],
      ['previous month: 2024-02', 'no data', 'no data', 'no data', 'none'],
      ['same month a year before: 2023-03', 'no data', 'no data', 'no data', 'none'],
      ['fiscal year to date: FY2024 to date (2023-10 to 2024-03)', '4', '3', '0', '2024-01, 2024-03 (2 of 6)'],
    ]);
    const src = await page.locator('img[alt^="Legs per month by kind"]').getAttribute('src');
    const svg = await (await page.request.get(new URL(src!, dash.server.url).href)).text();
    assert.match(svg, /<title>2024-03 removal: 3<\/title>/);
    assert.doesNotMatch(svg, /<title>2024-02 [a-z]+: /);
    assert.match(svg, /<title>2024-02: no data<\/title>/);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
