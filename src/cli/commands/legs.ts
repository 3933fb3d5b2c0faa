import { legsQuestion } from '../../questions/legs.ts';
import type { Register } from '../context.ts';
import { askCommand } from '../question.ts';

export const registerLegs: Register = (program, cli) => {
  askCommand(program, cli, legsQuestion);
};
