import { missionsQuestion } from '../../questions/missions.ts';
import type { Register } from '../context.ts';
import { askCommand } from '../question.ts';

export const registerMissions: Register = (program, cli) => {
  askCommand(program, cli, missionsQuestion);
};
