import type { Command } from 'commander';
import { LEG_KINDS, listLegs, renderLegsText, type LegFilter } from '../../answers/legs.ts';
import { listLegRecords } from '../../answers/leg-files.ts';
import { usageError } from '../../errors.ts';
import { writeJson } from '../../format/json.ts';
import { LEG_EXPORT_FORMATS, legsAs } from '../../format/legs.ts';
import { saveFile } from '../../format/save.ts';
import type { Register } from '../context.ts';
import { maybeCountryOption, maybeDate, maybeOneOf } from '../options.ts';

/** The options `legs`, `missions` and `flights count` share, normalised. */
export function legFilterOptions(options: Record<string, string | undefined>): LegFilter {
  const aircraft = options.aircraft?.split(',').map((a) => a.trim()).filter(Boolean);
  if (aircraft?.some((a) => !/^[0-9a-f]{6}$/i.test(a) && !/^[A-Z0-9-]{2,8}$/i.test(a))) throw usageError(`--aircraft expects ICAO addresses (a960a9) or registrations (N703KW), comma-separated, got "${options.aircraft}"`);
  return {
    from: maybeDate(options.from, '--from'),
    to: maybeDate(options.to, '--to'),
    aircraft,
    country: maybeCountryOption(options.country, '--country'),
    kind: maybeOneOf(options.kind, LEG_KINDS, '--kind'),
  };
}

export const registerLegs: Register = (program, cli) => {
  program
    .command('legs')
    .description('flight legs (from ADS-B positions and leg histories) with airports, times, kind and mission')
    .option('--from <date>', 'first day (UTC), YYYY-MM-DD or an ISO time')
    .option('--to <date>', 'end (exclusive)')
    .option('--aircraft <ids>', 'ICAO addresses or registrations, comma-separated')
    .option('--country <country>', 'either end in this country (ISO code or name)')
    .option('--kind <kind>', `${LEG_KINDS.join('|')}`)
    .option('--format <format>', `output: text (default), json, ${LEG_EXPORT_FORMATS.join('|')} (parquet with --out)`)
    .option('--out <file>', 'with --format parquet: the file to write')
    .action(async (options: Record<string, string | undefined>, command: Command) => {
      const filter = legFilterOptions(options);
      const format = maybeOneOf(options.format, ['json', ...LEG_EXPORT_FORMATS] as const, '--format');
      if (format === 'parquet' && !options.out) throw usageError('--format parquet writes a file: give --out FILE');
      const store = await cli.store(command, { readOnly: true });
      if (format && format !== 'json') {
        const legs = await listLegRecords(store, filter);
        const written = await legsAs(format, legs);
        if (format !== 'parquet') return cli.io.stdout(written as string);
        saveFile(cli.path(options.out!), written);
        cli.print(command, { file: options.out, rows: legs.length }, (r) => `wrote ${r.rows} leg(s) to ${r.file}`);
        return;
      }
      const legs = await listLegs(store, filter);
      if (format === 'json') cli.io.stdout(writeJson(legs));
      else cli.print(command, legs, renderLegsText);
    });
};
