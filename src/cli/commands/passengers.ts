import type { Command } from 'commander';
import { passengersAnswer, renderPassengers } from '../../answers/passengers-answer.ts';
import { evaluateFile, renderEvaluation } from '../../answers/passengers-evaluate.ts';
import { LEG_KINDS } from '../../answers/legs.ts';
import { usageError } from '../../errors.ts';
import type { Register } from '../context.ts';
import { maybeCountryOption, maybeDate, maybeOneOf } from '../options.ts';

const id = (value: string | undefined, what: string) => {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) throw usageError(`${what} expects a whole number, got "${value}"`);
  return Number(value);
};

export const registerPassengers: Register = (program, cli) => {
  program
    .command('passengers')
    .argument('[leg]', 'a leg id (charterwatch legs --json shows them)')
    .description('people on board: the estimate for a leg, a mission, or a type and kind, with its model, inputs, sources and held-out coverage; --evaluate scores it on observed headcounts')
    .option('--mission <id>', 'a mission id: its foreign drops summed, capped by the seats')
    .option('--type <ICAO>', 'aircraft type (caps the estimate by its seats): B734')
    .option('--kind <kind>', `leg kind: ${LEG_KINDS.join('|')}`)
    .option('--country <country>', 'destination of a removal: GT, China')
    .option('--date <YYYY-MM-DD>', 'day of the flight (chooses the period)')
    .option('--evaluate <file>', 'score the model on observed headcounts: CSV flight,date,people[,type,kind,country]')
    .action(async (leg: string | undefined, options: Record<string, string | undefined>, command: Command) => {
      if (options.evaluate !== undefined) {
        if (leg !== undefined || options.mission || options.type || options.kind || options.country || options.date) throw usageError('--evaluate takes no other question');
        cli.print(command, evaluateFile(cli.path(options.evaluate)), renderEvaluation);
        return;
      }
      const query = {
        leg: id(leg, 'the leg id'),
        mission: id(options.mission, '--mission'),
        type: options.type?.trim(),
        kind: maybeOneOf(options.kind, LEG_KINDS, '--kind'),
        country: maybeCountryOption(options.country, '--country'),
        date: maybeDate(options.date, '--date'),
      };
      // A question: the store is only read (writers derive legs and kinds when they load).
      const store = query.leg !== undefined || query.mission !== undefined ? await cli.store(command, { readOnly: true }) : null;
      cli.print(command, await passengersAnswer(store, query), renderPassengers);
    });
};
