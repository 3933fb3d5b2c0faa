import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { Store } from '../../src/store/store.ts';
import { writeSyntheticLegs } from '../server/synthetic-legs.ts';
import { servedDashboard } from './chromium.ts';

/**
 * The route map zooms and pans in Chromium (wheel, buttons, drag), offline, and names airports
 * (ICAO code and name) once zoomed in: on the landing page and on the country page, over 60 days
 * of seeded synthetic legs.
 */
const dash = servedDashboard(async (db) => {
  const store = await Store.open(db);
  await writeSyntheticLegs(store, { days: 60 });
  return store;
});
const open = dash.open;

/** The map's zoom transform, its zoom, and the labels shown. */
const state = (page: Page) =>
  page.evaluate(() => {
    const svg = document.querySelector('#map svg')!;
    return {
      transform: svg.querySelector('g.zoomed')!.getAttribute('transform'),
      zoom: Number((svg as SVGElement).dataset.zoom),
      shown: [...svg.querySelectorAll('.airport-label')].filter((l) => l.getAttribute('visibility') === 'visible').map((l) => l.textContent),
      labels: svg.querySelectorAll('.airport-label').length,
      airports: svg.querySelectorAll('.airports circle').length,
    };
  });

describe('the zoomable route map', () => {
  it('zooms with the buttons: the transform changes and airport labels appear, code and name', async () => {
    const { page, problems } = await open('/#/');
    await page.waitForSelector('#map svg .route');
    const start = await state(page);
    assert.equal(start.transform, 'translate(0.00 0.00) scale(1.0000)');
    assert.equal(start.zoom, 1);
    assert.deepEqual(start.shown, [], 'no label before zooming in');
    assert.equal(start.labels, start.airports, 'one label per airport');
    assert.equal(await page.locator('.zoom-reset').isDisabled(), true);
    await page.click('.zoom-in');
    await page.click('.zoom-in');
    const zoomed = await state(page);
    assert.equal(zoomed.zoom, 4);
    assert.notEqual(zoomed.transform, start.transform);
    assert.match(zoomed.transform ?? '', /scale\(4\.0000\)$/);
    assert.ok(zoomed.shown.length > 0, 'labels shown at zoom 4');
    assert.ok(zoomed.shown.length < zoomed.labels, 'crowded airports wait for more zoom');
    // An isolated airport is named at zoom 2 already: Beijing Capital, code and name.
    assert.ok(zoomed.shown.includes('ZBAA Beijing Capital International Airport'), zoomed.shown.join('; '));
    // The label is really drawn: visible to the browser, inside the map.
    assert.equal(await page.locator('#map .airport-label[data-code=ZBAA]').isVisible(), true);
    // Back out: labels hide again.
    await page.click('.zoom-reset');
    assert.deepEqual(await state(page), start);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('zooms with the wheel about the pointer, and pans by dragging', async () => {
    const { page, problems } = await open('/#/');
    await page.waitForSelector('#map svg .route');
    await page.locator('#map svg').scrollIntoViewIfNeeded();
    const box = (await page.locator('#map svg').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -600);
    await page.waitForFunction(() => Number((document.querySelector('#map svg') as SVGElement).dataset.zoom) > 2);
    const wheeled = await state(page);
    assert.ok(wheeled.zoom > 2, String(wheeled.zoom));
    assert.ok(wheeled.shown.length > 0);
    // Drag: the map moves with the pointer.
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 40, { steps: 5 });
    await page.mouse.up();
    const dragged = await state(page);
    assert.equal(dragged.zoom, wheeled.zoom);
    assert.notEqual(dragged.transform, wheeled.transform);
    const [x0] = wheeled.transform!.match(/-?\d+\.\d+/g)!.map(Number);
    const [x1] = dragged.transform!.match(/-?\d+\.\d+/g)!.map(Number);
    assert.ok(x1! > x0!, `dragged right: ${x0} → ${x1}`);
    // A drag is not a click: no mission got selected.
    assert.doesNotMatch(await page.evaluate(() => location.hash), /mission=/);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('puts a zoomable map of its removal flights on the country page', async () => {
    const { page, problems } = await open('/#/country/GT');
    await page.waitForSelector('#map svg .route');
    assert.deepEqual([...new Set(await page.locator('#map svg .route').evaluateAll((ps) => ps.map((p) => p.getAttribute('data-kind'))))], ['removal']);
    await page.click('.zoom-in');
    await page.click('.zoom-in');
    await page.click('.zoom-in');
    const s = await state(page);
    assert.equal(s.zoom, 8);
    assert.ok(s.shown.includes('MGGT La Aurora Airport'), s.shown.join('; '));
    assert.deepEqual(problems, []);
    await page.close();
  });
});
