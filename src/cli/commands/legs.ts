import type { Command } from 'commander';
import type { LegRecord } from '../../answers/leg-files.ts';
import { legsQuestion } from '../../questions/legs.ts';
import type { Register } from '../context.ts';
import { cliValues, questionCommand, writeAnswer } from '../question.ts';

export const registerLegs: Register = (program, cli) => {
  questionCommand(program, legsQuestion).action(async (...args: unknown[]) => {
    const command = args.at(-1) as Command;
    const values = await cliValues(legsQuestion, command);
    if (values.format === 'parquet') {
      const { usageError } = await import('../../errors.ts');
      if (typeof values.out !== 'string') throw usageError('--format parquet writes a file: give --out FILE');
      const store = await cli.store(command, { readOnly: true });
      const legs = (await legsQuestion.ask(store, values)) as LegRecord[];
      const [{ legsAs }, { saveFile }] = await Promise.all([import('../../format/legs.ts'), import('../../format/save.ts')]);
      saveFile(cli.path(values.out), await legsAs('parquet', legs));
      cli.print(command, { file: values.out, rows: legs.length }, (r) => `wrote ${r.rows} leg(s) to ${r.file}`);
      return;
    }
    const store = await cli.store(command, { readOnly: true });
    await writeAnswer(cli, command, legsQuestion, await legsQuestion.ask(store, values), values);
  });
};
