import type { Command } from 'commander';
import { missionsQuestion } from '../../questions/missions.ts';
import type { Register } from '../context.ts';
import { cliValues, questionCommand, writeAnswer } from '../question.ts';

export const registerMissions: Register = (program, cli) => {
  questionCommand(program, missionsQuestion).action(async (...args: unknown[]) => {
    const command = args.at(-1) as Command;
    const values = await cliValues(missionsQuestion, command);
    if (values.format === 'parquet') {
      const { usageError } = await import('../../errors.ts');
      if (typeof values.out !== 'string') throw usageError('--format parquet writes a file: give --out FILE');
      const store = await cli.store(command, { readOnly: true });
      const missions = await missionsQuestion.ask(store, values);
      const [{ missionsAs }, { saveFile }] = await Promise.all([import('../../format/missions.ts'), import('../../format/save.ts')]);
      saveFile(cli.path(values.out), await missionsAs('parquet', missions));
      cli.print(command, { file: values.out, rows: missions.length }, (r) => `wrote ${r.rows} mission(s) to ${r.file}`);
      return;
    }
    const store = await cli.store(command, { readOnly: true });
    await writeAnswer(cli, command, missionsQuestion, await missionsQuestion.ask(store, values), values);
  });
};
