import type { Command } from 'commander';
import { CharterwatchError, usageError } from '../../errors.ts';
import type { ImportSummary } from '../../fleet/csv-import.ts';
import type { FaaImportSummary } from '../../fleet/faa.ts';
import { icao24FromRegistration, registrationFromIcao24 } from '../../fleet/nnumber.ts';
import type { Aircraft } from '../../fleet/registry.ts';
import type { Register } from '../context.ts';
import { maybeDate } from '../../questions/params.ts';

export const registerFleet: Register = (program, cli) => {
  const fleet = program.command('fleet').description('the registry of watched aircraft; N-number ⇄ ICAO address by the FAA rule');

  fleet
    .command('list')
    .description('list the aircraft of the registry (watched today, or --all)')
    .option('--all', 'include aircraft not watched today')
    .action(async (options: { all?: boolean }, command: Command) => {
      const { listAircraft } = await import('../../fleet/registry.ts');
      const store = await cli.store(command, { readOnly: true });
      const aircraft = await listAircraft(store, { all: options.all === true });
      cli.print(command, aircraft, renderList);
    });

  fleet
    .command('add')
    .description('add aircraft by US registration or ICAO address (a non-US aircraft: its address and --registration)')
    .argument('<ids...>', 'registrations (N703KW) or ICAO addresses (a960a9)')
    .option('--registration <reg>', 'the registration of a non-US aircraft given by its address (kept as given, not verifiable)')
    .option('--type <icao>', 'ICAO type designator, e.g. B734')
    .option('--operator <name>', 'operator')
    .option('--seats <n>', 'seats (default: by type from data/fleet/seats.csv)')
    .option('--from <date>', 'watched from this day')
    .option('--to <date>', 'watched through this day')
    .option('--source <text>', 'where these claims come from', 'added by hand')
    .action(async (ids: string[], options: AddOptions, command: Command) => {
      const { entryFor, putAircraft } = await import('../../fleet/registry.ts');
      if (options.registration && ids.length !== 1) throw usageError('--registration goes with exactly one ICAO address');
      const seats = options.seats === undefined ? null : Number(options.seats);
      if (seats !== null && !(Number.isInteger(seats) && seats > 0)) throw usageError(`--seats expects a whole number, got "${options.seats}"`);
      const watchFrom = maybeDate(options.from, '--from')?.slice(0, 10) ?? null;
      const watchTo = maybeDate(options.to, '--to')?.slice(0, 10) ?? null;
      const entries = ids.map((id) => {
        const isHex = /^\s*[0-9a-f]{6}\s*$/i.test(id);
        try {
          return entryFor({
            registration: isHex ? (options.registration ?? null) : id,
            icao24: isHex ? id : null,
            icaoType: options.type,
            operator: options.operator,
            seats,
            watchFrom,
            watchTo,
            source: options.source,
          });
        } catch (error) {
          if (error instanceof CharterwatchError) throw usageError(error.message);
          throw error;
        }
      });
      const store = await cli.store(command);
      await putAircraft(store, entries);
      cli.print(command, entries, (list) => list.map((a) => `added ${a.registration ?? '(no registration)'} ${a.icao24}${a.verifiable ? '' : ' (not verifiable by rule)'}`).join('\n'));
    });

  fleet
    .command('remove')
    .description('remove aircraft by registration or ICAO address')
    .argument('<ids...>', 'registrations or ICAO addresses')
    .action(async (ids: string[], _options: unknown, command: Command) => {
      const { removeAircraft } = await import('../../fleet/registry.ts');
      const store = await cli.store(command);
      const removed = await removeAircraft(store, ids);
      cli.print(command, removed, (list) => list.map((hex) => `removed ${hex}`).join('\n'));
    });

  fleet
    .command('import')
    .description('load aircraft: the default watchlist, a fleet CSV, or the FAA Releasable Aircraft Database')
    .argument('[file]', 'a fleet CSV (registration,icao24,icao_type,operator,seats,watch_from,watch_to,source)')
    .option('--default', 'the shipped watchlist, data/fleet/candidate-aircraft.csv')
    .option('--faa <MASTER.txt>', 'the FAA registry\'s MASTER.txt (streamed)')
    .option('--acftref <ACFTREF.txt>', 'the FAA registry\'s ACFTREF.txt (types and seats), with --faa')
    .option('--owner <name...>', 'with --faa: every aircraft registered to this name (case-insensitive, whole words)')
    .option('--registrations <file>', 'with --faa: the registrations (or addresses) listed in this file, one a line')
    .action(async (file: string | undefined, options: ImportOptions, command: Command) => {
      const { importDefaultFleet, importFleetCsv } = await import('../../fleet/csv-import.ts');
      const { importFaa } = await import('../../fleet/faa.ts');
      const modes = [file !== undefined, options.default === true, options.faa !== undefined].filter(Boolean).length;
      if (modes !== 1) throw usageError('fleet import takes one of: a FILE, --default, or --faa MASTER.txt');
      if (options.faa !== undefined) {
        if (!options.acftref) throw usageError('--faa needs --acftref ACFTREF.txt (types and seats)');
        if (!options.owner?.length && !options.registrations) throw usageError('--faa needs --owner NAME (one or more) or --registrations FILE');
        const store = await cli.store(command);
        const summary = await importFaa(store, { master: cli.path(options.faa), acftref: cli.path(options.acftref), owners: options.owner ?? [], registrations: options.registrations === undefined ? undefined : cli.path(options.registrations) });
        cli.print(command, summary, renderFaa);
        return;
      }
      if (options.owner || options.registrations || options.acftref) throw usageError('--owner, --registrations and --acftref go with --faa');
      const store = await cli.store(command);
      const summary = options.default ? await importDefaultFleet(store) : await importFleetCsv(store, cli.path(file!));
      cli.print(command, summary, renderImport);
    });

  fleet
    .command('icao24')
    .description('the ICAO address of each US registration, one a line (FAA rule)')
    .argument('<registrations...>', 'N-numbers, e.g. N703KW')
    .action((regs: string[], _options: unknown, command: Command) => {
      const out = regs.map((r) => convert(() => icao24FromRegistration(r)));
      cli.print(command, out, (list) => list.join('\n'));
    });

  fleet
    .command('registration')
    .description('the US registration of each ICAO address, one a line (FAA rule)')
    .argument('<addresses...>', 'ICAO addresses, e.g. a960a9')
    .action((hexes: string[], _options: unknown, command: Command) => {
      const out = hexes.map((h) => convert(() => registrationFromIcao24(h)));
      cli.print(command, out, (list) => list.join('\n'));
    });
};

interface AddOptions {
  registration?: string;
  type?: string;
  operator?: string;
  seats?: string;
  from?: string;
  to?: string;
  source: string;
}

interface ImportOptions {
  default?: boolean;
  faa?: string;
  acftref?: string;
  owner?: string[];
  registrations?: string;
}

/** A conversion of a command-line value: a bad value is a usage error (exit 2). */
function convert(fn: () => string): string {
  try {
    return fn();
  } catch (error) {
    if (error instanceof CharterwatchError) throw usageError(error.message);
    throw error;
  }
}

/** A GitHub address at a commit, shortened for a column: "owner/repo …/file@commit" (--json gives it whole). */
function shortSource(source: string): string {
  return source.replace(/https:\/\/github\.com\/([\w.-]+\/[\w.-]+)\/blob\/([0-9a-f]{7})[0-9a-f]*\/(?:\S*\/)?(\S+)/g, '$1 …/$3@$2');
}

function renderList(list: Aircraft[]): string {
  if (list.length === 0) return 'the fleet registry is empty: "charterwatch fleet import --default" loads the shipped watchlist';
  const rows = list.map((a) => [
    a.registration ?? '-',
    a.icao24,
    a.verifiable ? 'yes' : 'no',
    a.icaoType ?? '-',
    a.seats === null ? '-' : String(a.seats),
    a.operator ?? '-',
    a.operator ? period(a.operatorFrom ?? null, a.operatorTo ?? null) : '-',
    a.operator ? `${a.operatorClaimed ? 'claimed: ' : ''}${shortSource(a.operatorSource ?? a.source)}` : '-',
    a.watchFrom || a.watchTo ? `${a.watchFrom ?? '…'} to ${a.watchTo ?? '…'}` : 'always',
    a.note ? '!' : '',
  ]);
  const head = ['registration', 'icao24', 'by rule', 'type', 'seats', 'operator', 'operator period', 'operator source', 'watched', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => Math.min(r[i]!.length, 40))));
  const line = (r: string[]) => r.map((c, i) => (c.length > 40 ? `${c.slice(0, 39)}…` : c).padEnd(widths[i]!)).join('  ').trimEnd();
  const notes = list.filter((a) => a.note).length;
  return [line(head), ...rows.map(line), `${list.length} aircraft${notes ? `; ${notes} with a note (! — see --json)` : ''}`].join('\n');
}

/** An operator's period as a source gives it: `2020-01-12 to 2020-04-27`, `from 2023-03-10`, or `undated`. */
function period(from: string | null, to: string | null): string {
  if (from && to) return `${from} to ${to}`;
  if (from) return `from ${from}`;
  if (to) return `until ${to}`;
  return 'undated';
}

function renderImport(s: ImportSummary): string {
  return [
    `${s.file}: ${s.rowsRead} rows, ${s.aircraft} aircraft in the registry`,
    ...s.disagreements.map((d) => `  ${d.registration ?? d.icao24}: ${d.note}`),
  ].join('\n');
}

function renderFaa(s: FaaImportSummary): string {
  return [
    `${s.master}: ${s.linesRead.toLocaleString('en-US')} registrations read, ${s.linesRejected.toLocaleString('en-US')} rejected, ${s.aircraft} matched and added to the registry`,
    ...s.rejects.map((r) => `  line ${r.line} rejected: ${r.reason}`),
    ...s.disagreements.map((d) => `  N${d.nNumber}: ${d.note}`),
    ...(s.notFound.length ? [`  not in MASTER.txt: ${s.notFound.join(', ')}`] : []),
  ].join('\n');
}
