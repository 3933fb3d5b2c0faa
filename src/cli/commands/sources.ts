import type { Command } from 'commander';
import type { Register } from '../context.ts';
import { usageError } from '../../errors.ts';

export const registerSources: Register = (program, cli) => {
  program
    .command('sources')
    .description('list every loaded source with its hash and row counts; --rejects ID shows the rows a source had rejected, --unmatched the names that matched no country')
    .option('--rejects <id>', 'show the rejected rows of this source (line, reason, text)')
    .option('--unmatched', 'show country names that matched no country, by source')
    .option('--stale', 'each dataset: its last month or year in the database, its age, where its next release is published and how to load it')
    .option('--as-of <date>', 'with --stale: measure ages to this day (YYYY-MM-DD; default today)')
    .action(async (options: { rejects?: string; unmatched?: boolean; stale?: boolean; asOf?: string }, command: Command) => {
      const store = await cli.store(command, { readOnly: true });
      if (options.stale) {
        const asOf = options.asOf ?? new Date().toISOString().slice(0, 10);
        if (!/^\d{4}-(0[1-9]|1[0-2])-\d{2}$/.test(asOf)) throw usageError(`--as-of expects a day YYYY-MM-DD, got "${asOf}"`);
        const { renderStale, staleAnswer } = await import('../../answers/stale.ts');
        cli.print(command, await staleAnswer(store, { asOf }), renderStale);
        return;
      }
      const { rejectedRows, sourceCounts, unmatchedNames } = await import('../../query/sources.ts');
      if (options.rejects !== undefined) {
        if (!/^\d+$/.test(options.rejects)) throw usageError(`--rejects expects a source id (a number), got "${options.rejects}"`);
        const rows = await rejectedRows(store, Number(options.rejects));
        cli.print(command, rows, (rs) => (rs.length ? rs.map((r) => `line ${r.line ?? '?'}: ${r.reason}${r.raw ? `  | ${r.raw}` : ''}`).join('\n') : 'no rejected rows'));
        return;
      }
      if (options.unmatched) {
        const rows = await unmatchedNames(store);
        cli.print(command, rows, (rs) => (rs.length ? rs.map((r) => `source ${r.sourceId} ${r.path}: "${r.name}" (${r.rows} rows)`).join('\n') : 'every name matched a country'));
        return;
      }
      const rows = await sourceCounts(store);
      cli.print(command, rows, (rs) =>
        rs.map((r) => `${String(r.sourceId).padStart(3)}  ${String(r.format).padEnd(16)} ${String(r.rowsKept).padStart(9)} kept ${String(r.rowsRejected).padStart(6)} rejected  ${r.generated ? 'GENERATED ' : ''}${r.path}  sha256 ${String(r.sha256).slice(0, 16)}…`).join('\n') || 'no sources loaded',
      );
    });
};
