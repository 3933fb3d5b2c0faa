import type { Command } from 'commander';
import { cooperationAnswer, renderCooperation } from '../../answers/cooperation.ts';
import { removalsAnswer, renderRemovals } from '../../answers/removals.ts';
import type { Register } from '../context.ts';
import { maybeCountryOption, maybeFiscalYear } from '../options.ts';
import { usageError } from '../../errors.ts';

export const registerStatistics: Register = (program, cli) => {
  program
    .command('removals')
    .description('ICE removals by country of citizenship and fiscal year, next to encounters of that citizenship')
    .option('--citizenship <country>', 'ISO code or name')
    .option('--fy <year>', 'one fiscal year')
    .action(async (options: { citizenship?: string; fy?: string }, command: Command) => {
      const store = await cli.store(command, { readOnly: true });
      const answer = await removalsAnswer(store, { citizenship: maybeCountryOption(options.citizenship, '--citizenship'), fiscalYear: maybeFiscalYear(options.fy) });
      cli.print(command, answer, renderRemovals);
    });

  program
    .command('cooperation')
    .description("a country's place on ICE's cooperation (\"uncooperative\" / \"at risk\") lists over time, with sources")
    .argument('<country>', 'ISO code or name')
    .action(async (country: string, _options: unknown, command: Command) => {
      const code = maybeCountryOption(country, 'country');
      if (!code) throw usageError('a country is required');
      const store = await cli.store(command, { readOnly: true });
      cli.print(command, await cooperationAnswer(store, code), renderCooperation);
    });
};
