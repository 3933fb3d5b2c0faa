import type { Command } from 'commander';
import { usageError } from '../../errors.ts';
import type { PullResult } from '../../pull/pull.ts';
import type { PullSource } from '../../pull/source.ts';
import type { Register } from '../context.ts';
import { maybeDate } from '../../questions/params.ts';

interface PullCommandOptions {
  from?: string;
  to?: string;
  watchlist?: string;
  all?: boolean;
  mapping?: string;
  windowHours?: string;
  concurrency?: string;
  legs: boolean;
}

export const registerPull: Register = (program, cli) => {
  program
    .command('pull')
    .description('fetch the watched aircraft\'s positions from a remote engine; the filter runs there, one transaction per window, resumable')
    .argument('<source>', 'clickhouse://[USER[:PASSWORD]@]HOST:PORT/DATABASE.TABLE (HTTP port) or opensky (OpenSky Trino; OPENSKY_USERNAME, OPENSKY_PASSWORD)')
    .option('--from <date>', 'start, UTC: YYYY-MM-DD or an ISO time (rounded down to the hour)')
    .option('--to <date>', 'end, UTC, exclusive as in every question: YYYY-MM-DD means 00:00 of that day; an ISO time is rounded up to the hour')
    .option('--watchlist <file>', 'pull these aircraft (ICAO addresses or registrations, one a line)')
    .option('--all', 'pull every aircraft (only sensible on small tables)')
    .option('--mapping <file>', 'ClickHouse: column names and units of a table not in the documented layout (YAML)')
    .option('--window-hours <n>', 'hours per query (default: 24 for ClickHouse, 1 for OpenSky)')
    .option('--concurrency <n>', 'windows pulled at once, each its own query and transaction (default: 2 for ClickHouse; OpenSky: 1 only)')
    .option('--no-legs', 'do not derive legs, missions and kinds from the pulled positions now (the next command that writes, or "charterwatch tracks", does)')
    .action(async (sourceArg: string, options: PullCommandOptions, command: Command) => {
      const { from, to } = range(options);
      // As for ingest: the legs the new positions call for stay owed (derive_queue) until then.
      if (!options.legs) cli.deferDerivations();
      const windowHours = maybeWindowHours(options.windowHours);
      const source = await makeSource(sourceArg, { ...options, mapping: options.mapping === undefined ? undefined : cli.path(options.mapping) }, cli.env);
      const concurrency = maybeConcurrency(options.concurrency, source);
      const { resolveFleet } = await import('../../fleet/watchlist.ts');
      const { pull } = await import('../../pull/pull.ts');
      const store = await cli.store(command);
      const fleet = await resolveFleet(store, { watchlist: options.watchlist === undefined ? undefined : cli.path(options.watchlist), all: options.all === true });
      const result = await pull(store, source, {
        from,
        to,
        fleet,
        windowHours,
        concurrency,
        onWindow: (w) =>
          cli.log(
            `${w.start}/${w.end}: ${w.rowsKept.toLocaleString('en-US')} positions, ${w.bytes.toLocaleString('en-US')} bytes, ${w.seconds} s (source ${w.sourceId})` +
              (w.rowsRejected ? `; ${w.rowsRejected.toLocaleString('en-US')} row(s) refused and kept aside (${Object.entries(w.rejectedByReason).map(([r, n]) => `${n} ${r}`).join('; ')}): charterwatch sources shows them` : ''),
          ),
      });
      if (result.rowsKept === 0 && result.windows.length > 0) {
        const first = result.windows[0]!.start;
        const last = result.windows.at(-1)!.end;
        cli.log(`warning: ${source.origin} has no positions of the ${fleet === null ? '' : `${fleet.size} `}watched aircraft between ${first} and ${last}`);
      }
      cli.print(command, result, describe);
    });
};

async function makeSource(sourceArg: string, options: PullCommandOptions, env: Record<string, string | undefined>): Promise<PullSource> {
  if (sourceArg === 'opensky') {
    if (options.mapping) throw usageError('--mapping applies to ClickHouse sources only');
    const { OpenSkySource } = await import('../../pull/opensky.ts');
    return new OpenSkySource({ env });
  }
  if (sourceArg.startsWith('clickhouse://')) {
    const { ClickHouseSource } = await import('../../pull/clickhouse.ts');
    const { readMapping } = await import('../../pull/layout.ts');
    const mapping = options.mapping ? readMapping(options.mapping) : undefined;
    return new ClickHouseSource({ url: sourceArg, layout: mapping?.layout, table: mapping?.table, env });
  }
  throw usageError(`unknown source "${sourceArg}": expected clickhouse://HOST:PORT/DATABASE.TABLE or opensky`);
}

function range(options: PullCommandOptions): { from: number; to: number } {
  if (!options.from || !options.to) throw usageError('pull needs --from DATE and --to DATE');
  const from = Date.parse(maybeDate(options.from, '--from')!) / 1000;
  // `to` is exclusive, as in every question (src/questions/): a date alone means 00:00 of that day.
  const to = Date.parse(maybeDate(options.to, '--to')!) / 1000;
  if (to <= from) throw usageError(`--to (${options.to}) must be after --from (${options.from}): --to is exclusive (--from 2024-07-02 --to 2024-07-03 pulls the day of 2024-07-02)`);
  return { from, to };
}

function maybeWindowHours(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 24 * 31) throw usageError(`--window-hours expects a whole number of hours from 1 to 744, got "${value}"`);
  return n;
}

function maybeConcurrency(value: string | undefined, source: PullSource): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  const { max } = source.concurrency;
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw usageError(`--concurrency expects a whole number from 1 to ${max} for ${source.format === 'opensky-trino' ? 'OpenSky (one query at a time)' : 'this source'}, got "${value}"`);
  }
  return n;
}

function describe(r: PullResult): string {
  const lines = [
    `${r.origin}: ${r.from} to ${r.to}: ${r.windows.length} window(s) pulled, ${r.rowsKept.toLocaleString('en-US')} positions, ${r.bytes.toLocaleString('en-US')} bytes received` +
      (r.hoursSkipped > 0 ? `; ${r.hoursSkipped} hour(s) already pulled, skipped` : ''),
  ];
  return lines.join('\n');
}
