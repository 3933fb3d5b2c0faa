import type { Command } from 'commander';
import type { Register } from '../context.ts';
import { maybeDate } from '../../questions/params.ts';

export const registerClassify: Register = (program, cli) => {
  program
    .command('classify')
    .description('classify every stored leg by weighed evidence (removal, return, domestic, lateral, foreign, other, possible); with --evaluate, score the classification against a labels file without writing')
    .option('--evaluate <labels>', 'a labels CSV (source,line,date,callsign,dep,arr,label,…): print precision and recall per kind and the confusion between kinds')
    .option('--blank-callsigns', 'with --evaluate: classify as if no leg carried a callsign')
    .option('--from <date>', 'with --evaluate: score labelled legs from this day')
    .option('--to <date>', 'with --evaluate: score labelled legs before this day')
    .action(async (options: { evaluate?: string; blankCallsigns?: boolean; from?: string; to?: string }, command: Command) => {
      if (options.evaluate) {
        const { evaluateClassification, renderEvaluation } = await import('../../tracks/classify-evaluate.ts');
        const store = await cli.store(command, { readOnly: true });
        const e = await evaluateClassification(store, options.evaluate, {
          blankCallsigns: options.blankCallsigns ?? false,
          from: maybeDate(options.from, '--from')?.slice(0, 10),
          to: maybeDate(options.to, '--to')?.slice(0, 10),
        });
        cli.print(command, e, renderEvaluation);
        return;
      }
      const { classifyStore } = await import('../../tracks/classify-store.ts');
      const { mergeLegs } = await import('../../tracks/merge.ts');
      const store = await cli.store(command);
      // One leg per flight across sources first (src/tracks/merge.ts), as every derivation does.
      const r = await store.exclusive(async () => {
        await mergeLegs(store);
        return classifyStore(store);
      });
      cli.print(command, r, (x) =>
        `${x.legs} leg(s) classified, ${x.missions} mission(s)\n` + Object.entries(x.byKind).sort((a, b) => b[1] - a[1]).map(([k, n]) => `  ${k.padEnd(18)} ${String(n).padStart(6)}`).join('\n'));
    });
};
