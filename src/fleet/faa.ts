import { chooseOperators } from './attributes.ts';
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { CharterwatchError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { forgetFaaOwnerOperators } from '../query/write/fleet.ts';
import { icao24FromRegistration, isUsIcao24, isUsRegistration, registrationFromIcao24 } from './nnumber.ts';
import { entryFor, putAircraft, type Aircraft } from './registry.ts';
import { readWatchlist } from './watchlist.ts';

/**
 * The FAA Releasable Aircraft Database: MASTER.txt (one line per US registration) and
 * ACFTREF.txt (one line per aircraft model). Both are comma-separated with a byte-order mark,
 * space-padded fields and a trailing comma; MASTER.txt's N-NUMBER has no leading N, its
 * MODE S CODE is the address in octal and MODE S CODE HEX the same in hex. Read line by line
 * (a real MASTER.txt is about 150 MB): memory holds the model table and the matches only.
 */

export interface FaaImportOptions {
  master: string;
  acftref: string;
  /** Keep aircraft whose registered owner NAME contains one of these (case and spacing forgiven). */
  owners?: string[];
  /** Keep the aircraft of this watchlist file (registrations or addresses, one a line). */
  registrations?: string;
  /** Read size in bytes (tests feed small chunks to cross line boundaries). */
  chunkBytes?: number;
}

export interface FaaDisagreement {
  nNumber: string;
  note: string;
}

export interface FaaImportSummary {
  master: string;
  /** Registration lines read (header excluded). */
  linesRead: number;
  /** Lines that could not be read (wrong number of fields, an impossible N-number). */
  linesRejected: number;
  /** The first 100 of them, with their line number and why. */
  rejects: { line: number; reason: string }[];
  aircraft: number;
  disagreements: FaaDisagreement[];
  /** Registrations asked for with --registrations that MASTER.txt does not hold. */
  notFound: string[];
}

/** A row of ACFTREF.txt, what the registry needs of it. */
interface Model {
  mfr: string;
  model: string;
  seats: number | null;
}

/** Splits an FAA line: comma-separated, space-padded, trailing comma (no quoting in these files). */
const fields = (line: string) => line.split(',').map((f) => f.trim());

/** The number of comma-separated fields of a line. */
function fieldCount(line: string): number {
  let n = 1;
  for (let i = line.indexOf(','); i >= 0; i = line.indexOf(',', i + 1)) n += 1;
  return n;
}

/** The `index`-th comma-separated field of a line, untrimmed. */
function fieldAt(line: string, index: number): string {
  let start = 0;
  for (let k = 0; k < index; k += 1) start = line.indexOf(',', start) + 1;
  const end = line.indexOf(',', start);
  return line.slice(start, end < 0 ? line.length : end);
}

/** Column indexes by header name, checked to be there. */
function columns(headerLine: string, wanted: readonly string[], file: string): Record<string, number> {
  const header = fields(headerLine.replace(/^\uFEFF/, '')).map((h) => h.toUpperCase());
  const out: Record<string, number> = {};
  for (const name of wanted) {
    const i = header.indexOf(name);
    if (i < 0) throw new CharterwatchError('BAD_INPUT', `expected a column "${name}" in the header, found "${header.filter(Boolean).join(',')}"`, { file, line: 1 });
    out[name] = i;
  }
  return out;
}

/**
 * The lines of a file, read in 1 MB chunks. Iterating the stream itself keeps backpressure: a
 * chunk is read only when the previous one is consumed (readline's iterator buffered lines ahead
 * of a slower consumer, which tripled peak memory on a 150 MB file).
 */
async function* lines(file: string, chunkBytes = 1 << 20): AsyncGenerator<string> {
  if (!existsSync(file)) throw new CharterwatchError('NOT_FOUND', 'no such file', { file });
  let rest = ''; // the unfinished last line of the previous chunk
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: chunkBytes })) {
    const parts = (rest + (chunk as string)).split('\n');
    rest = parts.pop()!;
    for (const part of parts) yield part.endsWith('\r') ? part.slice(0, -1) : part;
  }
  if (rest !== '') yield rest.endsWith('\r') ? rest.slice(0, -1) : rest;
}

/** ACFTREF.txt as a map from CODE (MFR MDL CODE in MASTER.txt) to maker, model and seats. */
export async function readAcftref(file: string): Promise<Map<string, Model>> {
  const models = new Map<string, Model>();
  let col: Record<string, number> | undefined;
  for await (const line of lines(file)) {
    if (!col) {
      col = columns(line, ['CODE', 'MFR', 'MODEL', 'NO-SEATS'], file);
      continue;
    }
    if (line.trim() === '') continue;
    const f = fields(line);
    const seats = Number(f[col['NO-SEATS']!]);
    models.set(f[col.CODE!]!, { mfr: f[col.MFR!] ?? '', model: f[col.MODEL!] ?? '', seats: Number.isInteger(seats) && seats > 0 ? seats : null });
  }
  if (!col) throw new CharterwatchError('BAD_INPUT', 'the file is empty', { file });
  return models;
}

const MASTER_COLUMNS = ['N-NUMBER', 'MFR MDL CODE', 'TYPE REGISTRANT', 'NAME', 'MODE S CODE', 'MODE S CODE HEX'] as const;

/**
 * MASTER.txt's TYPE REGISTRANT codes whose NAME is an organisation: 2 Partnership, 3 Corporation,
 * 5 Government, 7 LLC, 8 Non-Citizen Corporation. The others name people: 1 Individual, 4
 * Co-Owned and 9 Non-Citizen Co-Owned (co-owners are individuals as a rule: the FAA lists
 * companies owning together as a partnership or corporation), and a missing or unknown code is
 * treated the same. A person's name is never stored: the aircraft is imported without an operator.
 */
export const ORGANISATION_REGISTRANTS: ReadonlySet<string> = new Set(['2', '3', '5', '7', '8']);
const normaliseName = (name: string) => name.toUpperCase().replace(/[^A-Z0-9]+/g, ' ').trim();

/**
 * Imports the matching aircraft of the FAA registry into the fleet registry (one transaction).
 * Each address is computed from the N-number by rule; the octal MODE S CODE is checked against
 * MODE S CODE HEX and both against the computed address, and disagreements are reported.
 */
export async function importFaa(store: Store, { master, acftref, owners = [], registrations, chunkBytes }: FaaImportOptions): Promise<FaaImportSummary> {
  const models = await readAcftref(acftref);
  const ownerKeys = owners.map(normaliseName).filter(Boolean);
  const wanted = registrations ? readWatchlist(registrations) : null; // addresses
  const found = new Set<string>();
  const entries: Aircraft[] = [];
  /** Aircraft of private owners (see ORGANISATION_REGISTRANTS): no name is kept for them. */
  const privateOwners: string[] = [];
  const disagreements: FaaDisagreement[] = [];
  const masterName = path.basename(master);
  let col: Record<string, number> | undefined;
  let certIssue = -1;
  let width = 0;
  let lineNo = 0;
  let linesRead = 0;
  let linesRejected = 0;
  const rejects: { line: number; reason: string }[] = [];
  const reject = (line: number, reason: string) => {
    linesRejected += 1;
    if (rejects.length < 100) rejects.push({ line, reason });
  };
  for await (const line of lines(master, chunkBytes)) {
    lineNo += 1;
    if (!col) {
      col = columns(line, MASTER_COLUMNS, master);
      // Optional: the certificate's date dates the registered owner.
      certIssue = fields(line.replace(/^\uFEFF/, '')).map((h) => h.toUpperCase()).indexOf('CERT ISSUE DATE');
      width = fields(line.replace(/^\uFEFF/, '')).length;
      continue;
    }
    if (line.trim() === '') continue;
    linesRead += 1;
    // Most lines are not wanted: count fields and read the owner's name by scanning for commas,
    // without splitting the line into 35 strings (which made peak memory and time several-fold).
    const count = fieldCount(line);
    if (count !== width) {
      reject(lineNo, `expected ${width} fields, found ${count}`);
      continue;
    }
    if (ownerKeys.length && !wanted) {
      const name = normaliseName(fieldAt(line, col.NAME!));
      if (!ownerKeys.some((k) => ` ${name} `.includes(` ${k} `))) continue;
    }
    const nNumber = fieldAt(line, col['N-NUMBER']!).trim();
    if (!isUsRegistration(`N${nNumber}`)) {
      reject(lineNo, `N-NUMBER "${nNumber}" cannot exist`);
      continue;
    }
    const icao24 = icao24FromRegistration(`N${nNumber}`);
    const name = normaliseName(fieldAt(line, col.NAME!));
    const byOwner = ownerKeys.length > 0 && ownerKeys.some((k) => ` ${name} `.includes(` ${k} `));
    const byList = wanted?.has(icao24) ?? false;
    if (!byOwner && !byList) continue;
    // A copy of the line: V8's substrings of it would keep the whole 1 MB chunk it came from alive
    // for as long as the entry lives (hundreds of MB over a 150 MB file).
    const f = fields(Buffer.from(line, 'utf8').toString('utf8'));
    found.add(icao24);
    const notes = modeSCheck(icao24, f[col['MODE S CODE']!]!, f[col['MODE S CODE HEX']!]!);
    const model = models.get(f[col['MFR MDL CODE']!]!);
    if (!model) notes.push(`MFR MDL CODE ${f[col['MFR MDL CODE']!]} is not in ${path.basename(acftref)}`);
    const source = `FAA Releasable Aircraft Database ${masterName} line ${lineNo}`;
    // A private owner's name is personal data: only an organisation becomes the operator.
    const organisation = ORGANISATION_REGISTRANTS.has(f[col['TYPE REGISTRANT']!]!);
    if (!organisation) privateOwners.push(icao24);
    const entry = entryFor({
      registration: `N${nNumber}`,
      icao24: f[col['MODE S CODE HEX']!] || null,
      icaoType: model ? icaoTypeOf(model) : null,
      operator: organisation ? f[col.NAME!] || null : null,
      seats: model?.seats ?? null,
      source,
      typeSource: model ? `FAA ${path.basename(acftref)}: ${model.mfr} ${model.model} (ICAO type by charterwatch's model table)` : null,
      operatorSource: `${source} (registered owner)`,
      // The registered owner since the certificate was issued: a dated claim, which the fleet shows
      // before any undated list's (src/fleet/attributes.ts).
      operatorFrom: certIssue >= 0 ? faaDate(f[certIssue] ?? '') : null,
      seatsSource: model?.seats ? `FAA ${path.basename(acftref)} NO-SEATS` : null,
    });
    // modeSCheck covers the published-hex disagreement entryFor notes, and the octal code besides.
    const note = notes.join('; ') || null;
    entry.note = note;
    if (note) disagreements.push({ nNumber: f[col['N-NUMBER']!]!, note });
    entries.push(entry);
  }
  if (!col) throw new CharterwatchError('BAD_INPUT', 'the file is empty', { file: master });
  await store.transaction(async () => {
    await putAircraft(store, entries, { merge: true, inTransaction: true });
    await forgetOwnerNames(store, privateOwners);
  });
  const notFound = wanted ? [...wanted].filter((hex) => !found.has(hex)).map((hex) => (isUsIcao24(hex) ? registrationFromIcao24(hex) : hex)) : [];
  return { master: masterName, linesRead, linesRejected, rejects, aircraft: entries.length, disagreements, notFound };
}

/**
 * Removes the registered owner's name an earlier charterwatch stored as the operator of these
 * aircraft (private owners), from the registry and from the legs that copied it. A name another
 * source gave stays.
 */
async function forgetOwnerNames(store: Store, icao24s: string[]): Promise<void> {
  if (icao24s.length === 0) return;
  await forgetFaaOwnerOperators(store, icao24s);
  // The name is gone from the operator's history too: another source's claim, if any, is shown instead.
  await chooseOperators(store, icao24s);
}

/** Checks the octal and hex Mode S codes of a line against each other and the computed address. */
function modeSCheck(computed: string, octal: string, hex: string): string[] {
  const notes: string[] = [];
  const fromOctal = /^[0-7]{1,8}$/.test(octal) ? parseInt(octal, 8).toString(16).padStart(6, '0') : null;
  const hexNorm = hex.toLowerCase();
  if (octal && !fromOctal) notes.push(`MODE S CODE "${octal}" is not octal`);
  if (hex && !/^[0-9a-f]{6}$/.test(hexNorm)) notes.push(`MODE S CODE HEX "${hex}" is not 6 hex digits`);
  if (fromOctal && hex && fromOctal !== hexNorm) notes.push(`MODE S CODE ${octal} (octal) is ${fromOctal}, MODE S CODE HEX says ${hexNorm}`);
  if (hex && /^[0-9a-f]{6}$/.test(hexNorm) && hexNorm !== computed) notes.push(`MODE S CODE HEX ${hexNorm} disagrees with ${computed} computed from the N-number; the computed one is used`);
  else if (!hex && fromOctal && fromOctal !== computed) notes.push(`MODE S CODE ${octal} (octal, ${fromOctal}) disagrees with ${computed} computed from the N-number; the computed one is used`);
  return notes;
}

/**
 * The ICAO type designator of an FAA model, for the types charter operators fly; null otherwise.
 * ACFTREF names models by maker and model (BOEING 737-4B7), not by ICAO designator.
 */
export function icaoTypeOf({ mfr, model }: { mfr: string; model: string }): string | null {
  const m = model.toUpperCase().replace(/\s+/g, '');
  const maker = mfr.toUpperCase();
  if (maker.includes('AIRBUS')) {
    const a = /^A?3(19|20|21)/.exec(m);
    return a ? `A3${a[1]}` : null;
  }
  const md = /MD-?8([23])/.exec(m) ?? /DC-9-8([23])/.exec(m);
  if (md && (maker.includes('MCDONNELL') || maker.includes('BOEING'))) return `MD8${md[1]}`;
  if (maker.includes('BOEING')) {
    const b737 = /^737-([3-9])/.exec(m);
    if (b737) return `B73${b737[1]}`;
    if (/^757-2/.test(m)) return 'B752';
    if (/^767-3/.test(m)) return 'B763';
    if (/^777-2/.test(m)) return 'B772';
    if (/^777-3/.test(m)) return 'B77W';
    return null;
  }
  if (maker.includes('EMBRAER')) {
    if (/^ERJ-?190|^EMB-?190|^190/.test(m)) return 'E190';
    if (/^EMB-?145|^ERJ-?145/.test(m)) return 'E145';
    return null;
  }
  if (maker.includes('BOMBARDIER') || maker.includes('CANADAIR')) {
    if (/^CL-600-2B19/.test(m)) return 'CRJ2';
    if (/^CL-600-2C10/.test(m)) return 'CRJ7';
    if (/^CL-600-2D24/.test(m)) return 'CRJ9';
  }
  return null;
}

/** A MASTER.txt date (YYYYMMDD) as YYYY-MM-DD; null when empty or not a date. */
function faaDate(text: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  return Number.isNaN(Date.parse(`${iso}T00:00:00Z`)) ? null : iso;
}
