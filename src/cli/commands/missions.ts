import type { Command } from 'commander';
import { listMissions, missionRows, renderMissions } from '../../answers/missions.ts';
import type { Register } from '../context.ts';
import { legFilterOptions } from './legs.ts';
import { maybeOneOf } from '../options.ts';
import { usageError } from '../../errors.ts';
import { exportParquet } from '../../export/parquet.ts';
import { MISSION_FORMATS, missionsCsv, missionsGeoJson, missionsKml } from '../../export/missions.ts';

export const registerMissions: Register = (program, cli) => {
  program
    .command('missions')
    .description('missions: one aircraft from a US airport, through foreign stops, back to the US')
    .option('--from <date>', 'missions starting on or after this day (UTC)')
    .option('--to <date>', 'end (exclusive)')
    .option('--aircraft <ids>', 'ICAO addresses or registrations, comma-separated')
    .option('--country <country>', 'missions visiting this country')
    .option('--format <format>', `output: text (default), ${MISSION_FORMATS.join('|')}, or parquet (with --out)`)
    .option('--out <file>', 'with --format parquet: the file to write')
    .action(async (options: Record<string, string | undefined>, command: Command) => {
      const filter = legFilterOptions(options);
      const store = await cli.store(command, { readOnly: true });
      if (options.format === 'parquet') {
        if (!options.out) throw usageError('--format parquet writes a file: give --out FILE');
        const rows = await exportParquet(store, missionRows(filter), cli.path(options.out));
        cli.print(command, { file: options.out, rows }, (r) => `wrote ${r.rows} mission(s) to ${r.file}`);
        return;
      }
      const format = maybeOneOf(options.format, MISSION_FORMATS, '--format');
      const missions = await listMissions(store, filter);
      if (format === 'csv') cli.io.stdout(missionsCsv(missions));
      else if (format === 'geojson') cli.io.stdout(missionsGeoJson(missions));
      else if (format === 'kml') cli.io.stdout(missionsKml(missions));
      else if (format === 'json') cli.io.stdout(`${JSON.stringify(missions, null, 2)}\n`);
      else cli.print(command, missions, renderMissions);
    });
};
