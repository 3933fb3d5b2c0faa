import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import { createApp } from '../../src/server/app.ts';
import { Store } from '../../src/store/store.ts';
import { tempDb } from '../helpers.ts';
import { writeSyntheticLegs } from './synthetic-legs.ts';

let store: Store;
let app: Hono;

before(async () => {
  store = await Store.open(tempDb());
  await writeSyntheticLegs(store, { days: 30 });
  app = createApp({ store });
});
after(() => store.close());

const get = async (url: string, init?: RequestInit) => {
  const res = await app.request(url, init);
  return { res, status: res.status, text: await res.text() };
};
const json = async (url: string) => {
  const r = await get(url);
  return { ...r, body: JSON.parse(r.text) };
};

describe('the HTTP API', () => {
  it('lists legs a page at a time with the total and the next page', async () => {
    const { status, body } = await json('/api/legs?kind=removal&limit=2');
    assert.equal(status, 200);
    assert.deepEqual([body.total, body.limit, body.offset, body.items.length, body.next, body.previous], [120, 2, 0, 2, '/api/legs?kind=removal&limit=2&offset=2', null]);
    assert.deepEqual(Object.keys(body.items[0]), ['id', 'icao24', 'registration', 'aircraftType', 'operator', 'callsign', 'departure', 'arrival', 'kind', 'evidence', 'missionId', 'origin', 'sourceId', 'generated', 'sources']);
    assert.equal(body.items[0].departure.time, '2024-01-01T06:52:51Z');
  });

  it('filters legs by country and aircraft and sorts them', async () => {
    const { body } = await json('/api/legs?country=Honduras&kind=removal&sort=-departure&limit=1');
    assert.equal(body.items[0].arrival.country, 'HN');
    const all = await json('/api/legs?kind=removal&country=HN&limit=1000');
    assert.equal(all.body.total, body.total);
    const times = all.body.items.map((l: { departure: { time: string } }) => l.departure.time);
    assert.deepEqual(times, [...times].sort());
    assert.equal(body.items[0].departure.time, times.at(-1));
  });

  it('counts removal flights since a date by country: 104 to 15 countries since 5 January', async () => {
    const { body } = await json('/api/flights/count?kind=removal&from=2024-01-05');
    assert.deepEqual([body.total, body.groups, body.rows[0].key, body.rows[0].name, body.rows[0].flights, body.rows[0].legs], [104, 15, 'HN', 'Honduras', 42, 42]);
    // As given: the day, not the instant the query used.
    assert.deepEqual([body.from, body.to], ['2024-01-05', null]);
  });

  it('returns one mission with its two legs and a passenger estimate', async () => {
    const { body } = await json('/api/missions/1');
    assert.deepEqual([body.id, body.registration, body.countries, body.legList.length, body.legList.map((l: { kind: string }) => l.kind)], [1, 'N100CW', ['HN'], 2, ['removal', 'return']]);
    assert.deepEqual([body.passengers.drops.length, body.passengers.drops[0].estimate.model, body.passengers.total], [1, 'short-haul-removal', { low: 76, point: 112, high: 166 }]);
  });

  it('answers 404 with a JSON error for a mission that does not exist', async () => {
    const { status, body } = await json('/api/missions/999999');
    assert.equal(status, 404);
    assert.deepEqual(body, { error: { code: 'NOT_FOUND', message: 'no mission 999999' } });
  });

  it('downloads legs as CSV with a header and one line per leg', async () => {
    const { res, text } = await get('/api/legs?format=csv&kind=removal&from=2024-01-01&to=2024-01-02');
    assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.equal(res.headers.get('content-disposition'), 'attachment; filename="charterwatch-legs.csv"');
    const lines = text.trimEnd().split('\r\n');
    assert.equal(lines[0], 'id,icao24,registration,aircraft_type,operator,callsign,date,dep_airport,dep_country,dep_time,dep_status,arr_airport,arr_country,arr_time,arr_status,kind,candidate_kind,confidence,mission_id,origin,source_file,source_sha256,evidence,generated');
    assert.equal(lines.length, 1 + 4);
  });

  it('downloads legs as GeoJSON lines between the airports', async () => {
    const { res, text } = await get('/api/legs?format=geojson&mission=1');
    assert.equal(res.headers.get('content-type'), 'application/geo+json');
    const g = JSON.parse(text);
    assert.equal(g.type, 'FeatureCollection');
    assert.equal(g.features.length, 2);
    assert.equal(g.features[0].geometry.type, 'LineString');
    assert.equal(g.features[0].properties.kind, 'removal');
  });

  it('sends an ETag and answers 304 when it matches', async () => {
    const first = await get('/api/flights/count?kind=removal');
    const tag = first.res.headers.get('etag');
    assert.ok(tag);
    const again = await app.request('/api/flights/count?kind=removal', { headers: { 'If-None-Match': tag } });
    assert.equal(again.status, 304);
  });

  it('compresses large answers for clients that accept gzip', async () => {
    const res = await app.request('/api/legs?limit=500', { headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(res.headers.get('content-encoding'), 'gzip');
  });

  it('sets a strict Content-Security-Policy and the standard headers', async () => {
    const { res } = await get('/api/sources');
    assert.equal(res.headers.get('content-security-policy'), "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('x-frame-options'), 'DENY');
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
  });

  it('describes every endpoint and its parameters in /openapi.json', async () => {
    const { body } = await json('/openapi.json');
    assert.equal(body.openapi, '3.1.0');
    assert.deepEqual(Object.keys(body.paths), [
      '/api/legs', '/api/missions', '/api/missions/{id}', '/api/flights/count', '/api/flights/monthly', '/api/countries', '/api/countries/{country}', '/api/encounters',
      '/api/removals', '/api/cooperation/{country}', '/api/claims', '/api/reports/monthly/{month}', '/api/passengers', '/api/sources', '/api/map.svg', '/api/charts/flights.svg', '/api/charts/encounters.svg', '/api/legs/rebuild',
    ]);
    const limit = body.paths['/api/legs'].get.parameters.find((p: { name: string }) => p.name === 'limit');
    assert.deepEqual(limit.schema, { type: 'integer', minimum: 1, maximum: 1000, default: 100 });
  });

  it('serves the passenger estimate with the held-out error and coverage of every model', async () => {
    const { body } = await json('/api/passengers?type=b738&kind=removal&country=GT&date=2024-06-10');
    assert.deepEqual([body.estimate.seats, body.estimate.passengers, body.estimate.low, body.estimate.high, body.estimate.model], [189, 121, 82, 180, 'short-haul-removal']);
    assert.deepEqual(body.validation.map((v: { model: string; heldOut: number; inside: number }) => [v.model, v.heldOut, v.inside]), [
      ['short-haul-removal', 6, 4], ['long-haul-removal', 6, 6], ['lateral', 0, 0], ['domestic-transfer', 33, 31],
    ]);
  });

  it('draws the route map as SVG with one path per route', async () => {
    const { res, text } = await get('/api/map.svg?mission=1');
    assert.equal(res.headers.get('content-type'), 'image/svg+xml; charset=utf-8');
    assert.equal((text.match(/class="route"/g) ?? []).length, 2);
    assert.match(text, /data-mission="1"/);
  });

  it('renders the monthly report as an offline HTML page with no script', async () => {
    const { res, text } = await get('/api/reports/monthly/2024-01?format=html');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-security-policy') ?? '', /^default-src 'none'; style-src 'unsafe-inline'/);
    assert.match(text, /<h1>Removal flight report, 2024-01<\/h1>/);
    assert.equal(text.includes('<script'), false);
    assert.equal((text.match(/<svg xmlns/g) ?? []).length >= 2, true);
  });

  it('renders the country sheet as an offline HTML page with its sections', async () => {
    const { res, text } = await get('/api/countries/HN?format=html');
    assert.equal(res.status, 200);
    assert.deepEqual([...text.matchAll(/<h2[^>]*>([^<]*)<\/h2>/g)].map((m) => m[1]), [
      '1. Removal flights', '2. People on board (estimate)', '5. Cooperation with removals (ICE lists as publicly reported)', 'By fiscal year', '6. Charter removals against encounters', 'Sources',
    ]);
    assert.equal(text.includes('<script'), false);
  });

  it('serves the dashboard page and its script', async () => {
    const page = await get('/');
    assert.equal(page.status, 200);
    assert.match(page.text, /<script type="module" src="\/static\/app.js"><\/script>/);
    const js = await get('/static/app.js');
    assert.equal(js.res.headers.get('content-type'), 'text/javascript; charset=utf-8');
  });
});
