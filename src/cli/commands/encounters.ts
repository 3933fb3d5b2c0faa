import type { Command } from 'commander';
import { ENCOUNTER_BREAKDOWNS, ENCOUNTER_DATASETS, encountersAnswer, notNamedMessage, renderEncounters } from '../../answers/encounters.ts';
import { CharterwatchError } from '../../errors.ts';
import type { Register } from '../context.ts';
import { maybeCountryOption, maybeFiscalYear, maybeMonth, maybeOneOf } from '../options.ts';

export const registerEncounters: Register = (program, cli) => {
  program
    .command('encounters')
    .description('encounters of a citizenship in a fiscal year to date, against the same months and the whole of earlier years, with sources')
    .requiredOption('--citizenship <country>', 'ISO code or name: CN, China, "CHINA, PEOPLES REPUBLIC OF", OTHER')
    .requiredOption('--fy <year>', 'US federal fiscal year (October to September): 2024 or FY2024')
    .option('--through <YYYY-MM>', 'last calendar month to count (default: the last month in the data)')
    .option('--by <what>', `breakdown: ${ENCOUNTER_BREAKDOWNS.join('|')} (component: ports of entry vs Border Patrol)`)
    .option('--dataset <name>', `which statistics: ${ENCOUNTER_DATASETS.join('|')}`, 'cbp-nationwide')
    .action(async (options: Record<string, string | undefined>, command: Command) => {
      const citizenship = maybeCountryOption(options.citizenship, '--citizenship')!;
      const fiscalYear = maybeFiscalYear(options.fy)!;
      const through = maybeMonth(options.through, '--through');
      const by = maybeOneOf(options.by, ENCOUNTER_BREAKDOWNS, '--by');
      const dataset = maybeOneOf(options.dataset, ENCOUNTER_DATASETS, '--dataset');
      const store = await cli.store(command, { readOnly: true });
      const answer = await encountersAnswer(store, { citizenship, fiscalYear, through, by, dataset });
      // A dataset that never names the citizenship has no figure for it: say so, not a table of zeros.
      if (!answer.named) throw new CharterwatchError('NOT_FOUND', notNamedMessage(answer));
      cli.print(command, answer, renderEncounters);
    });
};
