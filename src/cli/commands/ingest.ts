import type { Command } from 'commander';
import type { SourceSummary } from '../../ingest/ingest.ts';
import type { Register } from '../context.ts';

export const registerIngest: Register = (program, cli) => {
  program
    .command('ingest')
    .description('detect each file\'s format and load it into the store (one transaction per file; a file loaded before is skipped)')
    .argument('<paths...>', 'files or folders to load')
    .option('--format <name>', 'force a reader by its name (an unknown name lists them)')
    .option('--watchlist <file>', 'keep positions of these aircraft only (ICAO addresses or registrations, one a line)')
    .option('--all', 'keep positions of every aircraft, not only the watched fleet')
    .option('--no-legs', 'do not derive legs, missions and kinds from new positions now (the next command that writes, or "charterwatch tracks", does)')
    .action(async (paths: string[], options: { format?: string; watchlist?: string; all?: boolean; legs: boolean }, command: Command) => {
      const { ingestPaths } = await import('../../ingest/ingest.ts');
      const { resolveFleet } = await import('../../fleet/watchlist.ts');
      const store = await cli.store(command);
      const summaries = await ingestPaths(store, paths.map((p) => cli.path(p)), {
        format: options.format,
        fleet: () => resolveFleet(store, { watchlist: options.watchlist === undefined ? undefined : cli.path(options.watchlist), all: options.all === true }),
        onWarning: (message) => cli.log(`warning: ${message}`),
      });
      // New positions change the legs of their aircraft: the store keeps that owed (derive_queue),
      // and the command derives them, then missions and kinds, as it ends (Cli.finish), unless told not to.
      if (!options.legs) cli.deferDerivations();
      cli.print(command, { sources: summaries.map(publicSummary) }, ({ sources }) => sources.map(describe).join('\n'));
    });
};

function publicSummary(s: SourceSummary) {
  const { path, format, sha256, rowsRead, rowsKept, rowsRejected, skipped, sourceId, rejectsByReason, warnings, unresolvedRegistrations } = s;
  return { path, format, sha256, rowsRead, rowsKept, rowsRejected, skipped, sourceId, rejectsByReason, warnings, ...(unresolvedRegistrations ? { unresolvedRegistrations } : {}) };
}

function describe(s: SourceSummary): string {
  if (s.skipped) return `${s.path}: already loaded as source ${s.sourceId} (${s.format}, sha256 ${s.sha256.slice(0, 12)}…): skipped`;
  return `${s.path}: ${s.format}, ${s.rowsRead.toLocaleString('en-US')} rows read, ${s.rowsKept.toLocaleString('en-US')} kept, ${s.rowsRejected.toLocaleString('en-US')} rejected (source ${s.sourceId}, sha256 ${s.sha256.slice(0, 12)}…)${unresolved(s)}`;
}

/** The registrations of a leg history that no rule or registry resolves to an ICAO address. */
function unresolved(s: SourceSummary): string {
  const list = s.unresolvedRegistrations ?? [];
  if (list.length === 0) return '';
  const legs = list.reduce((n, r) => n + r.legs, 0);
  return `\n  ${legs.toLocaleString('en-US')} leg(s) under ${list.length} registration(s) with no ICAO address (kept, not merged with other sources): ${list.map((r) => `${r.registration} (${r.legs})`).join(', ')}`;
}
