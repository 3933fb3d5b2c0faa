import type { CooperationAnswer } from '../answers/cooperation.ts';
import { declare } from './declare.ts';

/** A country on ICE's cooperation lists over time: `charterwatch cooperation CN`, `GET /api/cooperation/CN`. */
export const cooperationQuestion = declare<CooperationAnswer>({
  name: 'cooperation',
  summary: 'A country\'s place on ICE\'s cooperation ("uncooperative" / "at risk") lists over time, with sources',
  params: [{ name: 'country', type: 'country', required: true, cli: { argument: true }, api: { path: true }, help: 'ISO code or name: CN, China' }],
  formats: ['text', 'json'],
  path: '/api/cooperation/{country}',
  ask: async (store, v) => (await import('../answers/cooperation.ts')).cooperationAnswer(store, v.country as string),
  write: { text: async (a) => (await import('../answers/cooperation.ts')).renderCooperation(a) },
});
