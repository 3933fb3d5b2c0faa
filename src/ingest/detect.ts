import { badInput } from '../errors.ts';
import type { Format, Sample } from './format.ts';
import { formats, formatByName } from './formats/index.ts';

/**
 * Chooses the reader for a sample: the named one if forced, else the format whose `sniff`
 * is most confident. Content decides, not the file name.
 */
export function detectFormat(sample: Sample, forced?: string): Format {
  if (forced) {
    const format = formatByName(forced);
    if (!format) throw badInput(`unknown format "${forced}"; known formats: ${formats.map((f) => f.name).join(', ')}`);
    return format;
  }
  let best: Format | undefined;
  let bestScore = 0;
  for (const format of formats) {
    if (Boolean(format.directories) !== sample.isDirectory) continue;
    const score = format.sniff(sample);
    if (score > bestScore) {
      best = format;
      bestScore = score;
    }
  }
  if (!best) {
    if (sample.isDirectory && sample.entries.length === 0) throw badInput('the folder is empty: nothing to load', sample.path);
    const what = sample.isDirectory
      ? 'a folder of no known layout'
      : sample.head.length === 0
        ? 'an empty file'
        : looksBinary(sample.head)
          ? 'binary data of no known format'
          : `text of no known format (first line: ${JSON.stringify(sample.firstLine.slice(0, 120))})`;
    throw badInput(`${what}; known formats: ${formats.map((f) => f.name).join(', ')} (use --format NAME to force one)`, sample.path, sample.isDirectory ? undefined : 1);
  }
  return best;
}

function looksBinary(head: Buffer): boolean {
  const n = Math.min(head.length, 4096);
  let odd = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i]!;
    if (b === 0 || (b < 9) || (b > 13 && b < 32)) odd++;
  }
  return odd > n / 100;
}
