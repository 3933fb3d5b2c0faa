import type { CountrySheet, RemovalFlight } from './country.ts';

const n = (x: number) => x.toLocaleString('en-US');
const end = (e: RemovalFlight['departure'], names: Record<string, string> = {}) => `${e.airport ?? 'unknown airport'}${e.airport && names[e.airport] ? ` ${names[e.airport]}` : ''}${e.country ? ` (${e.country})` : ''} ${e.time ?? 'time unknown'} [${e.status}]`;

/** The country sheet as Markdown (also the CLI's text output). */
export function countryMarkdown(s: CountrySheet): string {
  const out: string[] = [];
  out.push(`# ${s.countryName} (${s.country}): removal flights and statistics`, '');
  for (const note of s.notes) out.push(`> ${note}`, '');
  out.push('## 1. Removal flights', '');
  out.push(`${n(s.removalFlights.length)} removal flight(s) to ${s.countryName} in the data. ${s.firstSince.text}`, '');
  if (s.latest) {
    const l = s.latest;
    out.push(`Latest: ${l.registration ?? '?'} (${l.icao24 ?? '?'}, ${l.aircraftType ?? 'type unknown'}, ${l.operator ?? 'operator unknown'}), callsign ${l.callsign ?? 'unknown'}${l.generated ? ' — GENERATED demo data' : ''}.`);
    out.push(`US departure airport(s): ${l.usDepartureAirports.map((a) => (s.airportNames[a] ? `${a} ${s.airportNames[a]}` : a)).join(', ') || 'unknown'}.`, '');
    out.push('| leg | kind | from | to |', '|---|---|---|---|');
    for (const m of l.missionLegs) out.push(`| ${m.legId} | ${m.kind ?? ''} | ${end(m.departure, s.airportNames)} | ${end(m.arrival, s.airportNames)} |`);
    out.push('');
    if (l.evidence) out.push(`Why it is a removal: ${l.evidence}`, '');
  }
  if (s.previous) out.push(`Previous: ${s.previous.registration ?? '?'} ${end(s.previous.departure)} → ${end(s.previous.arrival)}.`, '');
  if (s.byMonth.length) out.push(`By month: ${s.byMonth.map((m) => `${m.month} ${m.flights}`).join(', ')}.`);
  if (s.byOperator.length) out.push(`By operator: ${s.byOperator.map((m) => `${m.operator} ${m.flights}`).join(', ')}.`);
  if (s.byDepartureAirport.length) out.push(`By departure airport: ${s.byDepartureAirport.map((m) => `${m.airport}${s.airportNames[m.airport] ? ` ${s.airportNames[m.airport]}` : ''} ${m.flights}`).join(', ')}.`);
  out.push('', '## 2. People on board (estimate)', '');
  if (s.passengers?.passengers != null) {
    const p = s.passengers;
    out.push(`Latest flight: about ${n(p.passengers!)} people (80% interval ${n(p.low!)}–${n(p.high!)}), ${p.modelName} model. Method: ${p.method}. Sources: ${p.sources.join('; ')}.`);
  } else out.push(s.passengers ? `No estimate: ${s.passengers.method}.` : 'No removal flight to estimate.');
  out.push('', '## 4. Encounters', '');
  if (s.encounters) {
    const e = s.encounters;
    out.push(`FY${e.fiscalYear} through ${e.through}: ${n(e.total)} encounters of ${s.countryName} citizens (${e.datasetLabel}).`);
    if (e.previousYear) out.push(`FY${e.previousYear.fiscalYear}: ${n(e.previousYear.samePeriod)} in the same months, ${n(e.previousYear.fullYear)} in the whole year.`);
    if (e.record) out.push(e.record.thisYearIsRecord ? `A record within the data: above FY${e.record.fiscalYear} (${n(e.record.fullYear)}) by ${n(e.record.margin)}.` : `The record within the data is FY${e.record.fiscalYear} (${n(e.record.fullYear)}).`);
    for (const note of e.notes) out.push(`Note: ${note}`);
  } else out.push('No encounters figure.');
  out.push('', '## 5. Cooperation lists', '');
  for (const h of s.cooperation.history.filter((x) => x.status !== 'unknown')) out.push(`- ${h.asOf} ${h.list}: ${h.status === 'named' ? 'named' : 'not named'} — ${h.citation}`);
  out.push(`- ${s.cooperation.history.filter((x) => x.status === 'unknown').length} other reported list(s) name no countries.`);
  out.push('', '## 6. Charter removals against encounters', '', s.chartersVsEncounters.text);
  if (s.passengerCheck) out.push('', s.passengerCheck.text);
  if (s.removals.rows.length) out.push('', `ICE removals (published): ${s.removals.rows.map((r) => `FY${r.fiscalYear} ${n(r.removals)}`).join(', ')}.`);
  if (s.years.rows.length) {
    out.push('', '## By fiscal year', '', `| fiscal year | removal flights (legs) in the data | ICE removals of ${s.countryName} citizens |`, '|---|---:|---:|');
    for (const y of s.years.rows) out.push(`| FY${y.fiscalYear}${y.current ? ' (current)' : ''} | ${y.removalFlights === null ? 'no data' : `${n(y.removalFlights)}${y.dataMonths < 12 ? ` (data cover ${y.dataMonths} of 12 months)` : ''}`} | ${y.iceRemovals === null ? 'not published' : n(y.iceRemovals)} |`);
    out.push('', `Rule: ${s.years.rule}`);
  }
  out.push('', `Data reach: ${s.reach.join('; ')}.`);
  out.push('', '## Sources', '');
  for (const src of s.sources) out.push(`- ${src.file} (source ${src.sourceId}, ${src.format}${src.generated ? ', GENERATED' : ''}): ${n(src.rowsUsed)} rows, sha256 \`${src.sha256}\``);
  return out.join('\n');
}
