import type { Command } from 'commander';
import { encountersQuestion } from '../../questions/encounters.ts';
import type { Register } from '../context.ts';
import { cliValues, questionCommand, writeAnswer } from '../question.ts';

export const registerEncounters: Register = (program, cli) => {
  questionCommand(program, encountersQuestion).action(async (...args: unknown[]) => {
    const command = args.at(-1) as Command;
    const values = await cliValues(encountersQuestion, command);
    const store = await cli.store(command, { readOnly: true });
    await writeAnswer(cli, command, encountersQuestion, await encountersQuestion.ask(store, values), values);
  });
};
