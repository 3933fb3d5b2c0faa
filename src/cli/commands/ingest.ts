import type { Command } from 'commander';
import { ingestPaths, type SourceSummary } from '../../ingest/ingest.ts';
import { formatByName, formats } from '../../ingest/formats/index.ts';
import { rebuildFromPositions } from '../../tracks/rebuild.ts';
import { resolveFleet } from '../../fleet/watchlist.ts';
import type { Register } from '../context.ts';

export const registerIngest: Register = (program, cli) => {
  program
    .command('ingest')
    .description('detect each file\'s format and load it into the store (one transaction per file; a file loaded before is skipped)')
    .argument('<paths...>', 'files or folders to load')
    .option('--format <name>', `force a reader: ${formats.map((f) => f.name).join(', ')}`)
    .option('--watchlist <file>', 'keep positions of these aircraft only (ICAO addresses or US registrations, one a line)')
    .option('--all', 'keep positions of every aircraft, not only the watched fleet')
    .option('--no-legs', 'do not derive legs, missions and kinds from new positions (run "charterwatch tracks" later)')
    .action(async (paths: string[], options: { format?: string; watchlist?: string; all?: boolean; legs: boolean }, command: Command) => {
      const store = await cli.store(command);
      const summaries = await ingestPaths(store, paths, {
        format: options.format,
        fleet: () => resolveFleet(store, { watchlist: options.watchlist, all: options.all === true }),
        onWarning: (message) => cli.log(`warning: ${message}`),
      });
      // New positions change the legs of their aircraft: derive them again, then classify.
      const loaded = summaries.filter((s) => !s.skipped && formatByName(s.format)?.target === 'positions' && s.rowsKept > 0).map((s) => s.sourceId);
      if (options.legs && loaded.length > 0) {
        const aircraft = (await store.all<{ icao24: string }>(`SELECT DISTINCT icao24 FROM positions WHERE list_contains(?::INTEGER[], source_id)`, [`[${loaded.join(',')}]`] as never)).map((r) => r.icao24);
        const { legs, classification } = await rebuildFromPositions(store, { aircraft });
        cli.log(`legs: ${legs.legs} derived from ${legs.positions.toLocaleString('en-US')} positions of ${legs.aircraft} aircraft; ${classification.missions} mission(s) classified`);
      }
      cli.print(command, { sources: summaries.map(publicSummary) }, ({ sources }) => sources.map(describe).join('\n'));
    });
};

function publicSummary(s: SourceSummary) {
  const { path, format, sha256, rowsRead, rowsKept, rowsRejected, skipped, sourceId, rejectsByReason, warnings } = s;
  return { path, format, sha256, rowsRead, rowsKept, rowsRejected, skipped, sourceId, rejectsByReason, warnings };
}

function describe(s: SourceSummary): string {
  if (s.skipped) return `${s.path}: already loaded as source ${s.sourceId} (${s.format}, sha256 ${s.sha256.slice(0, 12)}…): skipped`;
  return `${s.path}: ${s.format}, ${s.rowsRead.toLocaleString('en-US')} rows read, ${s.rowsKept.toLocaleString('en-US')} kept, ${s.rowsRejected.toLocaleString('en-US')} rejected (source ${s.sourceId}, sha256 ${s.sha256.slice(0, 12)}…)`;
}
