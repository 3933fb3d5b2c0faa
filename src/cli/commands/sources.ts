import type { Command } from 'commander';
import type { Register } from '../context.ts';
import { usageError } from '../../errors.ts';

export const registerSources: Register = (program, cli) => {
  program
    .command('sources')
    .description('list every loaded source with its hash and row counts; --rejects ID shows the rows a source had rejected, --unmatched the names that matched no country')
    .option('--rejects <id>', 'show the rejected rows of this source (line, reason, text)')
    .option('--unmatched', 'show country names that matched no country, by source')
    .action(async (options: { rejects?: string; unmatched?: boolean }, command: Command) => {
      const { shownSourceNameSql } = await import('../../answers/provenance.ts');
      const store = await cli.store(command, { readOnly: true });
      if (options.rejects !== undefined) {
        if (!/^\d+$/.test(options.rejects)) throw usageError(`--rejects expects a source id (a number), got "${options.rejects}"`);
        const rows = await store.all<{ line: number | null; reason: string; raw: string | null }>(
          `SELECT line, reason, raw FROM rejects WHERE source_id = ? ORDER BY line NULLS LAST`,
          [Number(options.rejects)],
        );
        cli.print(command, rows, (rs) => (rs.length ? rs.map((r) => `line ${r.line ?? '?'}: ${r.reason}${r.raw ? `  | ${r.raw}` : ''}`).join('\n') : 'no rejected rows'));
        return;
      }
      if (options.unmatched) {
        const rows = await store.all(`SELECT u.source_id AS "sourceId", ${shownSourceNameSql('s.path')} AS path, u.name, u.rows FROM unmatched_names u JOIN sources s ON s.id = u.source_id ORDER BY 1, 3`);
        cli.print(command, rows, (rs) => (rs.length ? rs.map((r) => `source ${r.sourceId} ${r.path}: "${r.name}" (${r.rows} rows)`).join('\n') : 'every name matched a country'));
        return;
      }
      const rows = await store.all<Record<string, unknown>>(
        `SELECT id AS "sourceId", ${shownSourceNameSql('path')} AS path, format, sha256, bytes, rows_read AS "rowsRead", rows_kept AS "rowsKept", rows_rejected AS "rowsRejected",
                release_through AS "releaseThrough", loaded_at AS "loadedAt", generated FROM sources ORDER BY id`,
      );
      cli.print(command, rows, (rs) =>
        rs.map((r) => `${String(r.sourceId).padStart(3)}  ${String(r.format).padEnd(16)} ${String(r.rowsKept).padStart(9)} kept ${String(r.rowsRejected).padStart(6)} rejected  ${r.generated ? 'GENERATED ' : ''}${r.path}  sha256 ${String(r.sha256).slice(0, 16)}…`).join('\n') || 'no sources loaded',
      );
    });
};
