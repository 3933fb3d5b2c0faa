import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encountersChart, monthlyFlightsChart } from '../../src/render/charts.ts';
import { KIND_COLOURS, routeMapSvg, type MapRoute } from '../../src/render/map.ts';

const routes: MapRoute[] = [
  { from: { code: 'KAEX', lat: 31.3274, lon: -92.5486 }, to: { code: 'MGGT', lat: 14.5833, lon: -90.5275 }, kind: 'removal', legs: 3, missionId: null },
  { from: { code: 'MGGT', lat: 14.5833, lon: -90.5275 }, to: { code: 'KAEX', lat: 31.3274, lon: -92.5486 }, kind: 'return', legs: 3 },
  { from: { code: 'KAEX', lat: 31.3274, lon: -92.5486 }, to: { code: 'ZBAA', lat: 40.0801, lon: 116.5846 }, kind: 'removal', legs: 1, missionId: 7 },
];

describe('the route map', () => {
  const svg = routeMapSvg(routes, { title: 'Test routes' });

  it('draws one path per route, coloured by kind, returns under removals', () => {
    const paths = [...svg.matchAll(/<path class="route" d="[^"]+" stroke="([^"]+)" stroke-width="([^"]+)"[^>]*data-kind="([^"]+)" data-legs="(\d+)"/g)].map((m) => [m[3], m[1], m[2], m[4]]);
    assert.deepEqual(paths, [
      ['return', KIND_COLOURS.return, '5.0', '3'],
      ['removal', KIND_COLOURS.removal, '5.0', '3'],
      ['removal', KIND_COLOURS.removal, '3.4', '1'],
    ]);
  });

  it('links a route flown by one mission to it and names each route in a tooltip', () => {
    assert.equal((svg.match(/data-mission="7"/g) ?? []).length, 1);
    assert.match(svg, /<title>KAEX → MGGT: 3 removal legs<\/title>/);
    assert.match(svg, /<title>KAEX → ZBAA: 1 removal leg<\/title>/);
  });

  it('marks each airport once and names the basemap', () => {
    assert.equal((svg.match(/<circle /g) ?? []).length, 3);
    assert.match(svg, /Land: Natural Earth 1:110m \(world-atlas\)/);
  });

  it('labels each airport with its ICAO code and name, hidden until zoomed to the label\'s data-min-zoom', () => {
    const labels = [...svg.matchAll(/<text class="airport-label"[^>]*data-code="([A-Z]+)" data-min-zoom="(\d+)" visibility="hidden">([^<]+)<\/text>/g)].map((m) => [m[1], m[2], m[3]]);
    assert.deepEqual(labels, [
      ['KAEX', '2', 'KAEX Alexandria International Airport'],
      ['MGGT', '2', 'MGGT La Aurora Airport'],
      ['ZBAA', '2', 'ZBAA Beijing Capital International Airport'],
    ]);
    // Two airports 10 px apart are named only at ×6 (60 px apart on screen).
    const near = routeMapSvg([{ from: { code: 'MGGT', lat: 14.5833, lon: -90.5275 }, to: { code: 'MSLP', lat: 13.4409, lon: -89.0557 }, kind: 'removal', legs: 1 }, { from: { code: 'KAEX', lat: 31.3274, lon: -92.5486 }, to: { code: 'ZBAA', lat: 40.0801, lon: 116.5846 }, kind: 'removal', legs: 1 }]);
    const zooms = Object.fromEntries([...near.matchAll(/data-code="([A-Z]+)" data-min-zoom="(\d+)"/g)].map((m) => [m[1], Number(m[2])]));
    assert.ok(zooms.MGGT! > 2 && zooms.MGGT === zooms.MSLP, JSON.stringify(zooms));
    assert.deepEqual([zooms.KAEX, zooms.ZBAA], [2, 2]);
    // What zooms is one group (land, routes, airports); the legend stays outside it. Lines keep their width.
    assert.equal((svg.match(/<g class="zoomed">/g) ?? []).length, 1);
    assert.match(svg, /<g class="zoomed">.*<\/text><\/g><\/g><g class="legend"/s, 'the labels close the zoomed group; the legend follows it');
    assert.equal((svg.match(/class="route"[^>]*vector-effect="non-scaling-stroke"/g) ?? []).length, 3);
  });

  it('uses no inline CSS, so a strict Content-Security-Policy allows it', () => {
    assert.equal(/style=|<style/.test(svg), false);
  });

  it('draws the same SVG for the same routes', () => {
    assert.equal(routeMapSvg(routes, { title: 'Test routes' }), svg);
  });

  it('shows the whole world when there are no routes', () => {
    const empty = routeMapSvg([]);
    assert.equal((empty.match(/class="route"/g) ?? []).length, 0);
    assert.match(empty, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 960 520"/);
  });
});

describe('the charts', () => {
  it('stacks flights by month for the top keys and folds the rest into "other"', () => {
    const rows = [
      { month: '2024-05', key: 'GT', flights: 30 },
      { month: '2024-05', key: 'HN', flights: 20 },
      { month: '2024-05', key: 'CN', flights: 1 },
      { month: '2024-06', key: 'GT', flights: 25 },
    ];
    const svg = monthlyFlightsChart(rows, { title: 'Flights', top: 2 });
    const legend = [...svg.matchAll(/<rect x="\d+" y="-9" width="10" height="10" fill="([^"]+)"\/><text x="\d+" y="0">([^<]+)<\/text>/g)].map((m) => [m[2], m[1]]);
    assert.deepEqual(legend, [['GT', '#4e79a7'], ['HN', '#f28e2c'], ['other', '#e15759']]);
    assert.equal((svg.match(/<title>2024-0\d \w+: \d+<\/title>/g) ?? []).length, 4);
    assert.match(svg, /<title>2024-05 other: 1<\/title>/);
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 720 320"/);
  });

  it('colours kinds with the map colours when asked', () => {
    const svg = monthlyFlightsChart([{ month: '2024-05', key: 'removal', flights: 3 }], { colours: KIND_COLOURS });
    assert.match(svg, new RegExp(`fill="${KIND_COLOURS.removal}"/><text x="14" y="0">removal`));
  });

  it('draws monthly encounters as a line with a dot per month', () => {
    const svg = encountersChart([{ month: '2023-10', total: 3000 }, { month: '2023-11', total: 2500 }, { month: '2023-12', total: 4100 }], { title: 'Encounters' });
    assert.equal((svg.match(/<circle /g) ?? []).length, 3);
    assert.match(svg, /<title>2023-12: 4100<\/title>/);
  });
});
