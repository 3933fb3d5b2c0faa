import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitAtAntimeridian } from '../../src/format/antimeridian.ts';
import type { MapFeature } from '../../src/format/features.ts';
import { writeGeoJson } from '../../src/format/geojson.ts';
import { writeKml } from '../../src/format/kml.ts';

// Anchorage-ish (170°W, 61°N) to the Russian Far East (170°E, 64°N): 20° of longitude the short
// way, across 180°, half-way in longitude, so the crossing is at 62.5°N.
const ANCHORAGE_ISH: [number, number] = [-170, 61];
const RUSSIA: [number, number] = [170, 64];

const feature = (path: [number, number][] | null): MapFeature => ({
  id: 1, name: 'GENERATED leg', description: 'a test', begin: '2024-07-01T23:12:14Z', end: null, path,
  properties: { id: 1, kind: 'removal', generated: true },
});

describe('GeoJSON and KML lines, cut at the antimeridian', () => {
  const cases: { name: string; path: [number, number][]; parts: [number, number][][] }[] = [
    { name: '170°W to 170°E goes west across −180°', path: [ANCHORAGE_ISH, RUSSIA], parts: [[[-170, 61], [-180, 62.5]], [[180, 62.5], [170, 64]]] },
    { name: '170°E to 170°W goes east across +180°', path: [RUSSIA, ANCHORAGE_ISH], parts: [[[170, 64], [180, 62.5]], [[-180, 62.5], [-170, 61]]] },
    { name: '175°E to 165°W crosses a quarter of the way', path: [[175, 50], [-165, 54]], parts: [[[175, 50], [180, 51]], [[-180, 51], [-165, 54]]] },
    { name: 'a line that stays on one side is one part', path: [[-150, 61], [-100, 40]], parts: [[[-150, 61], [-100, 40]]] },
    { name: 'exactly 180° apart is not a crossing (no shorter way)', path: [[-90, 0], [90, 0]], parts: [[[-90, 0], [90, 0]]] },
    { name: 'a route out and back crosses twice', path: [ANCHORAGE_ISH, RUSSIA, ANCHORAGE_ISH], parts: [[[-170, 61], [-180, 62.5]], [[180, 62.5], [170, 64], [180, 62.5]], [[-180, 62.5], [-170, 61]]] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(splitAtAntimeridian(c.path), c.parts);
    });
  }

  it('become a GeoJSON MultiLineString with the exact crossing points', () => {
    const geo = JSON.parse(writeGeoJson([feature([ANCHORAGE_ISH, RUSSIA])]));
    assert.deepEqual(geo.features[0].geometry, { type: 'MultiLineString', coordinates: [[[-170, 61], [-180, 62.5]], [[180, 62.5], [170, 64]]] });
    assert.equal(geo.features[0].properties.generated, true);
  });

  it('become a KML MultiGeometry of two lines', () => {
    const kml = writeKml('test', [feature([ANCHORAGE_ISH, RUSSIA])]);
    assert.match(kml, /<MultiGeometry><LineString><tessellate>1<\/tessellate><coordinates>-170,61,0 -180,62.5,0<\/coordinates><\/LineString><LineString><tessellate>1<\/tessellate><coordinates>180,62.5,0 170,64,0<\/coordinates><\/LineString><\/MultiGeometry>/);
    assert.match(kml, /<Data name="generated"><value>true<\/value><\/Data>/);
  });

  it('keep a feature with an unknown end, without geometry', () => {
    const geo = JSON.parse(writeGeoJson([feature(null)]));
    assert.deepEqual([geo.features.length, geo.features[0].geometry, geo.features[0].properties.generated], [1, null, true]);
  });

  it('write no features as an empty collection and an empty document', () => {
    assert.equal(writeGeoJson([]), '{"type":"FeatureCollection","features":[]}\n');
    assert.equal(writeKml('none', []), '<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">\n<Document>\n  <name>none</name>\n</Document>\n</kml>\n');
  });
});
