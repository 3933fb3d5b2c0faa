import type { Command } from 'commander';
import { flightsCountQuestion } from '../../questions/flights-count.ts';
import { flightsMonthlyQuestion } from '../../questions/flights-monthly.ts';
import type { Register } from '../context.ts';
import { cliValues, questionCommand, writeAnswer } from '../question.ts';

export const registerFlights: Register = (program, cli) => {
  const flights = program.command('flights').description('counts of classified flights');
  for (const question of [flightsCountQuestion, flightsMonthlyQuestion]) {
    questionCommand(flights, question).action(async (...args: unknown[]) => {
      const command = args.at(-1) as Command;
      const values = await cliValues(question, command);
      const store = await cli.store(command, { readOnly: true });
      await writeAnswer(cli, command, question as typeof flightsCountQuestion, await question.ask(store, values) as never, values);
    });
  }
};
