import type { Question } from './declare.ts';
import { claimsQuestion } from './claims.ts';
import { cooperationQuestion } from './cooperation.ts';
import { countryQuestion } from './country.ts';
import { encountersQuestion } from './encounters.ts';
import { flightsCountQuestion } from './flights-count.ts';
import { flightsMonthlyQuestion } from './flights-monthly.ts';
import { legsQuestion } from './legs.ts';
import { missionsQuestion } from './missions.ts';
import { monthlyReportQuestion } from './monthly-report.ts';
import { passengersQuestion } from './passengers.ts';
import { removalsQuestion } from './removals.ts';

/** Every question asked both on the command line and in the API, each declared once. */
export const questions: readonly Question<any>[] = [
  legsQuestion,
  missionsQuestion,
  flightsCountQuestion,
  flightsMonthlyQuestion,
  passengersQuestion,
  encountersQuestion,
  removalsQuestion,
  cooperationQuestion,
  claimsQuestion,
  countryQuestion,
  monthlyReportQuestion,
];
