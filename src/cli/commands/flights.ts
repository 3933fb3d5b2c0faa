import type { Command } from 'commander';
import { COUNT_BREAKDOWNS, countFlights, renderFlightCount } from '../../answers/flights.ts';
import { ensureClassified, LEG_KINDS } from '../../answers/legs.ts';
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
    .option('--by <what>', COUNT_BREAKDOWNS.join('|'))
    .action(async (options: Record<string, string | undefined>, command: Command) => {
      const filter = legFilterOptions(options);
      const by = maybeOneOf(options.by, COUNT_BREAKDOWNS, '--by');
      const store = await cli.store(command);
      await ensureClassified(store);
      cli.print(command, await countFlights(store, { ...filter, kind: filter.kind ?? 'removal', by }), renderFlightCount);
    });
};
