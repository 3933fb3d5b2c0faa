// charterwatch dashboard: a small hash-routed page over the JSON API. No framework and nothing
// from the internet; every element is built with the DOM API (no HTML strings from data), so
// the strict Content-Security-Policy holds and nothing the data says can run.

import { zoomable } from './zoom.js';

const main = document.getElementById('main');
const KINDS = ['removal', 'return', 'domestic', 'lateral', 'foreign', 'other', 'possible'];

/** Builds an element: h('a', {href: '#'}, 'text', child…). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

const fmt = (n) => (n === null || n === undefined ? '–' : Number(n).toLocaleString('en-US'));
const sourceLink = (id) => h('a', { class: 'src', href: id ? `#/sources/${id}` : '#/sources', title: 'sources of this figure' }, '[src]');

async function api(path) {
  const res = await fetch(path, { headers: { Accept: 'application/json' } });
  const body = await res.json();
  if (!res.ok) throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
  return body;
}

function show(...nodes) {
  main.replaceChildren(...nodes.filter((n) => n !== null && n !== undefined && n !== false));
}

function failure(error) {
  return h('p', { class: 'error', role: 'alert' }, String(error.message ?? error));
}

/** Query parameters of the current hash: #/path?x=1. */
function hashState() {
  const [path, query = ''] = location.hash.replace(/^#/, '').split('?');
  return { path: path || '/', params: new URLSearchParams(query) };
}

function setHashParams(path, params) {
  const clean = new URLSearchParams([...params].filter(([, v]) => v !== ''));
  const next = `#${path}${clean.size ? `?${clean}` : ''}`;
  if (location.hash !== next) location.hash = next;
  else route();
}

// ---- Flights: filters, map, charts, leg table ----------------------------------------------

const LEG_COLUMNS = [
  ['departure', 'Departure (UTC)'], ['registration', 'Aircraft'], ['operator', 'Operator'], ['kind', 'Kind'],
  ['from', 'From'], ['to', 'To'], ['country', 'Country'], [null, 'Mission'], [null, 'Source'],
];

async function flightsPage(params) {
  const filters = ['from', 'to', 'kind', 'country', 'aircraft', 'mission'];
  const legQuery = new URLSearchParams();
  for (const f of filters) if (params.get(f)) legQuery.set(f, params.get(f));
  const sort = params.get('sort') ?? '-departure';
  const offset = Number(params.get('offset') ?? 0);

  // One dataset at a time: observed legs and GENERATED ones are never counted or charted together
  // unless asked for. Without dates, the page shows the whole span of one dataset (observed first).
  const datasets = await datasetSpans();
  if (!params.get('from') && !params.get('to') && datasets.real && datasets.generated) {
    const p = new URLSearchParams(params);
    p.set('from', datasets.real.from);
    p.set('to', datasets.real.to);
    setHashParams('/', p);
    return;
  }
  const datasetNote = datasetChooser(datasets, params);

  const form = h('form', { class: 'filters', id: 'filters' },
    h('label', {}, 'From', h('input', { type: 'date', name: 'from', value: params.get('from') ?? '' })),
    h('label', { title: 'the end of the period, not included (the API\'s to is exclusive)' }, 'Before', h('input', { type: 'date', name: 'to', value: params.get('to') ?? '' })),
    h('label', {}, 'Kind', h('select', { name: 'kind' }, h('option', { value: '' }, 'all'), KINDS.map((k) => h('option', { value: k, selected: params.get('kind') === k }, k)))),
    h('label', {}, 'Country', h('input', { name: 'country', size: 8, placeholder: 'GT, China', value: params.get('country') ?? '' })),
    h('label', {}, 'Aircraft', h('input', { name: 'aircraft', size: 9, placeholder: 'N703KW', value: params.get('aircraft') ?? '' })),
    h('label', {}, 'Mission', h('select', { name: 'mission', id: 'mission-select' }, h('option', { value: '' }, 'all'))),
    h('button', { type: 'submit' }, 'Apply'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const p = new URLSearchParams(new FormData(form));
    p.set('sort', sort);
    setHashParams('/', p);
  });
  form.querySelector('select[name=mission]').addEventListener('change', () => form.requestSubmit());

  const mapPanel = h('div', { class: 'panel map', id: 'map' }, h('p', { class: 'muted' }, 'Drawing routes…'));
  const chartQuery = new URLSearchParams();
  for (const f of ['from', 'to', 'country']) if (params.get(f)) chartQuery.set(f, params.get(f));
  const charts = h('div', { class: 'grid two' },
    h('div', { class: 'panel' }, h('img', { src: `/api/charts/flights.svg?${chartQuery}`, alt: 'Removal flights per month by destination country', width: 720, height: 320 })),
    h('div', { class: 'panel' }, h('img', { src: `/api/charts/flights.svg?${chartQuery}&by=kind`, alt: 'Legs per month by kind', width: 720, height: 320 })),
  );
  const lead = h('section', { id: 'lead', 'aria-label': 'Removal flights' });
  const counts = h('div', { class: 'figures small', id: 'counts' });
  const tableWrap = h('div', { class: 'table-wrap', id: 'legs' });
  const downloads = h('p', { class: 'muted' }, 'Download these legs: ',
    h('a', { href: `/api/legs?${legQuery}&format=csv`, download: 'charterwatch-legs.csv' }, 'CSV'), ' · ',
    h('a', { href: `/api/legs?${legQuery}&format=geojson`, download: 'charterwatch-legs.geojson' }, 'GeoJSON'));
  show(h('h1', {}, 'Flights'), form, datasetNote, lead, mapPanel, charts, h('h2', {}, 'Other legs in the period'), counts, h('h2', {}, 'Legs'), downloads, tableWrap);

  // The three requests run together.
  const missionQuery = new URLSearchParams();
  for (const f of ['from', 'to', 'country', 'aircraft']) if (params.get(f)) missionQuery.set(f, params.get(f));
  // The missions under way at any time of the period, not only those that start in it.
  missionQuery.set('period', 'overlap');
  missionQuery.set('limit', '200');
  await Promise.all([
    drawMap(mapPanel, legQuery),
    api(`/api/missions?${missionQuery}`).then((page) => {
      const select = document.getElementById('mission-select');
      for (const m of page.items) {
        select.append(h('option', { value: m.id, selected: params.get('mission') === String(m.id) }, `${m.id}: ${m.registration ?? m.icao24} ${m.start?.slice(0, 10) ?? ''} ${m.startAirport ?? ''}→${m.countries.join('/')}`));
      }
    }).catch(() => {}),
    drawLead(lead, params),
    api(`/api/flights/count?${legQuery}&by=kind`).then((c) => {
      const rows = c.rows.filter((r) => r.key !== 'removal');
      counts.replaceChildren(...(rows.length ? rows.map((r) => h('div', {}, h('div', { class: 'figure', 'data-kind': r.key }, fmt(r.flights), sourceLink()), h('div', { class: 'muted' }, `${r.key} legs${r.generated ? ' (GENERATED)' : ''}`))) : [h('p', { class: 'muted' }, 'None.')]));
    }).catch((e) => counts.replaceChildren(failure(e))),
    drawTable(tableWrap, legQuery, sort, offset, params),
  ]);
}

/**
 * The span of each dataset in the legs: observed (real) and GENERATED, from the legs per month
 * and how many of each month's are generated. Each is { from, to, months } or null.
 */
async function datasetSpans() {
  const { rows } = await api('/api/flights/count?by=month').catch(() => ({ rows: [] }));
  // Months only: a leg without a known day is counted under "?".
  const months = rows.filter((r) => /^\d{4}-\d{2}$/.test(r.key)).sort((a, b) => (a.key < b.key ? -1 : 1));
  // `to` is the end, exclusive, as the API reads it: the first day of the month after the last.
  const span = (list) => (list.length ? { from: `${list[0]}-01`, to: monthAfter(list.at(-1)), months: list } : null);
  const real = months.filter((r) => r.flights > (r.generated ?? 0)).map((r) => r.key);
  const generated = months.filter((r) => (r.generated ?? 0) > 0).map((r) => r.key);
  return { real: span(real), generated: span(generated), shared: real.filter((m) => generated.includes(m)) };
}

const monthEnd = (month) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);
const monthAfter = (month) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1)).toISOString().slice(0, 10);

/** Which dataset the page shows, and buttons to show the other: observed and GENERATED legs are never drawn on one axis unless the dates ask for both. */
function datasetChooser({ real, generated, shared }, params) {
  if (!real || !generated) return null;
  const from = params.get('from') ?? '0000-01-01';
  const to = params.get('to') ?? '9999-12-31';
  const overlaps = (d) => d.months.some((m) => `${m}-01` < to && monthEnd(m) >= from);
  const showing = overlaps(real) && overlaps(generated) ? 'both' : overlaps(generated) ? 'generated' : 'real';
  const pick = (d) => () => { const p = new URLSearchParams(params); p.set('from', d.from); p.set('to', d.to); p.delete('offset'); p.delete('mission'); setHashParams('/', p); };
  const label = (d) => `${d.months[0]} to ${d.months.at(-1)}`;
  return h('p', { id: 'dataset', class: showing === 'real' ? 'muted' : 'generated', 'data-showing': showing },
    showing === 'real' ? `Showing observed legs (${label(real)}). ` : showing === 'generated' ? `Showing GENERATED demo legs (${label(generated)}): synthetic, not observed. ` : 'These dates take in observed and GENERATED legs: the figures mix them. ',
    showing !== 'real' ? h('button', { type: 'button', id: 'show-real', onclick: pick(real) }, `Show the observed legs (${label(real)})`) : null, ' ',
    showing !== 'generated' ? h('button', { type: 'button', id: 'show-generated', onclick: pick(generated) }, `Show the GENERATED demo legs (${label(generated)})`) : null,
    shared.length ? ` Months holding both: ${shared.join(', ')}.` : '');
}

/**
 * The page's lead: removal flights (legs) in the period, the possible band beside them (never
 * added), and by destination country with names beside the codes.
 */
async function drawLead(section, params) {
  const q = new URLSearchParams();
  for (const f of ['from', 'to', 'country', 'aircraft', 'mission']) if (params.get(f)) q.set(f, params.get(f));
  q.set('kind', 'removal');
  q.set('by', 'country');
  let c;
  try {
    c = await api(`/api/flights/count?${q}`);
  } catch (e) {
    section.replaceChildren(failure(e));
    return;
  }
  const period = `${params.get('from') ?? 'the start of the data'} to ${params.get('to') ?? 'the end of the data'}`;
  const made = c.generated ? h('span', { class: 'generated-mark' }, c.generated === c.total ? ' GENERATED' : ` (${fmt(c.generated)} GENERATED)`) : null;
  section.replaceChildren(
    h('div', { class: 'figures lead' },
      h('div', { id: 'lead-removals' }, h('div', { class: 'figure big', 'data-kind': 'removal' }, fmt(c.total), sourceLink(), made), h('div', {}, `removal flights (legs), ${period}`)),
      h('div', { id: 'lead-possible', class: 'band' }, h('div', { class: 'figure' }, `+${fmt(c.possible ?? 0)}`), h('div', { class: 'muted' }, 'possible removals: legs the rules cannot settle, beside the figure, not in it')),
      h('div', { id: 'lead-countries' }, h('div', { class: 'figure' }, fmt(c.rows.filter((r) => r.key !== 'unknown' && r.key !== '?').length)), h('div', { class: 'muted' }, 'destination countries'))),
    c.rows.length
      ? h('div', { class: 'table-wrap' }, h('table', { id: 'lead-by-country' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Country'), h('th', { class: 'n' }, 'Removal flights (legs)'), h('th', { class: 'n' }, 'Possible (not in the figure)'))),
        h('tbody', {}, c.rows.map((r) => h('tr', {},
          h('td', {}, r.key === 'unknown' || r.key === '?' ? 'unknown' : h('a', { href: `#/country/${encodeURIComponent(r.key)}` }, r.name ?? r.key), r.key === 'unknown' || r.key === '?' ? '' : ` (${r.key})`, r.generated ? h('span', { class: 'muted' }, ' generated') : null),
          h('td', { class: 'n' }, fmt(r.flights)),
          h('td', { class: 'n' }, fmt(r.possible ?? 0)))))))
      : h('p', { id: 'lead-none' }, 'No removal flights in this period.'),
    h('p', { class: 'muted' }, `A flight is a leg (one take-off to landing). Rule: ${c.rule}.`),
  );
}

async function drawMap(panel, legQuery) {
  try {
    const res = await fetch(`/api/map.svg?${legQuery}`);
    const text = await res.text();
    if (!res.ok) throw new Error(JSON.parse(text).error.message);
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const svg = document.importNode(doc.documentElement, true);
    svg.addEventListener('click', (e) => {
      const mission = e.target.closest?.('.route')?.getAttribute('data-mission');
      if (!mission) return;
      const { params } = hashState();
      params.set('mission', mission);
      params.delete('offset');
      setHashParams('/', params);
    });
    const { controls } = zoomable(svg, h);
    panel.replaceChildren(controls, svg, h('p', { class: 'muted' }, 'Line width: legs on the route. Click a route flown by one mission to select it. Zoom with the wheel, a double click or the buttons, drag to pan; airports are named (ICAO code and name) as you zoom in.'));
  } catch (e) {
    panel.replaceChildren(failure(e));
  }
}

async function drawTable(wrap, legQuery, sort, offset, params) {
  const q = new URLSearchParams(legQuery);
  q.set('sort', sort);
  q.set('limit', '50');
  q.set('offset', String(offset));
  let page;
  try {
    page = await api(`/api/legs?${q}`);
  } catch (e) {
    wrap.replaceChildren(failure(e));
    return;
  }
  const sortKey = sort.replace(/^-/, '');
  const head = h('tr', {}, LEG_COLUMNS.map(([key, label]) => {
    if (!key) return h('th', {}, label);
    const active = key === sortKey;
    return h('th', { 'aria-sort': active ? (sort.startsWith('-') ? 'descending' : 'ascending') : 'none' },
      h('button', { class: 'sort', type: 'button', 'data-sort': key, onclick: () => {
        const p = new URLSearchParams(params);
        p.set('sort', active && !sort.startsWith('-') ? `-${key}` : key);
        p.delete('offset');
        setHashParams('/', p);
      } }, label));
  }));
  const rows = page.items.map((l) => h('tr', { 'data-leg': l.id },
    h('td', {}, l.departure.time?.replace('T', ' ').replace('Z', '') ?? '–'),
    h('td', {}, l.registration ?? l.icao24 ?? '–', l.aircraftType ? h('span', { class: 'muted' }, ` ${l.aircraftType}`) : null),
    h('td', {}, l.operator ?? '–'),
    h('td', {}, h('span', { class: `kind kind-${l.kind ?? 'null'}`, title: l.evidence ?? '' }, l.kind ?? 'unclassified')),
    h('td', {}, l.departure.airport ?? '?', l.departure.airportName ? h('span', { class: 'muted' }, ` ${l.departure.airportName}`) : null),
    h('td', {}, l.arrival.airport ?? '?', l.arrival.airportName ? h('span', { class: 'muted' }, ` ${l.arrival.airportName}`) : null),
    h('td', {}, l.arrival.country ? h('a', { href: `#/country/${l.arrival.country}`, title: l.arrival.countryName ?? '' }, l.arrival.country, l.arrival.countryName ? ` ${l.arrival.countryName}` : '') : '–'),
    h('td', {}, l.missionId ? h('a', { href: `#/?mission=${l.missionId}` }, String(l.missionId)) : '–'),
    h('td', {}, h('a', { href: l.sourceId ? `#/sources/${l.sourceId}` : '#/sources' }, l.generated ? 'generated' : l.origin)),
  ));
  const pager = h('div', { class: 'pager' },
    h('span', { id: 'legs-total' }, `${fmt(page.total)} legs; ${fmt(page.total ? offset + 1 : 0)}–${fmt(Math.min(offset + page.limit, page.total))} shown`),
    offset > 0 ? h('button', { type: 'button', onclick: () => { const p = new URLSearchParams(params); p.set('offset', String(Math.max(0, offset - 50))); setHashParams('/', p); } }, 'Previous') : null,
    page.next ? h('button', { type: 'button', onclick: () => { const p = new URLSearchParams(params); p.set('offset', String(offset + 50)); setHashParams('/', p); } }, 'Next') : null,
  );
  wrap.replaceChildren(pager, h('table', { id: 'legs-table' }, h('thead', {}, head), h('tbody', {}, rows)));
}

// ---- Country page ---------------------------------------------------------------------------

async function countryPage(code, params) {
  const form = h('form', { class: 'filters' },
    h('label', {}, 'Country', h('input', { name: 'code', value: code, size: 10 })),
    h('label', {}, 'Fiscal year', h('input', { name: 'fy', value: params.get('fy') ?? '', size: 6, placeholder: '2024' })),
    h('button', { type: 'submit' }, 'Show'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const f = new FormData(form);
    setHashParams(`/country/${encodeURIComponent(String(f.get('code')).trim())}`, new URLSearchParams(f.get('fy') ? { fy: String(f.get('fy')) } : {}));
  });
  show(h('h1', {}, `Country ${code}`), form, h('p', { class: 'muted' }, 'Loading…'));
  let s;
  try {
    s = await api(`/api/countries/${encodeURIComponent(code)}${params.get('fy') ? `?fy=${encodeURIComponent(params.get('fy'))}` : ''}`);
  } catch (e) {
    show(h('h1', {}, `Country ${code}`), form, failure(e));
    return;
  }
  const parts = [h('h1', {}, `${s.countryName} (${s.country})`), form];
  for (const note of s.notes ?? []) parts.push(h('p', { class: 'generated' }, note));
  const firstSource = s.sources?.[0]?.sourceId;
  parts.push(h('div', { class: 'figures' },
    h('div', {}, h('div', { class: 'figure' }, fmt(s.removalFlights.length), sourceLink(firstSource)), h('div', { class: 'muted' }, 'removal flights in the data')),
    s.passengers ? h('div', {}, h('div', { class: 'figure' }, fmt(s.passengers.passengers ?? s.passengers.point), sourceLink(firstSource)), h('div', { class: 'muted' }, `people on the latest (80%: ${fmt(s.passengers.low)}–${fmt(s.passengers.high)}${s.passengers.modelName ? `; ${s.passengers.modelName} model` : ''})`)) : null,
    s.encounters ? h('div', {}, h('div', { class: 'figure' }, fmt(s.encounters.total), sourceLink(s.encounters.sources?.[0]?.sourceId)), h('div', { class: 'muted' }, `encounters FY${s.encounters.fiscalYear} through ${s.encounters.through}`)) : null,
  ));
  parts.push(h('p', {}, s.firstSince.text));
  // Every removal flight to the country on a zoomable map.
  const mapPanel = h('div', { class: 'panel map', id: 'map' }, h('p', { class: 'muted' }, 'Drawing routes…'));
  if (s.removalFlights.length) parts.push(h('h2', {}, `Removal flights to ${s.countryName}`), mapPanel);
  if (s.years?.rows.length) {
    const coveredNote = (y) => (y.removalFlights === null ? '' : y.dataMonths < 12 ? ` (data cover ${y.dataMonths} of 12 months)` : '');
    parts.push(h('h2', {}, 'By fiscal year'),
      h('div', { class: 'table-wrap' }, h('table', { id: 'years' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Fiscal year'), h('th', { class: 'n' }, 'Removal flights (legs) in the data'), h('th', { class: 'n' }, `ICE removals of ${s.countryName} citizens`))),
        h('tbody', {}, s.years.rows.map((y) => h('tr', { class: y.current ? 'current' : null },
          h('td', {}, `FY${y.fiscalYear}`, y.current ? ' (current)' : ''),
          h('td', { class: 'n' }, y.removalFlights === null ? 'no data' : fmt(y.removalFlights), coveredNote(y)),
          h('td', { class: 'n' }, y.iceRemovals === null ? 'not published' : fmt(y.iceRemovals), y.iceRemovals === null ? '' : sourceLink(s.removals.sources?.[0]?.sourceId))))))),
      h('p', { class: 'muted' }, `Rule: ${s.years.rule}`));
  }
  if (s.latest) {
    const l = s.latest;
    parts.push(h('h2', {}, 'Latest removal mission'),
      h('p', {}, `${l.registration ?? '?'} (${l.icao24 ?? '?'}, ${l.aircraftType ?? 'type unknown'}, ${l.operator ?? 'operator unknown'}), callsign ${l.callsign ?? '?'}, from ${l.usDepartureAirports.map((a) => (s.airportNames?.[a] ? `${a} ${s.airportNames[a]}` : a)).join(', ') || 'unknown'}`, l.generated ? ' — GENERATED demo data' : ''),
      l.missionId ? h('p', {}, h('a', { href: `#/?mission=${l.missionId}` }, `Mission ${l.missionId} on the map`)) : null,
      h('div', { class: 'table-wrap' }, h('table', { id: 'latest-legs' }, h('thead', {}, h('tr', {}, ['Leg', 'Kind', 'From', 'Departure', 'To', 'Arrival'].map((x) => h('th', {}, x)))),
        h('tbody', {}, l.missionLegs.map((m) => h('tr', {}, h('td', {}, m.legId), h('td', {}, m.kind ?? '–'), h('td', {}, airportWithName(m.departure.airport, s.airportNames)), h('td', {}, `${m.departure.time ?? '?'} [${m.departure.status}]`), h('td', {}, airportWithName(m.arrival.airport, s.airportNames)), h('td', {}, `${m.arrival.time ?? '?'} [${m.arrival.status}]`)))))));
    if (s.passengers?.method) parts.push(h('p', { class: 'muted' }, `Passenger estimate: ${s.passengers.method}`));
  }
  if (s.previous) parts.push(h('p', {}, `Previous removal flight: ${s.previous.registration ?? '?'} on ${s.previous.departure.time ?? s.previous.arrival.time ?? 'unknown date'}`));
  if (s.encounters) {
    parts.push(h('h2', {}, 'Encounters'), h('div', { class: 'panel' }, h('img', { src: `/api/charts/encounters.svg?citizenship=${s.country}&fy=${s.encounters.fiscalYear}`, alt: 'Encounters by month', width: 720, height: 280 })));
    parts.push(h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Fiscal year'), h('th', { class: 'n' }, 'Same months'), h('th', { class: 'n' }, 'Whole year'))),
      h('tbody', {}, s.encounters.comparisons.map((y) => h('tr', {}, h('td', {}, `FY${y.fiscalYear}`), h('td', { class: 'n' }, fmt(y.samePeriod), sourceLink(s.encounters.sources?.[0]?.sourceId)), h('td', { class: 'n' }, fmt(y.fullYear), y.complete ? '' : ' (partial)')))))));
  }
  if (s.chartersVsEncounters?.text) parts.push(h('h2', {}, 'Charters against encounters'), h('p', {}, s.chartersVsEncounters.text));
  if (s.cooperation?.history?.length) {
    parts.push(h('h2', {}, 'Cooperation lists'), h('p', { class: 'muted' }, `ICE's lists of countries it calls uncooperative or at risk, as publicly reported: whether each names ${s.countryName}.`),
      h('div', { class: 'table-wrap' }, h('table', { id: 'cooperation' }, h('thead', {}, h('tr', {}, ['As of', 'List', 'Countries on it', s.countryName, 'Source'].map((x) => h('th', {}, x)))),
        h('tbody', {}, s.cooperation.history.map((e) => h('tr', {}, h('td', {}, e.asOf), h('td', {}, e.list), h('td', { class: 'n' }, fmt(e.listSize)), h('td', {}, e.status === 'named' ? 'named' : e.status === 'not-named' ? 'not named' : 'unknown (no names reported)'), h('td', {}, e.citation)))))));
  }
  if (s.removals) {
    parts.push(h('h2', {}, 'ICE removals'));
    parts.push(s.removals.rows.length
      ? h('div', { class: 'table-wrap' }, h('table', { id: 'removals' }, h('thead', {}, h('tr', {}, h('th', {}, 'Fiscal year'), h('th', { class: 'n' }, `Removals of ${s.countryName} citizens`))),
        h('tbody', {}, s.removals.rows.map((r) => h('tr', {}, h('td', {}, `FY${r.fiscalYear}`), h('td', { class: 'n' }, fmt(r.removals), sourceLink(s.removals.sources?.[0]?.sourceId)))))))
      : h('p', { id: 'removals-none' }, `No ICE removals figure for ${s.countryName} citizens is loaded.`));
  }
  if (s.passengerCheck?.text) parts.push(h('p', { class: s.passengerCheck.warning ? 'warning' : 'muted' }, s.passengerCheck.text));
  parts.push(h('p', {}, h('a', { href: `/api/countries/${s.country}?format=html${params.get('fy') ? `&fy=${params.get('fy')}` : ''}` }, 'Printable sheet (HTML)'), ' · ', h('a', { href: `/api/countries/${s.country}` }, 'JSON')));
  parts.push(sourceList(s.sources ?? []));
  show(...parts);
  if (s.removalFlights.length) await drawMap(mapPanel, new URLSearchParams({ kind: 'removal', country: s.country }));
}

/** "KAEX Alexandria International Airport": the code, and its name where known. */
function airportWithName(code, names) {
  if (!code) return '?';
  const name = names?.[code];
  return name ? h('span', {}, code, h('span', { class: 'muted' }, ` ${name}`)) : code;
}

// ---- Countries: every country with removal flights --------------------------------------------

async function countriesPage() {
  show(h('h1', {}, 'Countries'), h('p', { class: 'muted' }, 'Loading…'));
  let r;
  try {
    r = await api('/api/countries');
  } catch (e) {
    show(h('h1', {}, 'Countries'), failure(e));
    return;
  }
  if (r.rows.length === 0) {
    show(h('h1', {}, 'Countries'), h('p', { id: 'countries-none' }, 'No removal flights in the data.'));
    return;
  }
  show(
    h('h1', {}, 'Countries'),
    h('p', { class: 'muted' }, `Every country removal flights went to. A flight is a leg. Rule: ${r.rule}.`),
    h('div', { class: 'table-wrap' }, h('table', { id: 'countries' },
      h('thead', {}, h('tr', {}, ['Country', 'Code', `Flights in ${r.year}`, 'All flights', 'Last flight'].map((x, i) => h('th', { class: i >= 2 && i <= 3 ? 'n' : null }, x)))),
      h('tbody', {}, r.rows.map((c) => h('tr', {},
        h('td', {}, h('a', { href: `#/country/${encodeURIComponent(c.country)}` }, c.name ?? c.country), c.generated ? h('span', { class: 'muted' }, ' (generated)') : null),
        h('td', {}, c.country),
        h('td', { class: 'n' }, h('a', { href: `#/?kind=removal&country=${encodeURIComponent(c.country)}&from=${r.year}-01-01&to=${r.year + 1}-01-01` }, fmt(c.flightsInYear))),
        h('td', { class: 'n' }, fmt(c.flights)),
        h('td', {}, c.lastFlight ?? '–'))))),
    ),
  );
}

function sourceList(sources) {
  return h('div', {}, h('h2', {}, 'Sources'), h('ol', {}, sources.map((x) => h('li', { id: `source-${x.sourceId}` },
    h('a', { href: `#/sources/${x.sourceId}` }, x.file), ` (${x.format}${x.generated ? ', GENERATED' : ''}): ${fmt(x.rowsUsed)} rows, sha256 `, h('code', {}, x.sha256)))));
}

// ---- Monthly report --------------------------------------------------------------------------

async function reportPage(month) {
  // Without a month: the month of the latest leg in the data.
  const latest = month ? null : await api('/api/legs?sort=-departure&limit=1').catch(() => null);
  const current = month || latest?.items[0]?.departure.time?.slice(0, 7) || new Date().toISOString().slice(0, 7);
  const form = h('form', { class: 'filters' }, h('label', {}, 'Month', h('input', { type: 'month', name: 'month', value: current })), h('button', { type: 'submit' }, 'Show'));
  form.addEventListener('submit', (e) => { e.preventDefault(); setHashParams(`/report/${new FormData(form).get('month')}`, new URLSearchParams()); });
  show(h('h1', {}, `Monthly report ${current}`), form, h('p', { class: 'muted' }, 'Loading…'));
  let r;
  try {
    r = await api(`/api/reports/monthly/${encodeURIComponent(current)}`);
  } catch (e) {
    show(h('h1', {}, `Monthly report ${current}`), form, failure(e));
    return;
  }
  const src = r.sources?.[0]?.sourceId;
  const from = `${current}-01`;
  const mapPanel = h('div', { class: 'panel map', id: 'map' }, h('p', { class: 'muted' }, 'Drawing routes…'));
  // The first day of the next month: the API's `to` is exclusive.
  const end = new Date(Date.UTC(Number(current.slice(0, 4)), Number(current.slice(5, 7)), 1)).toISOString().slice(0, 10);
  if (!r.hasData) {
    // A month without data says so: no table of zeros, no chart.
    show(h('h1', {}, `Monthly report ${r.month}`), form, h('p', { class: 'no-data', id: 'report-no-data' }, r.noData));
    return;
  }
  const shown = (x) => (x === null ? 'no data' : fmt(x));
  const average = r.averageMonths.length === 0 ? 'Average (no month with data)' : r.averageMonths.length === 1 ? `Average of ${r.averageMonths[0]}` : `Average of ${r.averageMonths.length} months (${r.averageMonths.join(', ')})`;
  const rule = (key) => h('p', { class: 'muted' }, `Rule: ${r.rules[key]}`);
  const table = (id, head, rows, numeric = () => false) => h('div', { class: 'table-wrap' }, h('table', { id },
    h('thead', {}, h('tr', {}, head.map((x, i) => h('th', { class: numeric(i) ? 'n' : null }, x)))),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((c, i) => h('td', { class: numeric(i) ? 'n' : null }, c)))))));
  const airport = (code) => (code ? (r.airportNames[code] ? `${code} ${r.airportNames[code]}` : code) : 'unknown');
  const period = (c, what) => {
    const v = c[what];
    if (v === null) return 'no data';
    return what === 'removalLegs' && c.generated ? `${fmt(v)} (${c.generated === v ? 'GENERATED' : `${fmt(c.generated)} GENERATED`})` : fmt(v);
  };
  const coverage = (c) => (c.monthsWithData.length === c.months.length ? 'all' : c.monthsWithData.length === 0 ? 'none' : `${c.monthsWithData.join(', ')} (${c.monthsWithData.length} of ${c.months.length})`);
  const shuffles = [['domestic', 'Domestic shuffles (US to US)'], ['lateral', 'Lateral flights (US to a border airport for land removal)']].flatMap(([key, title]) => [
    h('h2', {}, title),
    h('p', {}, `${shown(r[key].legs)} ${key} leg(s) on ${r[key].routes.length} route(s)`, r[key].routes.length > 15 ? '; the 15 busiest:' : '.'),
    r[key].routes.length ? table(`report-${key}`, ['From', 'To', 'Legs'], r[key].routes.slice(0, 15).map((x) => [airport(x.from), airport(x.to), fmt(x.legs)]), (i) => i === 2) : null,
    rule(key),
  ]);
  const p = r.passengers;
  show(
    h('h1', {}, `Monthly report ${r.month}`), form,
    r.generated ? h('p', { class: 'generated' }, 'This month includes GENERATED (synthetic demo) flights.') : null,
    h('p', { id: 'report-summary' }, `${fmt(r.removalLegs)} removal flight(s) (legs) in ${fmt(r.missions)} mission(s) (chains of legs, a multi-stop mission counted once), to ${fmt(r.countries)} countries`, sourceLink(src), `; ${fmt(r.possibleRemovals)} more possible removal(s) beside the figure, not in it. `,
      h('a', { href: `/api/reports/monthly/${r.month}?format=html` }, 'The report as one HTML file'), ' · ', h('a', { href: `#/?from=${from}&to=${end}` }, 'these legs on the map')),
    h('h2', {}, 'Against other periods'),
    table('report-compare', ['Period', 'Removal flights (legs)', 'Missions', 'Possible (not in the figure)', 'Months with data'], r.comparisons.map((c) => [`${c.period}: ${c.label}`, period(c, 'removalLegs'), period(c, 'missions'), period(c, 'possible'), coverage(c)]), (i) => i >= 1 && i <= 3),
    rule('comparisons'),
    h('h2', {}, 'Legs by kind'),
    h('div', { class: 'table-wrap' }, h('table', { id: 'report-kinds' }, h('thead', {}, h('tr', {}, ['Kind', 'Legs', 'Previous month', 'Change', `Same month a year before (${r.yearBeforeMonth})`, average].map((x, i) => h('th', { class: i ? 'n' : null }, x)))),
      h('tbody', {}, r.kinds.map((k) => h('tr', {}, h('td', {}, k.kind), h('td', { class: 'n' }, h('a', { href: `#/?kind=${k.kind}&from=${from}&to=${end}` }, fmt(k.legs)), sourceLink(src)), h('td', { class: 'n' }, shown(k.previousMonth)), h('td', { class: 'n' }, k.change === null ? '–' : `${k.change >= 0 ? '+' : ''}${fmt(k.change)}`), h('td', { class: 'n' }, shown(k.yearBefore)), h('td', { class: 'n' }, k.average ?? '–')))))),
    rule('kinds'),
    h('h2', {}, 'Routes'),
    mapPanel,
    h('div', { class: 'panel' }, h('img', { src: `/api/charts/flights.svg?by=kind&from=${r.trend[0]?.month ?? current}-01&to=${end}`, alt: 'Legs per month by kind, twelve months', width: 720, height: 320 })),
    h('h2', {}, 'Week by week'),
    table('report-weekly', ['Week', 'Days', 'Removal flights (legs)', 'Missions'], r.weekly.map((w) => [`${w.from} to ${w.to}`, w.days, fmt(w.removalLegs), fmt(w.missions)]), (i) => i >= 1),
    rule('weekly'),
    h('h2', {}, 'Removal flights by destination country'),
    h('div', { class: 'table-wrap' }, h('table', { id: 'report-countries' }, h('thead', {}, h('tr', {}, ['Country', 'Legs', 'Possible (not in legs)', 'Previous month'].map((x, i) => h('th', { class: i ? 'n' : null }, x)))),
      h('tbody', {}, r.removalsByCountry.map((c) => h('tr', {}, h('td', {}, h('a', { href: `#/country/${c.country}` }, c.country), c.name ? ` ${c.name}` : ''), h('td', { class: 'n' }, fmt(c.legs), sourceLink(src)), h('td', { class: 'n' }, fmt(c.possible)), h('td', { class: 'n' }, shown(c.previousMonth))))))),
    rule('countries'),
    h('h2', {}, 'Removal flights by US departure airport'),
    table('report-airports', ['Airport', 'Legs'], r.removalsByAirport.map((a) => [a.name ? `${a.airport} ${a.name}` : a.airport, fmt(a.legs)]), (i) => i === 1),
    rule('airports'),
    h('h2', {}, 'Removal flights by operator'),
    table('report-operators', ['Operator', 'Legs'], r.removalsByOperator.map((o) => [o.operator, fmt(o.legs)]), (i) => i === 1),
    rule('operators'),
    ...shuffles,
    h('h2', {}, 'People on board (estimate)'),
    p ? h('p', { id: 'report-people' }, `About ${fmt(p.point)} people on ${fmt(p.flights)} removal flight(s) (80% interval ${fmt(p.low)}–${fmt(p.high)}, the flights' intervals summed)${p.unestimated ? `; ${fmt(p.unestimated)} removal flight(s) have no estimate` : ''}.`) : h('p', {}, 'No removal flight of the month has an estimate.'),
    p ? table('report-people-by-country', ['Country', 'People (estimate)', '80% interval'], p.byCountry.map((c) => [`${c.country}${c.name ? ` ${c.name}` : ''}`, fmt(c.point), `${fmt(c.low)}–${fmt(c.high)}`]), (i) => i >= 1) : null,
    p ? h('ul', { class: 'muted' }, p.methods.map((m) => h('li', {}, `Method: ${m.method}. Sources: ${m.sources.join('; ')}.`))) : null,
    rule('passengers'),
    h('p', { class: 'muted' }, `Rule: ${r.rule} ${r.rules.missions} ${r.rules.possible}`),
    sourceList(r.sources ?? []),
  );
  await drawMap(mapPanel, new URLSearchParams({ from, to: end }));
}

// ---- Sources -----------------------------------------------------------------------------------

async function sourcesPage(id) {
  show(h('h1', {}, 'Sources'), h('p', { class: 'muted' }, 'Loading…'));
  try {
    const { sources } = await api('/api/sources');
    show(h('h1', {}, 'Sources'), h('p', {}, 'Every file in the database. Figures cite these by id; the sha256 identifies the exact bytes.'),
      h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, ['Id', 'File', 'Format', 'Rows kept', 'Loaded', 'sha256'].map((x) => h('th', {}, x)))),
        h('tbody', {}, sources.map((s) => h('tr', { id: `source-${s.id}`, class: String(s.id) === id ? 'selected' : null },
          h('td', {}, s.id), h('td', {}, s.path.split('/').pop(), s.generated ? ' (GENERATED)' : ''), h('td', {}, s.format), h('td', { class: 'n' }, fmt(s.rows)), h('td', {}, s.ingestedAt ?? '–'), h('td', {}, h('code', {}, s.sha256))))))));
    if (id) document.getElementById(`source-${id}`)?.scrollIntoView();
  } catch (e) {
    show(h('h1', {}, 'Sources'), failure(e));
  }
}

// ---- Router ------------------------------------------------------------------------------------

async function route() {
  const { path, params } = hashState();
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  document.body.dataset.page = parts[0] ?? 'flights';
  main.setAttribute('aria-busy', 'true');
  try {
    if (parts[0] === 'countries' || (parts[0] === 'country' && !parts[1])) await countriesPage();
    else if (parts[0] === 'country') await countryPage(parts[1], params);
    else if (parts[0] === 'report') await reportPage(parts[1]);
    else if (parts[0] === 'sources') await sourcesPage(parts[1]);
    else await flightsPage(params);
  } finally {
    main.setAttribute('aria-busy', 'false');
  }
}

// ---- Generated-data banner ----------------------------------------------------------------------

/**
 * While the database holds any GENERATED (synthetic) source, every page carries a banner saying
 * so above its content: the banner sits outside <main>, so each route keeps it.
 */
async function markGenerated() {
  const banner = document.getElementById('generated-banner');
  try {
    const { sources } = await api('/api/sources');
    const made = sources.filter((s) => s.generated);
    if (made.length === 0) return;
    banner.replaceChildren(
      h('strong', {}, 'GENERATED data: '),
      `this database holds ${made.length} generated source(s) (${made.map((s) => s.path).join(', ')}): synthetic flights and fictional aircraft made to show the method, not observed. Figures that include them are marked generated; see `,
      h('a', { href: '#/sources' }, 'Sources'), '.',
    );
    banner.hidden = false;
  } catch (e) {
    banner.replaceChildren(h('strong', {}, 'Could not check for generated data: '), String(e.message ?? e));
    banner.hidden = false;
  }
}

window.addEventListener('hashchange', route);
markGenerated();
route();
