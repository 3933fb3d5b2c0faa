import type { Command } from 'commander';
import { listMissions, renderMissions } from '../../answers/missions.ts';
import type { Register } from '../context.ts';
import { legFilterOptions } from './legs.ts';
import { maybeOneOf } from '../options.ts';
import { usageError } from '../../errors.ts';
import { writeJson } from '../../format/json.ts';
import { MISSION_EXPORT_FORMATS, missionsAs } from '../../format/missions.ts';
import { saveFile } from '../../format/save.ts';

export const registerMissions: Register = (program, cli) => {
  program
    .command('missions')
    .description('missions: one aircraft from a US airport, through foreign stops, back to the US')
    .option('--from <date>', 'missions starting on or after this day (UTC)')
    .option('--to <date>', 'end (exclusive)')
    .option('--aircraft <ids>', 'ICAO addresses or registrations, comma-separated')
    .option('--country <country>', 'missions visiting this country')
    .option('--format <format>', `output: text (default), json, ${MISSION_EXPORT_FORMATS.join('|')} (parquet with --out)`)
    .option('--out <file>', 'with --format parquet: the file to write')
    .action(async (options: Record<string, string | undefined>, command: Command) => {
      const filter = legFilterOptions(options);
      const format = maybeOneOf(options.format, ['json', ...MISSION_EXPORT_FORMATS] as const, '--format');
      if (format === 'parquet' && !options.out) throw usageError('--format parquet writes a file: give --out FILE');
      const store = await cli.store(command, { readOnly: true });
      const missions = await listMissions(store, filter);
      if (format && format !== 'json') {
        const written = await missionsAs(format, missions);
        if (format !== 'parquet') return cli.io.stdout(written as string);
        saveFile(cli.path(options.out!), written);
        cli.print(command, { file: options.out, rows: missions.length }, (r) => `wrote ${r.rows} mission(s) to ${r.file}`);
        return;
      }
      if (format === 'json') cli.io.stdout(writeJson(missions));
      else cli.print(command, missions, renderMissions);
    });
};
