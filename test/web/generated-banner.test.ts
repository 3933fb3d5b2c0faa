import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server/serve.ts';
import { Store } from '../../src/store/store.ts';
import { tempDb } from '../helpers.ts';
import { writeSyntheticLegs } from '../server/synthetic-legs.ts';
import { launchChromium } from './chromium.ts';

/**
 * The GENERATED banner: on every dashboard page while the database holds a generated source,
 * on none when it holds none. Two real servers over two real databases.
 */
const PAGES = ['/#/', '/#/country/CN', '/#/report', '/#/sources'];
let withGenerated: { store: Store; server: RunningServer };
let withoutGenerated: { store: Store; server: RunningServer };
let browser: BrowserContext;
let chrome: Awaited<ReturnType<typeof launchChromium>>;

before(async () => {
  const made = await Store.open(tempDb());
  await writeSyntheticLegs(made, { days: 10 });
  withGenerated = { store: made, server: await startServer({ store: made, port: 0 }) };
  const empty = await Store.open(tempDb());
  withoutGenerated = { store: empty, server: await startServer({ store: empty, port: 0 }) };
  chrome = await launchChromium();
  browser = chrome.browser;
});

after(async () => {
  await chrome?.close();
  for (const s of [withGenerated, withoutGenerated]) {
    await s?.server.close();
    s?.store.close();
  }
});

async function bannerOn(server: RunningServer, url: string): Promise<string | null> {
  const page = await browser.newPage();
  try {
    await page.goto(new URL(url, server.url).href);
    await page.waitForSelector('main[aria-busy="false"]');
    // The banner is filled from /api/sources; wait for that answer to have been applied.
    await page.waitForLoadState('networkidle');
    const banner = page.locator('#generated-banner');
    return (await banner.isVisible()) ? await banner.innerText() : null;
  } finally {
    await page.close();
  }
}

describe('the generated-data banner', () => {
  it('shows on every page while the database holds generated data, naming the generated source', async () => {
    for (const url of PAGES) {
      const text = await bannerOn(withGenerated.server, url);
      assert.equal(text, 'GENERATED data: this database holds 1 generated source(s) (generated:synthetic-legs): synthetic flights and fictional aircraft made to show the method, not observed. Figures that include them are marked generated; see Sources.', url);
    }
  });

  it('shows on no page when the database holds no generated data', async () => {
    for (const url of PAGES) assert.equal(await bannerOn(withoutGenerated.server, url), null, url);
  });
});
