import type { RemovalsAnswer } from './removals.ts';

/**
 * The estimate checked against an official total: the people estimated on the observed removal
 * flights to a country in a fiscal year cannot exceed ICE's removals of that citizenship in
 * that year (every person on a removal flight is one of ICE's removals; ICE also removes by
 * land and on scheduled airlines, so the share is usually well under 1).
 */
export interface PassengerCrossCheck {
  fiscalYear: number;
  citizenship: string;
  estimatedPeople: number;
  /** The interval's ends, for the warning's words. */
  estimatedLow: number;
  estimatedHigh: number;
  /** ICE's published removals of the citizenship in the fiscal year; null when not loaded. */
  iceRemovals: number | null;
  /** estimatedPeople / iceRemovals, 3 decimals; null without the removals figure. */
  ratio: number | null;
  /** Set when the estimate exceeds ICE's removals. */
  warning: string | null;
  text: string;
}

const n = (x: number) => x.toLocaleString('en-US');

export function crossCheck(
  { fiscalYear, citizenship, countryName, estimate }: { fiscalYear: number; citizenship: string; countryName: string; estimate: { low: number; point: number; high: number } },
  removals: Pick<RemovalsAnswer, 'rows'> & Partial<Pick<RemovalsAnswer, 'reach' | 'coverage'>>,
): PassengerCrossCheck {
  const row = removals.rows.find((r) => r.fiscalYear === fiscalYear && r.citizenship === citizenship);
  const iceRemovals = row ? row.removals : null;
  const ratio = iceRemovals ? Math.round((estimate.point / iceRemovals) * 1000) / 1000 : null;
  const exceeds = iceRemovals !== null && estimate.point > iceRemovals;
  const warning = exceeds
    ? `the estimate of ${n(estimate.point)} people (80% interval ${n(estimate.low)}–${n(estimate.high)}) on FY${fiscalYear}'s removal flights to ${countryName} exceeds ICE's ${n(iceRemovals!)} removals of ${countryName} citizens that year: the flights or the headcount model overstate it`
    : null;
  const text = iceRemovals === null
    ? `No ICE removals figure for ${countryName} citizens in FY${fiscalYear} is loaded${removals.coverage && removals.reach ? ` (${removals.reach})` : ''}: the estimate cannot be checked against it.`
    : exceeds
      ? `Warning: ${warning}.`
      : `Estimated people on the removal flights: ${n(estimate.point)}, ${(ratio! * 100).toFixed(1)}% of ICE's ${n(iceRemovals)} removals of ${countryName} citizens in FY${fiscalYear}.`;
  return { fiscalYear, citizenship, estimatedPeople: estimate.point, estimatedLow: estimate.low, estimatedHigh: estimate.high, iceRemovals, ratio, warning, text };
}
