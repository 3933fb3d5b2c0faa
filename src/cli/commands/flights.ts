import type { Command } from 'commander';
import { COUNT_BREAKDOWNS, countFlights, renderFlightCount } from '../../answers/flights.ts';
import { LEG_KINDS } from '../../answers/legs.ts';
import { usageError } from '../../errors.ts';
import type { Register } from '../context.ts';
import { maybeOneOf } from '../options.ts';
import { legFilterOptions } from './legs.ts';

export const registerFlights: Register = (program, cli) => {
  const flights = program.command('flights').description('counts of classified flights');
  flights
    .command('count')
    .description('counts legs of a kind between dates, e.g. international removal flights since a date by country')
    .option('--kind <kind>', `${LEG_KINDS.join('|')}`, 'removal')
    .option('--from <date>', 'first day (UTC)')
    .option('--to <date>', 'end (exclusive)')
    .option('--aircraft <ids>', 'ICAO addresses or registrations, comma-separated')
    .option('--country <country>', 'either end in this country')
    .option('--by <what>', `${COUNT_BREAKDOWNS.join('|')}, or two of them: country,month`)
    .action(async (options: Record<string, string | undefined>, command: Command) => {
      const filter = legFilterOptions(options);
      const [first, second, ...more] = options.by?.split(',').map((b) => b.trim()) ?? [];
      if (more.length) throw usageError(`--by takes at most two breakdowns, got "${options.by}"`);
      const by = maybeOneOf(first, COUNT_BREAKDOWNS, '--by');
      const then = maybeOneOf(second, COUNT_BREAKDOWNS, '--by');
      const store = await cli.store(command, { readOnly: true });
      cli.print(command, await countFlights(store, { ...filter, kind: filter.kind ?? 'removal', by, then }), renderFlightCount);
    });
};
