import type { Command } from 'commander';
import { passengersQuestion } from '../../questions/passengers.ts';
import type { Store } from '../../store/store.ts';
import type { Register } from '../context.ts';
import { cliValues, questionCommand, writeAnswer } from '../question.ts';

export const registerPassengers: Register = (program, cli) => {
  questionCommand(program, passengersQuestion).action(async (...args: unknown[]) => {
    const command = args.at(-1) as Command;
    const values = await cliValues(passengersQuestion, command);
    if (values.evaluate !== undefined) {
      const { usageError } = await import('../../errors.ts');
      if (['leg', 'mission', 'type', 'kind', 'country', 'date'].some((k) => values[k] !== undefined)) throw usageError('--evaluate takes no other question');
      const { evaluateFile, renderEvaluation } = await import('../../answers/passengers-evaluate.ts');
      cli.print(command, evaluateFile(cli.path(values.evaluate as string)), renderEvaluation);
      return;
    }
    // A question: the store is only read (writers derive legs and kinds when they load); a type and kind need none.
    const store = values.leg !== undefined || values.mission !== undefined ? await cli.store(command, { readOnly: true }) : null;
    await writeAnswer(cli, command, passengersQuestion, await passengersQuestion.ask(store as Store, values), values);
  });
};
