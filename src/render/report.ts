import { airportByCode } from '../airports/airports.ts';
import type { CountrySheet } from '../answers/country.ts';
import { airportNamed, averageLabel, countryNamed, noDataText, periodCoverage, periodFigure, ROUTES_SHOWN, SHUFFLES, type MonthlyReport } from '../answers/monthly.ts';
import type { SourceRef } from '../answers/provenance.ts';
import { encountersChart, monthlyFlightsChart } from './charts.ts';
import { KIND_COLOURS, routeMapSvg, type MapRoute } from './map.ts';

/**
 * Reports as single HTML files: the map and charts inline as SVG, one small style element, no
 * script and nothing fetched, so a report opens offline and can be mailed as one file.
 */

const esc = (s: unknown) => String(s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (x: number | null | undefined) => (x === null || x === undefined ? '–' : x.toLocaleString('en-US'));

const STYLE = `body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:980px;padding:12px;color:#1b2631}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #d5d8dc}
table{border-collapse:collapse;margin:.5em 0;font-variant-numeric:tabular-nums}td,th{padding:3px 8px;border-bottom:1px solid #eaecee;text-align:left}
td.n,th.n{text-align:right}svg{max-width:100%;height:auto}.generated{background:#fdebd0;padding:6px 10px;border-left:4px solid #d68910}
.sources{font-size:.85em;color:#566573;word-break:break-all}.rule{font-size:.85em;color:#566573}sup a{text-decoration:none}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>\n`;
}

/** The sources list; every figure carries a superscript link to its sources here. */
function sourcesSection(sources: SourceRef[], rule: string): string {
  const items = sources.map((s) => `<li id="source-${s.sourceId}">${esc(s.file)} (source ${s.sourceId}, ${esc(s.format)}${s.generated ? ', GENERATED' : ''}): ${n(s.rowsUsed)} rows, sha256 <code>${esc(s.sha256)}</code></li>`);
  return `<h2 id="sources">Sources</h2><p>Rule: ${esc(rule)}</p><ol class="sources">${items.join('') || '<li>no source rows</li>'}</ol>`;
}

const cite = `<sup><a href="#sources" title="sources of this figure">[s]</a></sup>`;

function routesFrom(rows: { from: string | null; to: string | null; kind: string | null }[]): MapRoute[] {
  const groups = new Map<string, MapRoute>();
  for (const r of rows) {
    const a = r.from ? airportByCode(r.from) : undefined;
    const b = r.to ? airportByCode(r.to) : undefined;
    if (!a || !b) continue;
    const key = `${a.icao}|${b.icao}|${r.kind}`;
    const g = groups.get(key);
    if (g) g.legs++;
    else groups.set(key, { from: { code: a.icao, lat: a.lat, lon: a.lon }, to: { code: b.icao, lat: b.lat, lon: b.lon }, kind: r.kind, legs: 1 });
  }
  return [...groups.values()];
}

/** The monthly flight report as one offline HTML page: every section with its rule, every figure citing the sources. */
export function monthlyReportHtml(r: MonthlyReport): string {
  const body: string[] = [`<h1>Removal flight report, ${esc(r.month)}</h1>`];
  if (!r.hasData) {
    body.push(`<p class="no-data">${esc(noDataText(r))}</p>`, sourcesSection(r.sources, r.rule));
    return page(`Removal flight report ${r.month}`, body.join(''));
  }
  const rule = (key: string) => `<p class="rule">Rule: ${esc(r.rules[key])}</p>`;
  const shown = (x: number | null) => (x === null ? 'no data' : n(x));
  if (r.generated) body.push('<p class="generated">This month includes GENERATED (synthetic demo) flights.</p>');
  body.push(`<p id="summary">${n(r.removalLegs)} removal flight(s) (legs) in ${n(r.missions)} mission(s) (chains of legs, a multi-stop mission counted once), to ${n(r.countries)} countries${cite}; <span id="possible">${n(r.possibleRemovals)} more possible removal(s)</span> beside the figure, not in it.</p>`);

  body.push('<h2 id="compare">Against other periods</h2><table><thead><tr><th>period</th><th class="n">removal flights (legs)</th><th class="n">missions</th><th class="n">possible (not in the figure)</th><th>months with data</th></tr></thead><tbody>');
  for (const c of r.comparisons) body.push(`<tr><td>${esc(c.period)}: ${esc(c.label)}</td><td class="n">${esc(periodFigure(c, 'removalLegs'))}${c.removalLegs === null ? '' : cite}</td><td class="n">${esc(periodFigure(c, 'missions'))}</td><td class="n">${esc(periodFigure(c, 'possible'))}</td><td>${esc(periodCoverage(c) || 'all')}</td></tr>`);
  body.push(`</tbody></table>${rule('comparisons')}`);

  body.push(`<h2 id="kinds">Legs by kind</h2><table><thead><tr><th>kind</th><th class="n">legs</th><th class="n">previous month</th><th class="n">change</th><th class="n">same month a year before (${esc(r.yearBeforeMonth)})</th><th class="n">${esc(averageLabel(r.averageMonths))}</th></tr></thead><tbody>`);
  for (const k of r.kinds) body.push(`<tr><td>${esc(k.kind)}</td><td class="n">${shown(k.legs)}${cite}</td><td class="n">${shown(k.previousMonth)}</td><td class="n">${k.change === null ? '–' : `${k.change >= 0 ? '+' : ''}${n(k.change)}`}</td><td class="n">${shown(k.yearBefore)}</td><td class="n">${k.average ?? '–'}</td></tr>`);
  body.push(`</tbody></table>${rule('kinds')}`);

  body.push('<h2 id="map">Route map</h2>', routeMapSvg(routesFrom(r.routes.map((x) => ({ from: x.from, to: x.to, kind: x.kind }))), { title: `Legs, ${r.month}` }));
  // Months without data get no bar (not a bar of 0): the chart writes "no data" in their column.
  const trend = r.trend.filter((t) => t.hasData).flatMap((t) => (['removal', 'return', 'domestic', 'lateral'] as const).map((k) => ({ month: t.month, key: k, flights: t[k] ?? 0 })));
  const noData = r.trend.filter((t) => !t.hasData).map((t) => t.month);
  body.push('<h2 id="trend">Twelve months</h2>', monthlyFlightsChart(trend, { title: 'Legs per month by kind', colours: KIND_COLOURS, months: r.trend.map((t) => t.month), noData }));
  if (noData.length) body.push(`<p class="no-data">No data (no bar drawn): ${esc(noData.join(', '))}.</p>`);

  body.push('<h2 id="weekly">Week by week</h2><table><thead><tr><th>week</th><th class="n">days</th><th class="n">removal flights (legs)</th><th class="n">missions</th></tr></thead><tbody>');
  for (const w of r.weekly) body.push(`<tr><td>${esc(w.from)} to ${esc(w.to)}</td><td class="n">${w.days}</td><td class="n">${n(w.removalLegs)}${cite}</td><td class="n">${n(w.missions)}</td></tr>`);
  body.push(`</tbody></table>${rule('weekly')}`);

  body.push('<h2 id="countries">Removal flights by destination country</h2><table><thead><tr><th>country</th><th class="n">legs</th><th class="n">possible (not in legs)</th><th class="n">previous month</th></tr></thead><tbody>');
  for (const c of r.removalsByCountry) body.push(`<tr><td>${esc(countryNamed(c.country, c.name))}</td><td class="n">${n(c.legs)}${cite}</td><td class="n">${n(c.possible)}</td><td class="n">${c.previousMonth === null ? 'no data' : n(c.previousMonth)}</td></tr>`);
  body.push(`</tbody></table>${rule('countries')}`);
  body.push('<h2 id="airports">Removal flights by US departure airport</h2><table><thead><tr><th>airport</th><th class="n">legs</th></tr></thead><tbody>');
  for (const a of r.removalsByAirport) body.push(`<tr><td>${esc(a.name ? `${a.airport} ${a.name}` : a.airport)}</td><td class="n">${n(a.legs)}${cite}</td></tr>`);
  body.push(`</tbody></table>${rule('airports')}`);
  body.push('<h2 id="operators">Removal flights by operator</h2><table><thead><tr><th>operator</th><th class="n">legs</th></tr></thead><tbody>');
  for (const o of r.removalsByOperator) body.push(`<tr><td>${esc(o.operator)}</td><td class="n">${n(o.legs)}${cite}</td></tr>`);
  body.push(`</tbody></table>${rule('operators')}`);

  for (const [key, title] of SHUFFLES) {
    const d = r[key];
    body.push(`<h2 id="${key}">${esc(title)}</h2><p>${shown(d.legs)} ${key} leg(s) on ${d.routes.length} route(s)${cite}${d.routes.length > ROUTES_SHOWN ? `; the ${ROUTES_SHOWN} busiest below, every route in the JSON` : ''}.</p>`);
    if (d.routes.length) {
      body.push('<table><thead><tr><th>from</th><th>to</th><th class="n">legs</th></tr></thead><tbody>');
      for (const x of d.routes.slice(0, ROUTES_SHOWN)) body.push(`<tr><td>${esc(airportNamed(x.from, r.airportNames))}</td><td>${esc(airportNamed(x.to, r.airportNames))}</td><td class="n">${n(x.legs)}</td></tr>`);
      body.push('</tbody></table>');
    }
    body.push(rule(key));
  }

  body.push('<h2 id="passengers">People on board (estimate)</h2>');
  if (r.passengers) {
    const p = r.passengers;
    body.push(`<p>About ${n(p.point)} people on ${n(p.flights)} removal flight(s) (80% interval ${n(p.low)}–${n(p.high)}, the flights' intervals summed)${cite}${p.unestimated ? `; ${n(p.unestimated)} removal flight(s) have no estimate` : ''}.</p>`);
    body.push('<table><thead><tr><th>country</th><th class="n">people (estimate)</th><th class="n">80% interval</th></tr></thead><tbody>');
    for (const c of p.byCountry) body.push(`<tr><td>${esc(countryNamed(c.country, c.name))}</td><td class="n">${n(c.point)}</td><td class="n">${n(c.low)}–${n(c.high)}</td></tr>`);
    body.push('</tbody></table><p>Method:</p><ul class="method">');
    for (const m of p.methods) body.push(`<li>${esc(m.method)}${m.coverage && !m.method.includes(m.coverage) ? ` (${esc(m.coverage)})` : ''}. Sources: ${esc(m.sources.join('; '))}.</li>`);
    body.push('</ul>');
  } else body.push('<p>No removal flight of the month has an estimate.</p>');
  body.push(rule('passengers'));

  if (r.claims.length) {
    body.push('<h2>Claims of the month</h2><table><thead><tr><th>claim</th><th>said by, when</th><th>verdict</th><th class="n">data</th><th>why</th></tr></thead><tbody>');
    for (const c of r.claims) body.push(`<tr><td>“${esc(c.words)}”</td><td>${esc(c.saidBy)}, ${esc(c.when)}</td><td>${esc(c.verdict)}</td><td class="n">${c.figure === null ? '' : `${n(c.figure)}${c.generated ? ' (GENERATED)' : ''}`}</td><td>${esc(c.why)}</td></tr>`);
    body.push('</tbody></table>');
  }
  body.push(`<p class="rule">${esc(r.rules.missions)} ${esc(r.rules.possible)}</p>`);
  body.push(sourcesSection(r.sources, r.rule));
  return page(`Removal flight report ${r.month}`, body.join(''));
}

/** The country sheet as one offline HTML page. */
export function countrySheetHtml(s: CountrySheet): string {
  const body: string[] = [`<h1>${esc(s.countryName)} (${esc(s.country)}): removal flights and statistics</h1>`];
  for (const note of s.notes) body.push(`<p class="generated">${esc(note)}</p>`);
  body.push(`<h2>1. Removal flights</h2><p>${n(s.removalFlights.length)} removal flight(s) in the data${cite}. ${esc(s.firstSince.text)}</p>`);
  if (s.latest) {
    const l = s.latest;
    body.push(`<p>Latest: ${esc(l.registration ?? '?')} (${esc(l.icao24 ?? '?')}, ${esc(l.aircraftType ?? 'type unknown')}, ${esc(l.operator ?? 'operator unknown')}), callsign ${esc(l.callsign ?? 'unknown')}${l.generated ? ' — GENERATED demo data' : ''}; from ${esc(l.usDepartureAirports.join(', ') || 'unknown')}.</p>`);
    body.push('<table><thead><tr><th>leg</th><th>kind</th><th>from</th><th>departure</th><th>to</th><th>arrival</th></tr></thead><tbody>');
    const named = (code: string | null) => `${esc(code)}${code && s.airportNames[code] ? ` ${esc(s.airportNames[code])}` : ''}`;
    for (const m of l.missionLegs) body.push(`<tr><td>${m.legId}</td><td>${esc(m.kind)}</td><td>${named(m.departure.airport)}</td><td>${esc(m.departure.time)} [${esc(m.departure.status)}]</td><td>${named(m.arrival.airport)}</td><td>${esc(m.arrival.time)} [${esc(m.arrival.status)}]</td></tr>`);
    body.push('</tbody></table>');
    body.push(routeMapSvg(routesFrom(l.missionLegs.map((m) => ({ from: m.departure.airport, to: m.arrival.airport, kind: m.kind }))), { title: `Latest mission to ${s.countryName}` }));
  }
  if (s.previous) body.push(`<p>Previous: ${esc(s.previous.registration ?? '?')} on ${esc(s.previous.departure.time ?? s.previous.arrival.time ?? 'unknown date')}.</p>`);
  if (s.byMonth.length) body.push(monthlyFlightsChart(s.byMonth.map((m) => ({ month: m.month, key: s.country, flights: m.flights })), { title: `Removal flights to ${s.countryName} by month` }));
  if (s.passengers) {
    const p = s.passengers;
    body.push(`<h2>2. People on board (estimate)</h2><p>${p.passengers === null ? 'no estimate' : `${n(p.passengers)} (80% interval ${n(p.low)}–${n(p.high)}), ${esc(p.modelName)} model`}${cite}. Method: ${esc(p.method)}</p>`);
  }
  if (s.encounters) {
    const e = s.encounters;
    body.push(`<h2>4. Encounters</h2><p>${n(e.total)} encounters of ${esc(e.countryName)} citizens in FY${e.fiscalYear} through ${esc(e.through)}${cite}.</p>`);
    body.push(encountersChart(e.monthly, { title: `Encounters, ${e.countryName}, FY${e.fiscalYear}` }));
    body.push('<table><thead><tr><th>fiscal year</th><th class="n">same months</th><th class="n">whole year</th></tr></thead><tbody>');
    for (const y of e.comparisons) body.push(`<tr><td>FY${y.fiscalYear}</td><td class="n">${n(y.samePeriod)}</td><td class="n">${n(y.fullYear)}${y.complete ? '' : ' (partial)'}</td></tr>`);
    body.push('</tbody></table>');
  }
  body.push('<h2>5. Cooperation with removals (ICE lists as publicly reported)</h2><table><thead><tr><th>as of</th><th>list</th><th>status</th><th>source</th></tr></thead><tbody>');
  for (const c of s.cooperation.history) body.push(`<tr><td>${esc(c.asOf)}</td><td>${esc(c.list)}${c.listSize ? ` (${c.listSize} countries)` : ''}</td><td>${esc(c.status)}</td><td>${esc(c.citation)}</td></tr>`);
  body.push(`</tbody></table><p>Rule: ${esc(s.cooperation.rule)}</p>`);
  if (s.removals.rows.length) {
    body.push('<h2>ICE removals where published</h2><table><thead><tr><th>fiscal year</th><th class="n">removals</th></tr></thead><tbody>');
    for (const r of s.removals.rows) body.push(`<tr><td>FY${r.fiscalYear}</td><td class="n">${n(r.removals)}${cite}</td></tr>`);
    body.push('</tbody></table>');
  }
  if (s.years.rows.length) {
    body.push(`<h2>By fiscal year</h2><table id="years"><thead><tr><th>fiscal year</th><th class="n">removal flights (legs) in the data</th><th class="n">ICE removals of ${esc(s.countryName)} citizens</th></tr></thead><tbody>`);
    for (const y of s.years.rows) body.push(`<tr><td>FY${y.fiscalYear}${y.current ? ' (current)' : ''}</td><td class="n">${y.removalFlights === null ? 'no data' : `${n(y.removalFlights)}${y.dataMonths < 12 ? ` (data cover ${y.dataMonths} of 12 months)` : ''}`}</td><td class="n">${y.iceRemovals === null ? 'not published' : `${n(y.iceRemovals)}${cite}`}</td></tr>`);
    body.push(`</tbody></table><p>Rule: ${esc(s.years.rule)}</p>`);
  }
  body.push(`<h2>6. Charter removals against encounters</h2><p>${esc(s.chartersVsEncounters.text)}${cite}</p>`);
  if (s.passengerCheck) body.push(`<p>${esc(s.passengerCheck.text)}</p>`);
  body.push(sourcesSection(s.sources, 'see each section'));
  return page(`${s.countryName}: removal flights and statistics`, body.join(''));
}
