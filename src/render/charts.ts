import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

/**
 * Charts as SVG strings, drawn by Observable Plot on linkedom's document: no browser. Used by the
 * HTML reports (inline) and the dashboard (as images, so the page's strict policy holds).
 */

function plotDocument() {
  return parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
}

/** Plot's output with the namespace a standalone .svg file needs. */
function svgText(node: Element): string {
  const svg = node.tagName.toLowerCase() === 'svg' ? node : node.querySelector('svg');
  const text = (svg ?? node).outerHTML;
  return text.includes('xmlns=') ? text : text.replace('<svg', '<svg xmlns="http://www.w3.org/2000/svg"');
}

export interface MonthlyFlights {
  month: string;
  key: string;
  flights: number;
}

/** Stacked bars of flights per month, one colour per key (country or kind); the `top` keys by total, the rest as "other". */
export function monthlyFlightsChart(
  rows: MonthlyFlights[],
  { title = 'Removal flights by month', top = 8, width = 720, height = 320, colours, months, noData = [] }: {
    title?: string; top?: number; width?: number; height?: number; colours?: Record<string, string>;
    /** Every month the x axis shows, in order (default: those of `rows`). */
    months?: string[];
    /** Months the data do not cover: no bar is drawn, the column reads "no data" (never a bar of 0). */
    noData?: string[];
  } = {},
): string {
  const missing = new Set(noData);
  rows = rows.filter((r) => !missing.has(r.month));
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.key, (totals.get(r.key) ?? 0) + r.flights);
  const keep = new Set([...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, top).map(([k]) => k));
  const merged = new Map<string, MonthlyFlights>();
  for (const r of rows) {
    const key = keep.has(r.key) ? r.key : 'other';
    const id = `${r.month}|${key}`;
    const m = merged.get(id);
    if (m) m.flights += r.flights;
    else merged.set(id, { month: r.month, key, flights: r.flights });
  }
  const data = [...merged.values()];
  const domain = [...keep].sort((a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0) || a.localeCompare(b));
  if (!domain.includes('other') && [...merged.values()].some((r) => r.key === 'other')) domain.push('other');
  const range = domain.map((k, i) => colours?.[k] ?? TABLEAU10[i % TABLEAU10.length]!);
  const chartHeight = height - 44;
  const node = Plot.plot({
    document: plotDocument(),
    width,
    height: chartHeight,
    marginLeft: 44,
    x: { type: 'band', label: null, tickFormat: (m: string) => m.slice(2), ...(months ? { domain: months } : {}) },
    y: { grid: true, label: 'flights' },
    color: { domain, range },
    marks: [
      Plot.barY(data, { x: 'month', y: 'flights', fill: 'key', title: (d: MonthlyFlights) => `${d.month} ${d.key}: ${d.flights}` }),
      Plot.text([...missing], { x: (m: string) => m, frameAnchor: 'bottom', dy: -30, rotate: -90, text: () => 'no data', fill: '#566573', className: 'no-data', title: (m: string) => `${m}: no data` }),
      Plot.ruleY([0]),
    ],
  } as Plot.PlotOptions);
  return framed(svgText(node as unknown as Element), { title, width, height, legend: domain.map((k, i) => [k, range[i]!]) });
}

export interface MonthlyCount {
  month: string;
  total: number;
}

/** A line of monthly encounters with dots, for one citizenship. */
export function encountersChart(rows: MonthlyCount[], { title = 'Encounters by month', width = 720, height = 280 }: { title?: string; width?: number; height?: number } = {}): string {
  const data = rows.map((r) => ({ ...r, date: new Date(`${r.month}-01T00:00:00Z`) }));
  const node = Plot.plot({
    document: plotDocument(),
    width,
    height: height - 24,
    marginLeft: 56,
    x: { type: 'utc', label: null },
    y: { grid: true, label: 'encounters' },
    marks: [Plot.lineY(data, { x: 'date', y: 'total', stroke: '#2471a3' }), Plot.dot(data, { x: 'date', y: 'total', fill: '#2471a3', r: 2, title: (d: MonthlyCount) => `${d.month}: ${d.total}` }), Plot.ruleY([0])],
  } as Plot.PlotOptions);
  return framed(svgText(node as unknown as Element), { title, width, height, legend: [] });
}

const TABLEAU10 = ['#4e79a7', '#f28e2c', '#e15759', '#76b7b2', '#59a14f', '#edc949', '#af7aa1', '#ff9da7', '#9c755f', '#bab0ab'];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One standalone SVG: a title, a legend row, and Plot's chart nested below them. */
function framed(chart: string, { title, width, height, legend }: { title: string; width: number; height: number; legend: [string, string][] }): string {
  const top = legend.length ? 44 : 24;
  let x = 0;
  const swatches = legend.map(([k, colour]) => {
    const s = `<rect x="${x}" y="-9" width="10" height="10" fill="${colour}"/><text x="${x + 14}" y="0">${esc(k)}</text>`;
    x += 24 + k.length * 6.5;
    return s;
  });
  const inner = chart.replace('<svg', `<svg x="0" y="${top}"`);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(title)}" font-family="system-ui, sans-serif" font-size="11"><title>${esc(title)}</title><rect width="${width}" height="${height}" fill="#ffffff"/><text x="4" y="16" font-size="14" font-weight="600" fill="#1b2631">${esc(title)}</text><g transform="translate(8 ${top - 8})" fill="#1b2631">${swatches.join('')}</g>${inner}</svg>`;
}
