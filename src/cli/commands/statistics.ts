import { cooperationQuestion } from '../../questions/cooperation.ts';
import { removalsQuestion } from '../../questions/removals.ts';
import type { Register } from '../context.ts';
import { askCommand } from '../question.ts';

export const registerStatistics: Register = (program, cli) => {
  askCommand(program, cli, removalsQuestion);
  askCommand(program, cli, cooperationQuestion);
};
