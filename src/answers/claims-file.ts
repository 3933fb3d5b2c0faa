import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { badInput, CharterwatchError } from '../errors.ts';
import { dataPath } from '../paths.ts';

/** The claim files shipped in data/claims/ (the only ones the API reads). */
export const shippedClaimFiles = (): string[] => readdirSync(dataPath('claims')).filter((f) => /\.ya?ml$/.test(f)).sort();

/** What a claim counts (docs/claims.md). */
export const CLAIM_MEASURES = ['removal-flights', 'countries-reached', 'encounters', 'removals', 'people-on-board', 'first-since'] as const;
export type ClaimMeasure = (typeof CLAIM_MEASURES)[number];
export const CLAIM_COMPARISONS = ['about', 'more than', 'at least', 'first since', 'record'] as const;
export type ClaimComparison = (typeof CLAIM_COMPARISONS)[number];
/** Every filter a claim may give; whether the data can answer it depends on the measure. */
export const CLAIM_FILTERS = ['country', 'from', 'to', 'kind', 'citizenship', 'fiscal_year', 'through', 'dataset'] as const;
export type ClaimFilterKey = (typeof CLAIM_FILTERS)[number];

export interface Claim {
  id: string;
  /** The words as quoted (short). */
  words: string;
  saidBy: string;
  /** Source address or document. */
  where: string;
  /** YYYY-MM-DD. */
  when: string;
  note: string | null;
  measure: ClaimMeasure;
  filter: Partial<Record<ClaimFilterKey, string | number>>;
  comparison: ClaimComparison;
  number: number | null;
  /** Where the claim starts in its file. */
  file: string;
  line: number;
}

export interface ClaimFile {
  /** The file's name as given. */
  file: string;
  claims: Claim[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;

/** Reads and checks a claim file; any fault is an error naming the file and line. */
export function readClaimFile(filePath: string): ClaimFile {
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch {
    throw new CharterwatchError('NOT_FOUND', `no claim file at ${filePath}`);
  }
  return parseClaimFile(text, path.basename(filePath));
}

/** Parses claim-file text; `file` names it in errors. */
export function parseClaimFile(text: string, file: string): ClaimFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    throw badInput(`not valid YAML: ${e.message.split('\n')[0]}`, file, lineCounter.linePos(e.pos[0]).line);
  }
  const lineOf = (node: YamlNode | null | undefined, fallback = 1) => (node?.range ? lineCounter.linePos(node.range[0]).line : fallback);
  const root = doc.contents;
  if (!isMap(root)) throw badInput('expected a mapping with a "claims" list', file, lineOf(root as YamlNode));
  const list = root.get('claims', true);
  if (!isSeq(list)) throw badInput('expected "claims:" followed by a list of claims', file, lineOf((list as YamlNode) ?? root));
  const seen = new Set<string>();
  const claims = list.items.map((item, i) => {
    const at = lineOf(item as YamlNode);
    if (!isMap(item)) throw badInput(`claim ${i + 1}: expected a mapping (id, words, said_by, where, when, reading)`, file, at);
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '?';
      if (!['id', 'words', 'said_by', 'where', 'when', 'note', 'reading'].includes(key)) throw badInput(`claim ${i + 1}: unknown key "${key}" (expected id, words, said_by, where, when, note, reading)`, file, lineOf(pair.key as YamlNode, at));
    }
    const text = (key: string, where: YamlNode = item, optional = false): string | null => {
      const node = (where as typeof item).get(key, true) as YamlNode | undefined;
      if (node === undefined || (isScalar(node) && node.value === null)) {
        if (optional) return null;
        throw badInput(`claim ${i + 1}: "${key}" is missing`, file, lineOf(where, at));
      }
      if (!isScalar(node) || (typeof node.value !== 'string' && typeof node.value !== 'number')) throw badInput(`claim ${i + 1}: "${key}" should be text`, file, lineOf(node, at));
      return String(node.value);
    };
    const id = text('id')!;
    if (seen.has(id)) throw badInput(`claim ${i + 1}: id "${id}" is used twice`, file, at);
    seen.add(id);
    const when = text('when')!;
    if (!DAY.test(when)) throw badInput(`claim ${id}: "when" should be a day, YYYY-MM-DD, got "${when}"`, file, lineOf(item.get('when', true) as YamlNode, at));
    const reading = item.get('reading', true) as YamlNode | undefined;
    if (!isMap(reading)) throw badInput(`claim ${id}: "reading" is missing or not a mapping (measure, filter, comparison, number)`, file, lineOf(reading, at));
    const rl = lineOf(reading, at);
    for (const pair of reading.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '?';
      if (!['measure', 'filter', 'comparison', 'number'].includes(key)) throw badInput(`claim ${id}: unknown reading key "${key}" (expected measure, filter, comparison, number)`, file, lineOf(pair.key as YamlNode, rl));
    }
    const measure = text('measure', reading)!;
    if (!(CLAIM_MEASURES as readonly string[]).includes(measure)) throw badInput(`claim ${id}: measure "${measure}" is not one of ${CLAIM_MEASURES.join(', ')}`, file, lineOf(reading.get('measure', true) as YamlNode, rl));
    const comparison = text('comparison', reading)!;
    if (!(CLAIM_COMPARISONS as readonly string[]).includes(comparison)) throw badInput(`claim ${id}: comparison "${comparison}" is not one of ${CLAIM_COMPARISONS.join(', ')}`, file, lineOf(reading.get('comparison', true) as YamlNode, rl));
    if ((comparison === 'first since') !== (measure === 'first-since')) throw badInput(`claim ${id}: the comparison "first since" goes with the measure "first-since" and only with it`, file, rl);
    const numberNode = reading.get('number', true) as YamlNode | undefined;
    let number: number | null = null;
    if (numberNode !== undefined) {
      if (!isScalar(numberNode) || typeof numberNode.value !== 'number' || !Number.isFinite(numberNode.value) || numberNode.value < 0) throw badInput(`claim ${id}: "number" should be a number of 0 or more, written without commas`, file, lineOf(numberNode, rl));
      number = numberNode.value;
    } else if (comparison !== 'record') throw badInput(`claim ${id}: "number" is missing (the comparison "${comparison}" needs one)`, file, rl);
    const filter: Claim['filter'] = {};
    const filterNode = reading.get('filter', true) as YamlNode | undefined;
    if (filterNode !== undefined) {
      if (!isMap(filterNode)) throw badInput(`claim ${id}: "filter" should be a mapping`, file, lineOf(filterNode, rl));
      for (const pair of filterNode.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '?';
        const kl = lineOf(pair.key as YamlNode, rl);
        if (!(CLAIM_FILTERS as readonly string[]).includes(key)) throw badInput(`claim ${id}: unknown filter "${key}" (expected ${CLAIM_FILTERS.join(', ')})`, file, kl);
        const v = isScalar(pair.value) ? pair.value.value : undefined;
        if (typeof v !== 'string' && typeof v !== 'number') throw badInput(`claim ${id}: filter "${key}" should be a single value`, file, kl);
        if ((key === 'from' || key === 'to') && !DAY.test(String(v))) throw badInput(`claim ${id}: filter "${key}" should be a day, YYYY-MM-DD, got "${v}"`, file, kl);
        if (key === 'through' && !MONTH.test(String(v))) throw badInput(`claim ${id}: filter "through" should be a month, YYYY-MM, got "${v}"`, file, kl);
        if (key === 'fiscal_year' && !/^(FY)?\d{4}$/i.test(String(v))) throw badInput(`claim ${id}: filter "fiscal_year" should be a year such as 2024, got "${v}"`, file, kl);
        filter[key as ClaimFilterKey] = key === 'fiscal_year' ? Number(String(v).replace(/^FY/i, '')) : v;
      }
      if (filter.from && filter.to && String(filter.from) > String(filter.to)) throw badInput(`claim ${id}: filter "from" ${filter.from} is after "to" ${filter.to}`, file, lineOf(filterNode, rl));
    }
    return { id, words: text('words')!, saidBy: text('said_by')!, where: text('where')!, when, note: text('note', item, true), measure: measure as ClaimMeasure, filter, comparison: comparison as ClaimComparison, number, file, line: at } satisfies Claim;
  });
  if (claims.length === 0) throw badInput('the "claims" list is empty', file, lineOf(list));
  return { file, claims };
}
