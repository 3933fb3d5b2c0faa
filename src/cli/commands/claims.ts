import type { Command } from 'commander';
import { checkClaims, renderClaims } from '../../answers/claims.ts';
import { readClaimFile } from '../../answers/claims-file.ts';
import type { Register } from '../context.ts';

export const registerClaims: Register = (program, cli) => {
  const claims = program.command('claims').description('official statements against the data: a verdict, its figure and the data\'s coverage (docs/claims.md)');
  claims
    .command('check')
    .description('check every claim of a claim file (YAML): supported, not supported, contradicted or not checkable here, and why')
    .argument('<file>', 'claim file, e.g. data/claims/dhs-2024-07-china.yaml')
    .action(async (file: string, _options: unknown, command: Command) => {
      const parsed = readClaimFile(cli.path(file));
      const store = await cli.store(command, { readOnly: true });
      cli.print(command, await checkClaims(store, parsed), renderClaims);
    });
};
