import { flightsCountQuestion } from '../../questions/flights-count.ts';
import { flightsMonthlyQuestion } from '../../questions/flights-monthly.ts';
import type { Register } from '../context.ts';
import { askCommand } from '../question.ts';

export const registerFlights: Register = (program, cli) => {
  const flights = program.command('flights').description('counts of classified flights');
  askCommand(flights, cli, flightsCountQuestion);
  askCommand(flights, cli, flightsMonthlyQuestion);
};
