import type { PassengersAnswer } from '../answers/passengers-answer.ts';
import { LEG_KINDS } from '../tracks/kinds.ts';
import { declare, instant } from './declare.ts';

/** People on board a leg, a mission, or a type and kind: `charterwatch passengers`, `GET /api/passengers`. */
export const passengersQuestion = declare<PassengersAnswer>({
  name: 'passengers',
  summary: 'People on board: the estimate for a leg, a mission, or a type and kind (destination, day), with its model, 80% interval, inputs, sources and every model\'s held-out error and coverage',
  params: [
    { name: 'leg', type: 'integer', min: 1, max: 999_999_999, cli: { argument: true }, help: 'a leg id (charterwatch legs --json shows them)' },
    { name: 'mission', type: 'integer', min: 1, max: 999_999_999, cli: { placeholder: 'id' }, help: 'a mission id: its foreign drops summed, capped by the seats' },
    { name: 'type', type: 'aircraftType', cli: { placeholder: 'ICAO' }, help: 'aircraft type designator (caps the estimate by its seats): B734' },
    { name: 'kind', type: 'enum', values: LEG_KINDS, help: 'leg kind' },
    { name: 'country', type: 'country', help: 'destination of a removal: GT, China' },
    { name: 'date', type: 'date', cli: { placeholder: 'YYYY-MM-DD' }, help: 'day of the flight (chooses the period)' },
    { name: 'evaluate', type: 'file', api: false, help: 'score the model on observed headcounts instead: CSV flight,date,people[,type,kind,country]' },
  ],
  formats: ['text', 'json'],
  path: '/api/passengers',
  // A leg or a mission reads the store; a type and kind need none (the command line then opens none).
  ask: async (store, v) =>
    (await import('../answers/passengers-answer.ts')).passengersAnswer(store, {
      leg: v.leg as number | undefined,
      mission: v.mission as number | undefined,
      type: v.type as string | undefined,
      kind: v.kind as string | undefined,
      country: v.country as string | undefined,
      date: instant(v.date),
    }),
  write: { text: async (a) => (await import('../answers/passengers-answer.ts')).renderPassengers(a) },
});
