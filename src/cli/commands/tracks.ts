import type { Command } from 'commander';
import type { Register } from '../context.ts';
import { maybeDate } from '../../questions/params.ts';
import { usageError } from '../../errors.ts';

export const registerTracks: Register = (program, cli) => {
  program
    .command('tracks')
    .description('derive legs from the stored positions (take-off to landing, airports and their status), then missions and kinds; ingest does this by itself for new positions')
    .option('--from <date>', 'only positions from this day (UTC)')
    .option('--to <date>', 'only positions before this day (UTC)')
    .option('--aircraft <ids>', 'only these aircraft, comma-separated: ICAO addresses or registrations')
    .action(async (options: { from?: string; to?: string; aircraft?: string }, command: Command) => {
      const { rebuildFromPositions } = await import('../../tracks/rebuild.ts');
      const { addressOf, loadIdentities } = await import('../../fleet/identity.ts');
      const store = await cli.store(command);
      // A registration stands for its address: the FAA rule, else the fleet registry.
      const known = await loadIdentities(store);
      const aircraft = options.aircraft?.split(',').map((a) => a.trim()).filter(Boolean).map((a) => {
        const hex = /^[0-9a-f]{6}$/i.test(a) ? a.toLowerCase() : addressOf(a, known);
        if (!hex) throw usageError(`--aircraft: "${a}" is neither an ICAO address (6 hex digits) nor a registration the FAA rule or the fleet registry resolves`);
        return hex;
      });
      const [from, to] = [maybeDate(options.from, '--from'), maybeDate(options.to, '--to')];
      // One derivation at a time per open database (a watch's, an ingest's run by the same owner).
      const result = await store.exclusive(() => rebuildFromPositions(store, { from, to, aircraft }));
      cli.print(command, result, (r) =>
        `${r.legs.legs} leg(s) from ${r.legs.positions.toLocaleString('en-US')} positions of ${r.legs.aircraft} aircraft (${r.legs.stats.duplicates} duplicates, ${r.legs.stats.outliers} outliers dropped); ${r.classification.missions} mission(s)\n` +
        Object.entries(r.classification.byKind).sort((a, b) => b[1] - a[1]).map(([k, n]) => `  ${k.padEnd(12)} ${String(n).padStart(6)}`).join('\n'));
    });
};
