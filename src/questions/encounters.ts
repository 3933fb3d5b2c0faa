import type { EncountersAnswer } from '../answers/encounters.ts';
import { ENCOUNTER_BREAKDOWNS, ENCOUNTER_DATASETS, type EncounterBreakdown, type EncounterDataset } from '../query/vocabulary.ts';
import { CharterwatchError } from '../errors.ts';
import { declare } from './declare.ts';

/** Encounters of a citizenship in a fiscal year to date: `charterwatch encounters`, `GET /api/encounters`. */
export const encountersQuestion = declare<EncountersAnswer>({
  name: 'encounters',
  summary: 'Encounters of a citizenship in a fiscal year to date, against the same months and the whole of earlier years, with sources',
  params: [
    { name: 'citizenship', type: 'country', required: true, help: 'ISO code or name: CN, China, "CHINA, PEOPLES REPUBLIC OF"' },
    { name: 'fy', type: 'fiscalYear', required: true, cli: { placeholder: 'year' }, help: 'US federal fiscal year (October to September): 2024 or FY2024' },
    { name: 'through', type: 'month', help: 'last calendar month to count, YYYY-MM (default: the last month in the data)' },
    { name: 'by', type: 'enum', values: ENCOUNTER_BREAKDOWNS, help: 'breakdown (component: ports of entry vs Border Patrol)' },
    { name: 'dataset', type: 'enum', values: ENCOUNTER_DATASETS, default: 'cbp-nationwide', cli: { placeholder: 'name' }, help: 'which statistics' },
  ],
  formats: ['text', 'json'],
  path: '/api/encounters',
  ask: async (store, v) => {
    const { encountersAnswer, notNamedMessage } = await import('../answers/encounters.ts');
    const answer = await encountersAnswer(store, { citizenship: v.citizenship as string, fiscalYear: v.fy as number, through: v.through as string | undefined, by: v.by as EncounterBreakdown | undefined, dataset: v.dataset as EncounterDataset });
    // A dataset that never names the citizenship has no figure for it: say so, not a table of zeros.
    if (!answer.named) throw new CharterwatchError('NOT_FOUND', notNamedMessage(answer));
    return answer;
  },
  write: { text: async (a) => (await import('../answers/encounters.ts')).renderEncounters(a) },
});
