import type { Command } from 'commander';
import { encountersAnswer } from '../../answers/encounters.ts';
import { cooperationAnswer } from '../../answers/cooperation.ts';
import { buildDemo } from '../../demo/build.ts';
import { Store } from '../../store/store.ts';
import type { Register } from '../context.ts';

export const registerDemo: Register = (program, cli) => {
  program
    .command('demo')
    .description('build a database from the data shipped in the project, print the answers, and serve the dashboard (--no-serve: build and exit)')
    .option('--no-serve', 'build the database, print the summary and exit')
    .action(async (_options: { serve: boolean }, command: Command) => {
      const { db } = cli.globals(command);
      const { sources } = await buildDemo({ dbPath: db, onLog: (m) => cli.log(m) });
      const store = await Store.open(db, { readOnly: true });
      try {
        const cn = await encountersAnswer(store, { citizenship: 'CN', fiscalYear: 2024, through: '2024-05', by: 'component' });
        const coop = await cooperationAnswer(store, 'CN');
        const summary = {
          database: store.path,
          sources: sources.map(({ path, format, sha256, rowsRead, rowsKept, rowsRejected }) => ({ path, format, sha256, rowsRead, rowsKept, rowsRejected })),
          answers: { encounters: cn, cooperation: coop },
        };
        cli.print(command, summary, (s) => renderSummary(s.database, s.sources.length, cn, coop));
      } finally {
        store.close();
      }
    });
};

function renderSummary(
  database: string,
  nSources: number,
  cn: Awaited<ReturnType<typeof encountersAnswer>>,
  coop: Awaited<ReturnType<typeof cooperationAnswer>>,
): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const lines = [
    `Demo database: ${database} (${nSources} shipped sources)`,
    '',
    `Q4. Chinese nationals encountered by CBP, FY2024 through ${cn.through}: ${n(cn.total)}`,
    `    FY2023 whole year: ${n(cn.previousYear?.fullYear ?? 0)} (${n(cn.previousYear?.exceedsFullYearBy ?? 0)} more this year already)` +
      (cn.record?.thisYearIsRecord ? `; a record within the data (FY${cn.comparisons[0]?.fiscalYear}–FY${cn.comparisons.at(-1)?.fiscalYear})` : ''),
    ...(cn.breakdown?.rows ?? []).map((r) => `    ${r.key === 'OFO' ? 'ports of entry (OFO)' : r.key === 'USBP' ? 'Border Patrol (USBP)' : r.key}: ${n(r.total)}`),
    `    source: ${cn.sources.map((s) => `${s.file} sha256 ${s.sha256.slice(0, 16)}… (${n(s.rowsUsed)} rows)`).join('; ')}`,
    '',
    `Q5. China on ICE "uncooperative" lists: named in ${coop.history.filter((h) => h.status === 'named').map((h) => h.asOf).join(', ')}; last named ${coop.lastNamed?.asOf ?? 'never'} (${coop.lastNamed?.citation ?? ''})`,
    '',
    'Try: charterwatch encounters --citizenship CN --fy 2024 --through 2024-05 --by component',
  ];
  return lines.join('\n');
}
