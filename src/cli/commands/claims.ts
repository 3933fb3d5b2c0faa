import type { Command } from 'commander';
import { claimsQuestion } from '../../questions/claims.ts';
import type { Register } from '../context.ts';
import { cliValues, questionCommand, writeAnswer } from '../question.ts';

export const registerClaims: Register = (program, cli) => {
  const claims = program.command('claims').description('official statements against the data: a verdict, its figure and the data\'s coverage (docs/claims.md)');
  questionCommand(claims, claimsQuestion).action(async (...args: unknown[]) => {
    const command = args.at(-1) as Command;
    const values = await cliValues(claimsQuestion, command);
    // The file is read before the database is opened: a broken claim file fails at once.
    const { readClaimFile } = await import('../../answers/claims-file.ts');
    readClaimFile(cli.path(values.file as string));
    const store = await cli.store(command, { readOnly: true });
    await writeAnswer(cli, command, claimsQuestion, await claimsQuestion.ask(store, { ...values, file: cli.path(values.file as string) }), values);
  });
};
