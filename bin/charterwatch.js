#!/usr/bin/env node
// Runs the compiled build in dist/ (`npm run build`; `npm ci`, `npm start` and `npm test` run it).
// A build older than the sources is refused rather than run: scripts/build-stamp.js says why.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { staleness } from '../scripts/build-stamp.js';

const stale = staleness(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'));
if (stale) {
  process.stderr.write(`charterwatch: ${stale}; run \`npm run build\` first\n`);
  process.exit(1);
}
const { runMain } = await import('../dist/cli/main.js');
await runMain(process.argv.slice(2));
