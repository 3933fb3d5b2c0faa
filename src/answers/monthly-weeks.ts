/**
 * The weeks of a month for the monthly report's weekly view: Monday to Sunday, the first and last
 * cut at the month's ends, so every day of the month is in exactly one week.
 */
export function weeksOfMonth(month: string): { from: string; to: string; days: number }[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const weeks: { from: string; to: string; days: number }[] = [];
  const day = (d: number) => `${month}-${String(d).padStart(2, '0')}`;
  let begin = 1;
  for (let d = 1; d <= last; d++) {
    // getUTCDay: 0 is Sunday, the last day of a week.
    if (new Date(Date.UTC(y, m - 1, d)).getUTCDay() === 0 || d === last) {
      weeks.push({ from: day(begin), to: day(d), days: d - begin + 1 });
      begin = d + 1;
    }
  }
  return weeks;
}
