import type { RemovalsAnswer } from '../answers/removals.ts';
import { declare } from './declare.ts';

/** ICE removals by citizenship and fiscal year, next to encounters: `charterwatch removals`, `GET /api/removals`. */
export const removalsQuestion = declare<RemovalsAnswer>({
  name: 'removals',
  summary: 'ICE removals by country of citizenship and fiscal year, next to encounters of that citizenship',
  params: [
    { name: 'citizenship', type: 'country', help: 'ISO code or name: CN, China' },
    { name: 'fy', type: 'fiscalYear', cli: { placeholder: 'year' }, help: 'one fiscal year: 2024 or FY2024' },
  ],
  formats: ['text', 'json'],
  path: '/api/removals',
  ask: async (store, v) => (await import('../answers/removals.ts')).removalsAnswer(store, { citizenship: v.citizenship as string | undefined, fiscalYear: v.fy as number | undefined }),
  write: { text: async (a) => (await import('../answers/removals.ts')).renderRemovals(a) },
});
