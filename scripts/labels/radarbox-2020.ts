/**
 * Makes the labels of the shipped 2020 RadarBox history (data/labels/README.md):
 *
 *   tsx scripts/labels/radarbox-2020.ts [--check]
 *
 * The rule, independent of the classifier and its editable lists: a leg is the program's work
 * when its flight number is in the ICE Air blocks of the two contractors in 2020 (Swift/iAero
 * WQ/SWQ 3400–3699, World Atlantic WAL/WL 408, 608, 708, 888) or ICE's own RPN callsign, or
 * when the hand-reviewed exceptions file says so; its kind is then what its recorded ends give
 * (removal US → abroad, return, foreign, lateral to a border airport, domestic); every other leg
 * is `other`; a leg whose record lacks an airport (or names one the airport list does not know)
 * is `unknown`. `--check` compares with the committed file instead of writing it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '../../src/ingest/csv.ts';
import { ingestPaths } from '../../src/ingest/ingest.ts';
import { Store } from '../../src/store/store.ts';
import { US_SIDE } from '../../src/tracks/missions.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const history = path.join(root, 'data/demo/radarbox-swiftair-worldatlantic-2020-01-12_2020-04-27.csv.gz');
const out = path.join(root, 'data/labels/radarbox-swiftair-worldatlantic-2020.labels.csv');
const exceptionsFile = path.join(root, 'data/labels/radarbox-2020-exceptions.csv');

const BLOCKS: [RegExp, string][] = [
  [/^S?WQ(3[4-6]\d\d)$/, 'Swift/iAero block WQ3400–3699'],
  [/^WA?L(408|608|708|888)$/, 'World Atlantic block WAL408/608/708/888'],
  [/^RPN\d+$/, "ICE's RPN callsign"],
];
const lateral = new Set(parseCsv(readFileSync(path.join(root, 'data/program/lateral-airports.csv'), 'utf8')).map((r) => r.icao!.trim()));
const exceptions = new Map(parseCsv(readFileSync(exceptionsFile, 'utf8')).map((r) => [Number(r.line), r]));

const store = await Store.open(':memory:');
await ingestPaths(store, [history]);
const legs = await store.all<{ line: number; day: string; registration: string | null; callsign: string | null; dep_airport: string | null; arr_airport: string | null; dep_country: string | null; arr_country: string | null }>(
  `SELECT line, leg_date::VARCHAR AS day, registration, callsign, dep_airport, arr_airport, dep_country, arr_country FROM legs ORDER BY line`,
);
store.close();

const q = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const lines = ['source,line,date,registration,callsign,dep,arr,label,basis,note'];
const used = new Set<number>();
for (const l of legs) {
  const cs = l.callsign?.trim() ?? '';
  const block = BLOCKS.find(([re]) => re.test(cs));
  const exception = exceptions.get(l.line);
  const side = (airport: string | null, country: string | null) => (!airport || !country ? null : US_SIDE.has(country) ? 'us' : 'abroad');
  const dep = side(l.dep_airport, l.dep_country);
  const arr = side(l.arr_airport, l.arr_country);
  let label: string;
  let basis: string;
  let note = '';
  const program = exception ? exception.label !== 'other' : Boolean(block);
  if (exception) {
    if (exception.callsign !== cs || exception.dep !== (l.dep_airport ?? '') || exception.arr !== (l.arr_airport ?? '')) throw new Error(`${exceptionsFile}: line ${exception.line} does not match the history's leg (${cs} ${l.dep_airport}→${l.arr_airport})`);
    used.add(l.line);
    basis = 'reviewed exception';
    note = exception.reason!;
  } else basis = block ? block[1] : 'no program flight number';
  if (!dep || !arr) label = 'unknown';
  else if (!program) label = 'other';
  else label = dep === 'us' && arr === 'abroad' ? 'removal' : dep === 'abroad' && arr === 'us' ? 'return' : dep === 'abroad' ? 'foreign' : lateral.has(l.arr_airport!) ? 'lateral' : 'domestic';
  lines.push([path.basename(history), String(l.line), l.day, '', cs, l.dep_airport ?? '', l.arr_airport ?? '', label, basis, note].map(q).join(','));
}
for (const line of exceptions.keys()) if (!used.has(line)) throw new Error(`${exceptionsFile}: the exception for line ${line} matches no leg`);
const text = `${lines.join('\n')}\n`;
if (process.argv.includes('--check')) {
  if (readFileSync(out, 'utf8') !== text) throw new Error(`${out} is not what the rule gives: run tsx scripts/labels/radarbox-2020.ts`);
  console.log(`${out}: up to date (${legs.length} legs)`);
} else {
  writeFileSync(out, text);
  console.log(`${out}: ${legs.length} legs`);
}
