import { readdirSync } from 'node:fs';
import type { ClaimsAnswer } from '../answers/claims.ts';
import { dataPath } from '../paths.ts';
import { declare } from './declare.ts';

/** The claim files shipped in data/claims/: the API checks these (the command line any file). */
export const shippedClaimFiles = (): string[] => readdirSync(dataPath('claims')).filter((f) => /\.ya?ml$/.test(f)).sort();

/**
 * Official statements checked against the data: `charterwatch claims check FILE`, `GET /api/claims?file=NAME`.
 * `file` is a path on the command line (resolved by it) and a shipped file's name in the API (resolved by it).
 */
export const claimsQuestion = declare<ClaimsAnswer>({
  name: 'claims check',
  summary: 'Check every claim of a claim file (YAML): supported, not supported, contradicted or not checkable here, and why, with the data\'s coverage (docs/claims.md)',
  params: [
    {
      name: 'file',
      type: 'file',
      cli: { argument: true, required: true },
      api: { values: shippedClaimFiles, default: 'dhs-2024-07-china.yaml' },
      help: 'claim file, e.g. data/claims/dhs-2024-07-china.yaml (the API: a file shipped in data/claims/)',
    },
  ],
  formats: ['text', 'json'],
  path: '/api/claims',
  ask: async (store, v) => {
    const { checkClaims } = await import('../answers/claims.ts');
    const { readClaimFile } = await import('../answers/claims-file.ts');
    return checkClaims(store, readClaimFile(v.file as string));
  },
  write: { text: async (a) => (await import('../answers/claims.ts')).renderClaims(a) },
});
