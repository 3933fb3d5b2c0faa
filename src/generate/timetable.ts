/**
 * The public charters the program's airlines fly from Miami on a timetable, and local time.
 *
 * Taken from the real 2020 history (`data/demo/radarbox-…csv.gz`): Swift/iAero flew Miami → Santo
 * Domingo twice a day (WQ1997 at 08:15 and WQ1995 at 12:45 Miami time, back as WQ1996 at 13:45 and
 * WQ1994 at 18:00 Santo Domingo time: each on 53–61 of the days to mid-March), Miami → Havana
 * several times a day (WQ701 at 06:00, WQ502 at 07:00, WQ3139 …) and to Santa Clara, Holguín,
 * Camagüey, Santiago; World Atlantic Miami → Punta Cana (WAL201 at 10:00) and Santo Domingo;
 * Swift a weekly Tuesday tour charter to Kingston (WQ840 at 15:00). The aircraft on them rotate
 * from day to day among the same airline's fleet, which flies the program's missions too.
 * The generated timetable copies the routes, hours and regularity under FICTIONAL numbers.
 */

export interface Rotation {
  /** Operator code (OPERATORS). */
  operator: string;
  /** Outbound and inbound flight numbers (without prefix). */
  out: number;
  back: number;
  from: string;
  to: string;
  /** Local departure hour (decimal) at `from`, and of the return at `to`. */
  depart: number;
  departBack: number;
  /** Days of the week flown (0 = Sunday), and the chance a scheduled day is flown at all. */
  days: number[];
  share: number;
}

const DAILY = [0, 1, 2, 3, 4, 5, 6];

/** In order of priority: when an airline has fewer aircraft on the timetable than rotations, the later ones are not flown that day. */
export const TIMETABLE: Rotation[] = [
  { operator: 'A', out: 1997, back: 1996, from: 'KMIA', to: 'MDSD', depart: 8.25, departBack: 13.75, days: DAILY, share: 0.95 },
  { operator: 'A', out: 1995, back: 1994, from: 'KMIA', to: 'MDSD', depart: 12.75, departBack: 18, days: DAILY, share: 0.95 },
  { operator: 'A', out: 701, back: 702, from: 'KMIA', to: 'MUHA', depart: 6, departBack: 8.17, days: DAILY, share: 0.9 },
  { operator: 'A', out: 3139, back: 3140, from: 'KMIA', to: 'MUHA', depart: 11, departBack: 13.17, days: DAILY, share: 0.85 },
  { operator: 'A', out: 512, back: 513, from: 'KMIA', to: 'MUSC', depart: 17.5, departBack: 19.83, days: [1, 3, 5, 6], share: 0.9 },
  { operator: 'A', out: 840, back: 841, from: 'KMIA', to: 'MKJP', depart: 15, departBack: 18, days: [2], share: 1 },
  { operator: 'A', out: 532, back: 533, from: 'KMIA', to: 'MUHG', depart: 7.5, departBack: 9.83, days: [0, 2, 4], share: 0.9 },
  { operator: 'B', out: 201, back: 202, from: 'KMIA', to: 'MDPC', depart: 10, departBack: 14.5, days: DAILY, share: 0.85 },
  { operator: 'B', out: 210, back: 211, from: 'KMIA', to: 'MDSD', depart: 9.5, departBack: 15, days: [2, 4, 6], share: 0.9 },
  { operator: 'B', out: 552, back: 553, from: 'KMIA', to: 'MUVR', depart: 7, departBack: 9.5, days: [0, 5], share: 0.9 },
];

/** Routes of the timetable, both ways, as `DEP-ARR`. */
export const CHARTER_ROUTES = new Set(TIMETABLE.flatMap((r) => [`${r.from}-${r.to}`, `${r.to}-${r.from}`]));

/** Standard UTC offsets (hours) of the airports whose local hours matter, and whether they keep US daylight time. */
const ZONES: Record<string, [number, boolean]> = {
  KMIA: [-5, true], MUHA: [-5, true], MUSC: [-5, true], MUHG: [-5, true], MUVR: [-5, true], MKJP: [-5, false],
  MDSD: [-4, false], MDPC: [-4, false], KIWA: [-7, false], KTUS: [-7, false], KPHX: [-7, false],
};

/**
 * The UTC offset (hours) at `code` and epoch second `t`: the table above, else by longitude (US
 * airports keep daylight time from the second Sunday in March to the first Sunday in November;
 * Cuba's own rule is near enough the same).
 */
export function utcOffset(code: string, lon: number, t: number): number {
  const [std, dst] = ZONES[code] ?? [Math.round(lon / 15), code.startsWith('K') || code.startsWith('P')];
  return std + (dst && usDaylight(t) ? 1 : 0);
}

function usDaylight(t: number): boolean {
  const d = new Date(t * 1000);
  const y = d.getUTCFullYear();
  const nthSunday = (month: number, n: number) => {
    const first = new Date(Date.UTC(y, month, 1)).getUTCDay();
    return Date.UTC(y, month, 1 + ((7 - first) % 7) + 7 * (n - 1), 7) / 1000;
  };
  return t >= nthSunday(2, 2) && t < nthSunday(10, 1);
}

/** Epoch seconds of `hour` (decimal, local) on the local day that starts near UTC midnight `day`. */
export function localTime(day: number, hour: number, code: string, lon: number): number {
  return day + hour * 3600 - utcOffset(code, lon, day + 12 * 3600) * 3600;
}
