import { createRequire } from 'node:module';
import { airportByCode } from '../airports/airports.ts';
import { geoEqualEarth, geoGraticule10, geoPath, type GeoProjection } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';

/**
 * The route map as one SVG string, drawn without a browser: Natural Earth land (world-atlas,
 * 1:110m) in an Equal Earth projection fitted to the routes, each route a great-circle arc
 * coloured by the kind of its legs. Only presentation attributes, no inline CSS, so the SVG may be
 * inserted into a page under a strict Content-Security-Policy.
 *
 * Zooming (src/web/zoom.js) scales and moves the `zoomed` group (land, routes, airports; the legend
 * stays put): lines keep their width (non-scaling strokes), and
 * each airport's label (ICAO code and name) carries the zoom at which it shows, `data-min-zoom`:
 * at least 2, more where another airport lies close, so labels appear as the map is zoomed in
 * and do not pile up.
 */

export const KIND_COLOURS: Record<string, string> = {
  removal: '#c0392b',
  return: '#2471a3',
  domestic: '#7f8c8d',
  lateral: '#d68910',
  foreign: '#7d3c98',
  other: '#a6a600',
  possible: '#e59866',
  unclassified: '#b3b3b3',
};

const DRAW_ORDER = ['unclassified', 'other', 'possible', 'domestic', 'foreign', 'return', 'lateral', 'removal'];

export interface MapRoute {
  from: { code: string; lat: number; lon: number };
  to: { code: string; lat: number; lon: number };
  kind: string | null;
  /** Legs flown on this route (drawn thicker when more). */
  legs: number;
  /** Set when the route stands for one mission's leg: the map links it to the mission. */
  missionId?: number | null;
  title?: string;
}

export interface MapOptions {
  width?: number;
  height?: number;
  title?: string;
  /** Show the whole world rather than fitting the routes. */
  world?: boolean;
}

const require = createRequire(import.meta.url);
let land: GeoJSON.FeatureCollection | GeoJSON.Feature | undefined;

function landFeature() {
  if (!land) {
    const topo = require('world-atlas/land-110m.json') as Topology;
    land = feature(topo, topo.objects.land!) as GeoJSON.FeatureCollection | GeoJSON.Feature;
  }
  return land;
}

/** Screen pixels two airports must be apart before both are labelled. */
const LABEL_SPACING = 60;

/** "KAEX Alexandria International Airport": the code, and the name where the airport table has it. */
const airportLabel = (a: { code: string; name: string }) => (a.name ? `${a.code} ${a.name}` : a.code);

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** Path data with coordinates rounded to 0.1 px: a tenth of the size, no visible change. */
const round = (d: string | null) => (d ?? '').replace(/\d+\.\d+/g, (n) => String(Math.round(Number(n) * 10) / 10));

export function routeMapSvg(routes: MapRoute[], { width = 960, height = 520, title = 'Routes', world = false }: MapOptions = {}): string {
  // Centred on the Americas (100° W): flights to Asia cross the Pacific on the left, to Africa the Atlantic on the right.
  const projection: GeoProjection = geoEqualEarth().rotate([100, 0]);
  const lines: GeoJSON.MultiLineString = { type: 'MultiLineString', coordinates: routes.map((r) => [[r.from.lon, r.from.lat], [r.to.lon, r.to.lat]]) };
  if (world || routes.length === 0) projection.fitExtent([[8, 8], [width - 8, height - 8]], { type: 'Sphere' });
  else projection.fitExtent([[30, 30], [width - 30, height - 50]], lines);
  const path = geoPath(projection);
  const maxLegs = Math.max(1, ...routes.map((r) => r.legs));
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(title)}" class="route-map" font-family="system-ui, sans-serif" font-size="11">`);
  parts.push(`<title>${esc(title)}</title>`);
  parts.push(`<rect width="${width}" height="${height}" fill="#f4f7fa"/>`);
  parts.push('<g class="zoomed">');
  parts.push(`<path d="${round(path(geoGraticule10()))}" fill="none" stroke="#e1e6eb" stroke-width="0.5" vector-effect="non-scaling-stroke"/>`);
  parts.push(`<path d="${round(path(landFeature()))}" fill="#e4e1d6" stroke="#c9c4b5" stroke-width="0.5" vector-effect="non-scaling-stroke"/>`);
  // Removals on top (a return flies the same arc back), then thin over thick.
  const rank = (k: string | null) => DRAW_ORDER.indexOf(k ?? 'unclassified');
  const ordered = [...routes].sort((a, b) => rank(a.kind) - rank(b.kind) || b.legs - a.legs);
  parts.push('<g class="routes" fill="none" stroke-linecap="round">');
  for (const r of ordered) {
    const kind = r.kind ?? 'unclassified';
    const d = round(path({ type: 'LineString', coordinates: [[r.from.lon, r.from.lat], [r.to.lon, r.to.lat]] }));
    if (!d) continue;
    const w = (1.2 + 3.8 * Math.sqrt(r.legs / maxLegs)).toFixed(1);
    const label = r.title ?? `${r.from.code} → ${r.to.code}: ${r.legs} ${kind} leg${r.legs === 1 ? '' : 's'}`;
    const mission = r.missionId != null ? ` data-mission="${r.missionId}"` : '';
    parts.push(`<path class="route" d="${d}" stroke="${KIND_COLOURS[kind] ?? KIND_COLOURS.unclassified}" stroke-width="${w}" stroke-opacity="0.75" vector-effect="non-scaling-stroke" data-kind="${esc(kind)}" data-legs="${r.legs}"${mission}><title>${esc(label)}</title></path>`);
  }
  parts.push('</g>');
  const airports = new Map<string, { lat: number; lon: number }>();
  for (const r of routes) (airports.set(r.from.code, r.from), airports.set(r.to.code, r.to));
  const placed: { code: string; name: string; x: number; y: number }[] = [];
  for (const [code, p] of airports) {
    const xy = projection([p.lon, p.lat]);
    if (xy) placed.push({ code, name: airportByCode(code)?.name ?? '', x: xy[0], y: xy[1] });
  }
  parts.push('<g class="airports" fill="#1b2631">');
  for (const a of placed) parts.push(`<circle cx="${a.x.toFixed(1)}" cy="${a.y.toFixed(1)}" r="2.2" data-code="${esc(a.code)}"><title>${esc(airportLabel(a))}</title></circle>`);
  parts.push('</g>');
  // Labels, hidden until the map is zoomed in far enough for each (see the comment at the top).
  parts.push('<g class="airport-labels" fill="#1b2631" font-size="11">');
  for (const a of placed) {
    const nearest = Math.min(...placed.filter((b) => b !== a).map((b) => Math.hypot(b.x - a.x, b.y - a.y)));
    const minZoom = Math.max(2, Math.min(64, Math.ceil(LABEL_SPACING / Math.max(nearest, 0.1))));
    parts.push(`<text class="airport-label" x="${a.x.toFixed(1)}" y="${a.y.toFixed(1)}" dx="0.35em" dy="-0.35em" data-code="${esc(a.code)}" data-min-zoom="${minZoom}" visibility="hidden">${esc(airportLabel(a))}</text>`);
  }
  parts.push('</g>');
  parts.push('</g>');
  // Legend: the kinds present.
  const kinds = [...new Set(routes.map((r) => r.kind ?? 'unclassified'))].sort();
  parts.push(`<g class="legend" transform="translate(12 ${height - 22})">`);
  let x = 0;
  for (const k of kinds) {
    parts.push(`<rect x="${x}" y="-8" width="14" height="4" fill="${KIND_COLOURS[k] ?? KIND_COLOURS.unclassified}"/><text x="${x + 18}" y="0" fill="#1b2631">${esc(k)}</text>`);
    x += 26 + k.length * 6.5;
  }
  parts.push('</g>');
  parts.push(`<text x="${width - 8}" y="${height - 8}" text-anchor="end" fill="#6c7a89" font-size="9">Land: Natural Earth 1:110m (world-atlas)</text>`);
  parts.push('</svg>');
  return parts.join('');
}
