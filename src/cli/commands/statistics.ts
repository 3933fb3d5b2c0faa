import type { Command } from 'commander';
import { cooperationQuestion } from '../../questions/cooperation.ts';
import { removalsQuestion } from '../../questions/removals.ts';
import type { Register } from '../context.ts';
import { cliValues, questionCommand, writeAnswer } from '../question.ts';

export const registerStatistics: Register = (program, cli) => {
  for (const question of [removalsQuestion, cooperationQuestion] as const) {
    questionCommand(program, question).action(async (...args: unknown[]) => {
      const command = args.at(-1) as Command;
      const values = await cliValues(question, command);
      const store = await cli.store(command, { readOnly: true });
      await writeAnswer(cli, command, question as typeof removalsQuestion, (await question.ask(store, values)) as never, values);
    });
  }
};
