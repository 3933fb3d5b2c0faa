import { CharterwatchError } from '../errors.ts';
import { LEG_KINDS, type LegKind } from '../tracks/classify.ts';
import type { Store } from '../store/store.ts';
import { flightCoverage, statisticsCoverage, type FlightCoverage, type StatisticsCoverage } from './claims-coverage.ts';
import type { Claim, ClaimComparison, ClaimFile, ClaimFilterKey } from './claims-file.ts';
import { edgeLeg, legSpan } from '../query/legs.ts';
import { ENCOUNTER_DATASETS, encountersAnswer, type EncounterDataset } from './encounters.ts';
import { countFlights } from './flights.ts';
import type { SourceRef } from './provenance.ts';
import { removalsAnswer } from './removals.ts';

/** `about N` holds when the figure is within this share of N. */
export const ABOUT_TOLERANCE = 0.1;
export const VERDICTS = ['supported', 'not supported', 'contradicted', 'not checkable here'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface ClaimCheck {
  id: string;
  words: string;
  saidBy: string;
  where: string;
  when: string;
  measure: string;
  comparison: ClaimComparison;
  number: number | null;
  /** The firm figure from the data (null when there is none). */
  figure: number | null;
  /** The classification's possible band beside it (flights), never in it. */
  possible: number | null;
  verdict: Verdict;
  /** Why, in words, with the coverage. */
  why: string;
  /** The figure comes (partly) from generated data. */
  generated: boolean;
  /** The period checked (YYYY-MM-DD, the last day included). */
  period: { from: string; to: string } | null;
  coverage: FlightCoverage | StatisticsCoverage | null;
  rule: string | null;
  sources: SourceRef[];
}

export interface ClaimsAnswer {
  file: string;
  claims: ClaimCheck[];
  tolerance: number;
}

const n = (x: number) => x.toLocaleString('en-US');
const addDays = (day: string, k: number) => new Date(Date.parse(`${day}T00:00:00Z`) + k * 86400e3).toISOString().slice(0, 10);

/** Checks every claim of a file against the store. */
export async function checkClaims(store: Store, file: ClaimFile): Promise<ClaimsAnswer> {
  const claims: ClaimCheck[] = [];
  for (const c of file.claims) claims.push(await checkClaim(store, c));
  return { file: file.file, claims, tolerance: ABOUT_TOLERANCE };
}

type Partial = Pick<ClaimCheck, 'figure' | 'possible' | 'verdict' | 'why' | 'generated' | 'period' | 'coverage' | 'rule' | 'sources'>;
const base: Partial = { figure: null, possible: null, verdict: 'not checkable here', why: '', generated: false, period: null, coverage: null, rule: null, sources: [] };
const notCheckable = (why: string, extra: Partial | object = {}): Partial => ({ ...base, ...extra, verdict: 'not checkable here', why: `not checkable here: ${why}` });

/** Filters each measure can answer; the others make the claim not checkable here, saying why. */
const ANSWERABLE: Record<string, { keys: ClaimFilterKey[]; why: string }> = {
  'removal-flights': { keys: ['country', 'from', 'to', 'kind'], why: 'flights are counted by destination country, period and kind; the data do not record' },
  'countries-reached': { keys: ['from', 'to', 'kind'], why: 'countries are counted by period and kind; the data do not record' },
  'first-since': { keys: ['country', 'from', 'to'], why: 'a first flight is found by destination country and period; the data do not record' },
  encounters: { keys: ['citizenship', 'fiscal_year', 'through', 'dataset'], why: 'encounters are published by citizenship and fiscal month, not' },
  removals: { keys: ['citizenship', 'fiscal_year'], why: 'ICE removals are published by citizenship and fiscal year, not' },
};

export async function checkClaim(store: Store, c: Claim): Promise<ClaimCheck> {
  const head = { id: c.id, words: c.words, saidBy: c.saidBy, where: c.where, when: c.when, measure: c.measure, comparison: c.comparison, number: c.number };
  let result: Partial;
  if (c.measure === 'people-on-board') {
    result = notCheckable('people on board are estimated from published aggregates (charterwatch passengers), not counted, so the data can neither support nor contradict a number of people');
  } else {
    const allowed = ANSWERABLE[c.measure]!;
    const extra = (Object.keys(c.filter) as ClaimFilterKey[]).filter((k) => !allowed.keys.includes(k));
    if (extra.length) result = notCheckable(`${allowed.why} ${extra.map((k) => `"${k}"`).join(' or ')} (filter ${extra.map((k) => `${k}: ${c.filter[k]}`).join(', ')})`);
    else if (c.comparison === 'record' && (c.measure === 'removal-flights' || c.measure === 'countries-reached')) result = notCheckable('a record of flights needs every earlier year of the whole fleet, which position data do not hold');
    else {
      try {
        result = c.measure === 'first-since' ? await firstSince(store, c) : c.measure === 'encounters' || c.measure === 'removals' ? await statistics(store, c) : await flights(store, c);
      } catch (e) {
        if (e instanceof CharterwatchError && (e.code === 'NOT_FOUND' || e.code === 'USAGE')) result = notCheckable(e.message);
        else throw e;
      }
    }
  }
  return { ...head, ...result };
}

/** The verdict of a figure against the claim (docs/claims.md). `lowerBound`: the data count only what they see (flights). */
function decide(comparison: ClaimComparison, number: number, firm: number, possible: number, enough: boolean, lowerBound: boolean, coverageWords: string): { verdict: Verdict; why: string } {
  const band = possible ? ` (+${n(possible)} possible, not counted)` : '';
  if (comparison === 'about') {
    const lo = number * (1 - ABOUT_TOLERANCE);
    const hi = number * (1 + ABOUT_TOLERANCE);
    const diff = number ? `${firm >= number ? '+' : '−'}${Math.abs(Math.round(((firm - number) / number) * 1000) / 10)}%` : '';
    if (!enough) return { verdict: 'not checkable here', why: `not checkable here: "about" needs at least 90% of the days and of the watched fleet, and ${coverageWords}; the data's ${n(firm)}${band} is a lower bound` };
    if (firm >= lo && firm <= hi) return { verdict: 'supported', why: `${n(firm)} is within ±${ABOUT_TOLERANCE * 100}% of ${n(number)} (${diff}); ${coverageWords}` };
    if (firm > hi) return { verdict: 'contradicted', why: `${n(firm)}${band} is more than ${ABOUT_TOLERANCE * 100}% above ${n(number)} (${diff}); ${coverageWords}` };
    if (lowerBound && firm + possible >= lo) return { verdict: 'not checkable here', why: `not checkable here: ${n(firm)} is ${diff} from ${n(number)}, but with the ${n(possible)} possible it would be within ±${ABOUT_TOLERANCE * 100}%; ${coverageWords}` };
    return lowerBound
      ? { verdict: 'not supported', why: `${n(firm)}${band} is ${diff} from ${n(number)}, outside ±${ABOUT_TOLERANCE * 100}%; ${coverageWords}, but a flight of an aircraft the registry does not hold would not be seen` }
      : { verdict: 'contradicted', why: `${n(firm)} is ${diff} from ${n(number)}, outside ±${ABOUT_TOLERANCE * 100}%; ${coverageWords}` };
  }
  // more than, at least, and record's margin
  const meets = (x: number) => (comparison === 'at least' ? x >= number : x > number);
  const said = `${comparison === 'at least' ? 'at least' : 'more than'} ${n(number)}`;
  if (meets(firm)) return { verdict: 'supported', why: `${n(firm)} is ${said}${enough ? '' : ' already, as a lower bound'}; ${coverageWords}` };
  if (!enough) return { verdict: 'not checkable here', why: `not checkable here: ${n(firm)}${band} is not ${said}, but ${coverageWords}: a partial count can support "${comparison}", not contradict it` };
  if (lowerBound && meets(firm + possible)) return { verdict: 'not checkable here', why: `not checkable here: ${n(firm)} is not ${said}, but with the ${n(possible)} possible it would be; ${coverageWords}` };
  return lowerBound
    ? { verdict: 'not supported', why: `${n(firm)}${band} is not ${said}; ${coverageWords}, but a flight of an aircraft the registry does not hold would not be seen` }
    : { verdict: 'contradicted', why: `${n(firm)} is not ${said}; ${coverageWords}` };
}

/** The claim's flight period: from (default the data's first day) to (the last day included; default the day it was said). */
async function flightPeriod(store: Store, c: Claim): Promise<{ from: string; to: string }> {
  const from = c.filter.from ? String(c.filter.from) : ((await legSpan(store))?.first.slice(0, 10) ?? c.when);
  return { from, to: c.filter.to ? String(c.filter.to) : c.when };
}

async function flights(store: Store, c: Claim): Promise<Partial> {
  const kind = (c.filter.kind ? String(c.filter.kind) : 'removal') as LegKind;
  if (!(LEG_KINDS as readonly string[]).includes(kind)) return notCheckable(`the data classify legs as ${LEG_KINDS.join(', ')}, not "${kind}"`);
  const period = await flightPeriod(store, c);
  const toExclusive = addDays(period.to, 1);
  const count = await countFlights(store, { kind, from: `${period.from}T00:00:00Z`, to: `${toExclusive}T00:00:00Z`, arrivalCountry: c.filter.country ? String(c.filter.country) : undefined, by: c.measure === 'countries-reached' ? 'country' : undefined });
  const coverage = await flightCoverage(store, period.from, toExclusive);
  let firm = count.total;
  let possible = count.possible ?? 0;
  if (c.measure === 'countries-reached') {
    firm = count.countries;
    possible = count.possibleOnly.length;
  }
  const generated = count.sources.some((s) => s.generated);
  const extra = { figure: firm, possible, generated, period, coverage, rule: count.rule, sources: count.sources };
  if (c.comparison === 'record') return notCheckable('a record of flights needs every earlier year of the whole fleet', extra);
  const d = decide(c.comparison, c.number!, firm, possible, coverage.enoughForAbout, true, coverage.words);
  return { ...extra, verdict: d.verdict, why: `${d.why}${generated ? ' [GENERATED data: the figure shows the method, not the program]' : ''}` };
}

async function firstSince(store: Store, c: Claim): Promise<Partial> {
  const year = c.number!;
  const country = c.filter.country ? String(c.filter.country) : null;
  if (!country) return notCheckable('"first since" needs the destination country in the filter');
  const period = await flightPeriod(store, c);
  const begin = (await legSpan(store))?.first.slice(0, 10) ?? '';
  if (!begin) return notCheckable('the database holds no flights', { period });
  const removals = { kind: 'removal', arrivalCountry: country } as const;
  // The claimed flight: the first in the period; the one before it: the latest before the period.
  const claimed = await edgeLeg(store, { ...removals, from: `${period.from}T00:00:00Z`, to: `${addDays(period.to, 1)}T00:00:00Z` }, 'first');
  const before = await edgeLeg(store, { ...removals, to: `${period.from}T00:00:00Z` }, 'last');
  const generated = Boolean(claimed?.generated || before?.generated);
  const tag = generated ? ' [GENERATED data]' : '';
  const extra = { figure: before ? Number(before.day.slice(0, 4)) : null, period, generated };
  if (!claimed && period.to < begin) return notCheckable(`the data begin ${begin}, after the period ${period.from} to ${period.to}`, { period });
  if (!claimed) return { ...base, ...extra, figure: null, verdict: 'not supported', why: `the data (from ${begin}) hold no removal flight to ${country} from ${period.from} to ${period.to}` };
  const y = before ? Number(before.day.slice(0, 4)) : null;
  // A flight seen after the year contradicts, and one seen in it supports, wherever the data begin;
  // "none in the year" needs data from before the year began.
  if (y !== null && y > year) return { ...base, ...extra, verdict: 'contradicted', why: `a removal flight to ${country} flew on ${before!.day}, after ${year}, before the one of ${claimed.day}${tag}` };
  // Support, and "none in the year", need the data to cover the days between as "about" needs them.
  const spanFrom = y === year ? addDays(before!.day, 1) : `${year}-01-01`;
  const span = spanFrom < claimed.day ? await flightCoverage(store, spanFrom, claimed.day) : null;
  if (span && !span.enoughForAbout && (y === year || begin <= `${year}-01-01`)) return notCheckable(`${y === year ? `the removal flight to ${country} before the one of ${claimed.day} is on ${before!.day}, in ${year}, but between them ` : `none in ${year} before ${claimed.day} would need the data to cover the time since; `}${span.words}${tag}`, { ...extra, coverage: span });
  if (y === year) return { ...base, ...extra, coverage: span, verdict: 'supported', why: `the removal flight to ${country} before the one of ${claimed.day} is on ${before!.day}, in ${year}, with none between in the data (from ${begin})${tag}` };
  if (begin > `${year}-01-01`) return notCheckable(`the data begin ${begin}, after the start of ${year}: they cannot show whether a flight flew in ${year} or since`, { period, generated });
  return { ...base, ...extra, verdict: 'not supported', why: `the removal flight to ${country} before the one of ${claimed.day} is ${before ? `on ${before.day}, before ${year}` : 'not in the data'} (from ${begin}): none in ${year}${tag}` };
}

async function statistics(store: Store, c: Claim): Promise<Partial> {
  const citizenship = c.filter.citizenship ? String(c.filter.citizenship) : null;
  const fy = c.filter.fiscal_year ? Number(c.filter.fiscal_year) : null;
  if (!citizenship || !fy) return notCheckable(`${c.measure} need the filters "citizenship" and "fiscal_year"`);
  if (c.measure === 'removals') {
    const r = await removalsAnswer(store, { citizenship });
    const row = r.rows.find((x) => x.fiscalYear === fy);
    if (!row) return notCheckable(`no ICE removals of ${citizenship} citizens for FY${fy} are loaded (the data hold FY${r.rows.map((x) => x.fiscalYear).join(', FY') || ' none'})`);
    const earlier = r.rows.filter((x) => x.fiscalYear < fy);
    const coverage = statisticsCoverage(`${fy - 1}-10`, `${fy}-09`, 12, 12, r.sources.map((s) => ({ file: s.file, releaseThrough: s.releaseThrough })));
    const extra = { figure: row.removals, possible: null, generated: false, period: { from: `${fy - 1}-10-01`, to: `${fy}-09-30` }, coverage, rule: r.rule, sources: r.sources };
    if (c.comparison === 'record') return { ...extra, ...record(row.removals, earlier.map((e) => ({ year: e.fiscalYear, value: e.removals })), c.number, coverage.words) };
    return { ...extra, ...decide(c.comparison, c.number!, row.removals, 0, true, false, coverage.words) };
  }
  const dataset = c.filter.dataset ? String(c.filter.dataset) : 'cbp-nationwide';
  if (!(ENCOUNTER_DATASETS as readonly string[]).includes(dataset)) return notCheckable(`no encounter dataset "${dataset}" (${ENCOUNTER_DATASETS.join(', ')})`);
  const a = await encountersAnswer(store, { citizenship, fiscalYear: fy, through: c.filter.through ? String(c.filter.through) : undefined, dataset: dataset as EncounterDataset });
  if (a.monthly.every((m) => m.sourceId === null)) return notCheckable(a.notes.join(' ') || `no ${citizenship} rows in ${dataset}`);
  const inData = a.monthly.filter((m) => m.sourceId !== null).length;
  const coverage = statisticsCoverage(a.period.from, a.period.to, a.period.months, inData, a.sources.map((s) => ({ file: s.file, releaseThrough: s.releaseThrough })));
  const lastDay = addDays(`${a.period.to}-01`, 40).slice(0, 7);
  const extra = { figure: a.total, possible: null, generated: false, period: { from: `${a.period.from}-01`, to: addDays(`${lastDay}-01`, -1) }, coverage, rule: a.rule, sources: a.sources };
  const rounding = a.roundedTo > 1 ? ` (each figure rounded to the nearest ${a.roundedTo})` : '';
  if (c.comparison === 'record') {
    const years = a.comparisons.filter((y) => y.complete).map((y) => ({ year: y.fiscalYear, value: y.fullYear }));
    return { ...extra, ...record(a.total, years, c.number, `FY${fy} October to ${a.period.to}: ${coverage.words}${rounding}`) };
  }
  return { ...extra, ...decide(c.comparison, c.number!, a.total, 0, coverage.complete, false, `${coverage.words}${rounding}`) };
}

/** Above every complete earlier year in the data (by more than `margin` when given). */
function record(value: number, earlier: { year: number; value: number }[], margin: number | null, words: string): { verdict: Verdict; why: string } {
  if (earlier.length === 0) return { verdict: 'not checkable here', why: `not checkable here: the data hold no complete earlier year to compare with; ${words}` };
  const best = earlier.reduce((a, b) => (b.value > a.value ? b : a));
  const since = `FY${Math.min(...earlier.map((e) => e.year))}`;
  const by = value - best.value;
  const need = margin ?? 0;
  const said = margin ? `more than ${n(margin)} above the highest earlier year` : 'above every earlier year';
  if (by > need) return { verdict: 'supported', why: `${n(value)} is ${n(by)} above FY${best.year}'s ${n(best.value)}, the highest whole year in the data (which begin ${since}): ${said}, a record within the data; ${words}` };
  return { verdict: 'contradicted', why: `${n(value)} is ${by >= 0 ? `only ${n(by)} above` : `${n(-by)} below`} FY${best.year}'s ${n(best.value)}, the highest whole year in the data (which begin ${since}); not ${said}; ${words}` };
}

/** Text for the CLI: one block per claim. */
export function renderClaims(a: ClaimsAnswer): string {
  const out: string[] = [`Claims in ${a.file}:`];
  for (const c of a.claims) out.push(...claimLines(c, '  '));
  return out.join('\n');
}

export function claimLines(c: ClaimCheck, indent = ''): string[] {
  const figure = c.figure === null ? '' : ` data: ${c.comparison === 'first since' ? c.figure : n(c.figure)}${c.possible ? ` (+${n(c.possible)} possible)` : ''}${c.generated ? ' [GENERATED]' : ''};`;
  return [
    `${indent}"${c.words}" (${c.saidBy}, ${c.when}): ${c.verdict.toUpperCase()}`,
    `${indent}  ${c.comparison}${c.number === null ? '' : ` ${c.comparison === 'first since' ? c.number : n(c.number)}`} ${c.measure};${figure} ${c.why}`,
    ...(c.sources.length ? [`${indent}  sources: ${c.sources.map((s) => `${s.file} (sha256 ${s.sha256.slice(0, 12)}…)`).join('; ')}`] : []),
  ];
}
