import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Store } from '../../src/store/store.ts';
import { writeSyntheticLegs } from '../server/synthetic-legs.ts';
import { servedDashboard } from './chromium.ts';

/** Screenshots land here (gitignored) for a person to look at. */
const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'out');

const dash = servedDashboard(async (db) => {
  mkdirSync(OUT, { recursive: true });
  const store = await Store.open(db);
  await writeSyntheticLegs(store, { days: 60 });
  return store;
});
const open = dash.open;

describe('the dashboard in Chromium', () => {
  it('draws the routes on the map and fills the leg table without console errors', async () => {
    const { page, problems } = await open('/#/');
    await page.waitForSelector('#map svg .route');
    assert.ok((await page.locator('#map svg .route').count()) > 20);
    assert.equal(await page.locator('#legs-table tbody tr').count(), 50);
    assert.equal(await page.locator('#legs-total').textContent(), '720 legs; 1–50 shown');
    await page.waitForFunction(() => [...document.images].every((i) => i.complete && i.naturalWidth > 0));
    await page.screenshot({ path: path.join(OUT, 'dashboard-flights.png'), fullPage: true });
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('changes the table when a filter changes', async () => {
    const { page, problems } = await open('/#/');
    await page.selectOption('select[name=kind]', 'return');
    await page.fill('input[name=country]', 'Guatemala');
    await page.click('form.filters button[type=submit]');
    await page.waitForFunction(() => location.hash.includes('kind=return') && document.querySelector('main')?.getAttribute('aria-busy') === 'false');
    const kinds = await page.locator('#legs-table tbody td:nth-child(4)').allTextContents();
    assert.ok(kinds.length > 0);
    assert.deepEqual([...new Set(kinds)], ['return']);
    const total = await page.locator('#legs-total').textContent();
    assert.match(total ?? '', /^\d+ legs; 1–\d+ shown$/);
    assert.notEqual(total, '720 legs; 1–50 shown');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('sorts the table when a column header is clicked', async () => {
    const { page, problems } = await open('/#/?sort=departure');
    const first = await page.locator('#legs-table tbody tr:first-child td:first-child').textContent();
    await page.click('th button[data-sort=departure]');
    // The hash changes before the page starts fetching (and sets aria-busy): wait for the table
    // drawn in the new order, not only for a page that is not busy.
    await page.waitForFunction(
      (before) =>
        location.hash.includes('sort=-departure') &&
        document.querySelector('main')?.getAttribute('aria-busy') === 'false' &&
        document.querySelector('#legs-table tbody tr:first-child td:first-child')?.textContent !== before,
      first,
    );
    const firstDescending = await page.locator('#legs-table tbody tr:first-child td:first-child').textContent();
    assert.ok((firstDescending ?? '') > (first ?? ''), `${firstDescending} after ${first}`);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('selects a mission by clicking its route', async () => {
    const { page, problems } = await open('/#/?mission=3');
    assert.equal(await page.locator('#map svg .route').count(), 2);
    assert.equal(await page.locator('#legs-table tbody tr').count(), 2);
    assert.deepEqual(problems, []);
    await page.close();
  });

  for (const [name, url] of [['country', '/#/country/HN'], ['report', '/#/report/2024-02'], ['sources', '/#/sources']] as const) {
    it(`loads the ${name} page without console errors`, async () => {
      const { page, problems } = await open(url);
      assert.equal(await page.locator('.error').count(), 0, await page.locator('main').textContent() ?? '');
      await page.waitForFunction(() => [...document.images].every((i) => i.complete));
      await page.screenshot({ path: path.join(OUT, `dashboard-${name}.png`), fullPage: true });
      assert.deepEqual(problems, []);
      await page.close();
    });
  }

  it('draws the month\'s routes on the report page', async () => {
    const { page, problems } = await open('/#/report/2024-02');
    assert.ok((await page.locator('#map svg .route').count()) > 10);
    assert.equal(await page.locator('#report-kinds tbody tr:first-child td:nth-child(2) a:not(.src)').textContent(), '116');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('opens the report of the latest month in the data when none is given', async () => {
    const { page, problems } = await open('/#/report');
    assert.equal(await page.locator('h1').textContent(), 'Monthly report 2024-02');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('opens the monthly report HTML with its map and charts and no console errors', async () => {
    const page = await dash.browser.newPage();
    await page.setViewportSize({ width: 1000, height: 900 });
    const problems: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    await page.goto(new URL('/api/reports/monthly/2024-02?format=html', dash.server.url).href);
    assert.ok((await page.locator('svg.route-map .route').count()) > 10);
    assert.ok((await page.locator('svg[aria-label="Legs per month by kind"]').count()) === 1);
    await page.screenshot({ path: path.join(OUT, 'report-monthly.png'), fullPage: true });
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('fits a phone screen: no sideways scrolling of the page', async () => {
    const { page, problems } = await open('/#/', { width: 390, height: 844 });
    await page.waitForSelector('#map svg .route');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0);
    await page.screenshot({ path: path.join(OUT, 'dashboard-phone.png'), fullPage: true });
    assert.deepEqual(problems, []);
    await page.close();
  });
});
