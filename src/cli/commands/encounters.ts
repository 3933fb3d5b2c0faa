import { encountersQuestion } from '../../questions/encounters.ts';
import type { Register } from '../context.ts';
import { askCommand } from '../question.ts';

export const registerEncounters: Register = (program, cli) => {
  askCommand(program, cli, encountersQuestion);
};
