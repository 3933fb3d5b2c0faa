import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server/serve.ts';
import { Store } from '../../src/store/store.ts';
import { tempDb } from '../helpers.ts';
import { writeSyntheticLegs } from '../server/synthetic-legs.ts';
import { swiftDb } from '../shared-fixture.ts';
import { launchChromium, openPage } from './chromium.ts';

/**
 * The landing page led by removal flights, one dataset at a time, in Chromium: over the real 2020
 * history alone (the shipped RadarBox file) and over the same history with 60 days of GENERATED
 * 2024 legs beside it. Every dashboard page and both HTML reports open on each, with the banner
 * only where generated data are.
 */
let real: { store: Store; server: RunningServer };
let mixed: { store: Store; server: RunningServer };
let browser: BrowserContext;
let chrome: Awaited<ReturnType<typeof launchChromium>>;

before(async () => {
  const realDb = await swiftDb(); // this file's copy of the history as `ingest` loads it (test/shared-fixture.ts)
  const mixedDb = tempDb();
  copyFileSync(realDb, mixedDb);
  const made = await Store.open(mixedDb);
  await writeSyntheticLegs(made, { days: 60, firstId: 1_000_000 });
  mixed = { store: made, server: await startServer({ store: made, port: 0 }) };
  const store = await Store.open(realDb, { readOnly: true });
  real = { store, server: await startServer({ store, port: 0 }) };
  chrome = await launchChromium();
  browser = chrome.browser;
});

after(async () => {
  await chrome?.close();
  for (const s of [real, mixed]) {
    await s?.server.close();
    s?.store.close();
  }
});

const cells = (page: Page, rows: string) => page.locator(rows).evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));

/** The lead: the removal figure, the possible band, the number of countries. */
const lead = async (page: Page) => [
  await page.locator('#lead-removals .figure').innerText(),
  await page.locator('#lead-possible .figure').innerText(),
  await page.locator('#lead-countries .figure').innerText(),
];

describe('the landing page', () => {
  it('leads with removal flights over the real history: the figure, the possible band, by country with names', async () => {
    const { page, problems } = await openPage(browser, real.server.url, '/#/');
    await page.waitForSelector('#lead-by-country');
    assert.equal(await page.evaluate(() => location.hash), '#/', 'one dataset: no dates imposed');
    assert.deepEqual(await lead(page), ['265[src]', '+2', '12']);
    assert.deepEqual((await cells(page, '#lead-by-country tbody tr')).slice(0, 3), [['Guatemala (GT)', '107', '1'], ['Honduras (HN)', '71', '1'], ['El Salvador (SV)', '37', '0']]);
    // The removal figure is the biggest on the page, above the other kinds ("other" among them).
    const sizes = await page.evaluate(() => [...document.querySelectorAll('.figure')].map((f) => [f.closest('[id]')!.id, Number.parseFloat(getComputedStyle(f).fontSize)] as [string, number]));
    const biggest = sizes.reduce((a, b) => (b[1] > a[1] ? b : a));
    assert.equal(biggest[0], 'lead-removals', JSON.stringify(sizes));
    assert.ok(await page.locator('#counts [data-kind=other]').count() === 1, 'other legs are a small tile below');
    assert.equal(await page.locator('#counts [data-kind=removal]').count(), 0);
    assert.equal(await page.locator('#dataset').count(), 0);
    assert.equal(await page.locator('#generated-banner').isVisible(), false);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('shows one dataset at a time when real and generated legs are both held: the real first, the generated on request', async () => {
    const { page, problems } = await openPage(browser, mixed.server.url, '/#/');
    await page.waitForFunction(() => location.hash === '#/?from=2020-01-01&to=2020-05-01' && document.querySelector('main')?.getAttribute('aria-busy') === 'false');
    await page.waitForSelector('#lead-by-country');
    assert.equal(await page.locator('#dataset').getAttribute('data-showing'), 'real');
    assert.deepEqual(await lead(page), ['265[src]', '+2', '12']);
    // The charts are over the real months only: never 2020 and 2024 on one axis.
    for (const src of await page.locator('.grid img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('src')))) assert.match(src ?? '', /from=2020-01-01&to=2020-05-01/);
    await page.click('#show-generated');
    await page.waitForFunction(() => location.hash === '#/?from=2024-01-01&to=2024-03-01' && document.querySelector('main')?.getAttribute('aria-busy') === 'false');
    await page.waitForSelector('#lead-by-country');
    assert.equal(await page.locator('#dataset').getAttribute('data-showing'), 'generated');
    assert.match(await page.locator('#dataset').innerText(), /^Showing GENERATED demo legs \(2024-01 to 2024-02\): synthetic, not observed\./);
    assert.deepEqual(await lead(page), ['240[src] GENERATED', '+0', '15']);
    assert.deepEqual((await cells(page, '#lead-by-country tbody tr'))[0], ['Honduras (HN) generated', '96', '0']);
    for (const src of await page.locator('.grid img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('src')))) assert.match(src ?? '', /from=2024-01-01&to=2024-03-01/);
    assert.equal(await page.locator('#generated-banner').isVisible(), true);
    assert.deepEqual(problems, []);
    await page.close();
  });
});

describe('every page, with and without generated data', () => {
  const PAGES = ['/#/', '/#/countries', '/#/country/GT', '/#/report/2020-03', '/#/sources'];
  for (const [name, which] of [['real data only', () => real], ['real and generated data', () => mixed]] as const) {
    it(`opens every dashboard page and both HTML reports over ${name}, the banner only with generated data`, async () => {
      const { server } = which();
      const generated = which() === mixed;
      for (const url of PAGES) {
        const { page, problems } = await openPage(browser, server.url, url);
        await page.waitForLoadState('networkidle');
        assert.equal(await page.locator('.error').count(), 0, `${url}: ${await page.locator('main').innerText()}`);
        assert.equal(await page.locator('#generated-banner').isVisible(), generated, url);
        assert.deepEqual(problems, [], url);
        await page.close();
      }
      for (const url of ['/api/reports/monthly/2020-03?format=html', '/api/countries/GT?format=html', ...(generated ? ['/api/reports/monthly/2024-02?format=html'] : [])]) {
        const page = await browser.newPage();
        const problems: string[] = [];
        page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
        const res = await page.goto(new URL(url, server.url).href);
        assert.equal(res?.status(), 200, url);
        assert.ok(await page.locator('h1').count() === 1, url);
        // Generated flights are marked where (and only where) the page holds some.
        const marked = await page.locator('.generated').count();
        if (url.includes('2024-02')) assert.ok(marked > 0, url);
        if (url.includes('2020-03')) assert.equal(marked, 0, url);
        assert.deepEqual(problems, [], url);
        await page.close();
      }
    });
  }
});
