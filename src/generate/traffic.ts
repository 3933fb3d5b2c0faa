/**
 * A seeded generator of a charter fleet's ADS-B positions over a period, with the exact ground
 * truth: every leg (airports, take-off and landing times, kind, and the category of work it
 * belongs to) and every removal mission. What the fleet does is taken from the real 2020 history
 * of two ICE contractors (places.ts, timetable.ts): the program's hub days and missions, and on
 * the same aircraft the work that looks like it (public charters on a timetable, sports and
 * casino charters, evacuation charters, ferries), some of it without a callsign. The positions
 * carry what real receivers deliver: coverage holes over oceans and Central America, fields
 * without ground coverage, noise, outliers, duplicate receivers, stuck or missing on-ground
 * flags, barometric and geometric altitudes, go-arounds.
 *
 * Everything generated is FICTIONAL: operators "Generated Charter A–D" with callsign prefixes
 * GNA–GND (operators.ts), registrations GEN-01… and addresses from ICAO's reserved block b00000–bfffff
 * (src/fleet/generated.ts), which no real aircraft has. ICE's `RPN` is the program's own.
 */
import { airportByCode, type Airport } from '../airports/airports.ts';
import { runwayNeededFt } from '../tracks/ends.ts';
import { greatCircleKm, KT_TO_KMS } from '../tracks/track.ts';
import { BORDER, CASINOS, CIRCUITS, DEPARTURE_HUBS, EVACUATIONS, GATEWAY, HUBS, REGIONS, RETURN_HUBS, TEAM_CITIES, type Region } from './places.ts';
import { FLEET_PATTERN, OPERATORS, PROGRAM_CALLSIGN, TYPES, type FleetType } from './operators.ts';
import { CHARTER_ROUTES, localTime, TIMETABLE, type Rotation } from './timetable.ts';
import { hashUnit, pick, seeded } from './random.ts';
import { PositionBuffer } from './positions.ts';
import { isVisible, type Coverage } from './coverage.ts';
import { generatedIcao24, generatedRegistration } from '../fleet/generated.ts';

export type LegKind = 'removal' | 'return' | 'domestic' | 'lateral' | 'foreign' | 'other';

/**
 * What work a leg belongs to, whatever its kind: the program's (`program`; on a route the
 * airline's public charters also fly, e.g. Miami → Havana: `program-on-charter-route`), or not
 * (kind `other`): a public charter on a timetable (`scheduled-charter`), a sports-team or casino
 * charter (`sports-casino`), an evacuation, student or tour charter (`evacuation`), or a ferry
 * between jobs (`positioning`).
 */
export type LegCategory = 'program' | 'program-on-charter-route' | 'scheduled-charter' | 'sports-casino' | 'evacuation' | 'positioning';
export const CATEGORIES: LegCategory[] = ['program', 'program-on-charter-route', 'scheduled-charter', 'sports-casino', 'evacuation', 'positioning'];

export interface GeneratedAircraft {
  icao24: string;
  registration: string;
  type: string;
  /** A generated operator's name ("Generated Charter A"), FICTIONAL. */
  operator: string;
}

export interface TruthLeg {
  icao24: string;
  /** '' when the aircraft sent none on this leg. */
  callsign: string;
  dep: string;
  arr: string;
  /** Epoch seconds of take-off and touchdown. */
  takeoff: number;
  landing: number;
  kind: LegKind;
  category: LegCategory;
  missionId: number | null;
  goAround: boolean;
}

export interface TruthMission {
  id: number;
  icao24: string;
  /** Indices into `legs`. */
  legs: number[];
  /** Foreign countries visited, ISO-2, in order. */
  countries: string[];
  removal: boolean;
}

export interface GeneratedTraffic {
  aircraft: GeneratedAircraft[];
  positions: PositionBuffer;
  legs: TruthLeg[];
  missions: TruthMission[];
}

/** A mission the generator must fly, e.g. the China flight of 2 July 2024. */
export interface Scenario {
  /** Index into the fleet. */
  aircraft: number;
  /** ISO date-time of the first take-off. */
  start: string;
  /** Airports in order, the first and last in the US. */
  route: string[];
  callsign: string;
}

export interface GenerateOptions {
  seed?: number;
  /** ISO date (UTC), inclusive. */
  from?: string;
  /** ISO date (UTC), exclusive. */
  to?: string;
  /** Fleet size, or the fleet itself (types from TYPES, operators from OPERATORS). */
  aircraft?: number | GeneratedAircraft[];
  /** With a fleet size: the number of the first aircraft (0: GEN-01), so that fleets generated apart into one store never share an address. */
  firstAircraft?: number;
  /** Seconds between airborne positions. */
  stepSeconds?: number;
  /** Defects; set 0 to switch one off. */
  noise?: Partial<Noise>;
  /** Missions to fly; by default the China mission of 2 July 2024 when the period covers it. */
  scenarios?: Scenario[];
}

export interface Noise {
  /** Chance a position is replaced by an impossible one. */
  outliers: number;
  /** Chance a position is repeated by a second receiver. */
  duplicates: number;
  /** Chance a landing is first a go-around. */
  goArounds: number;
  /** Share of aircraft whose on-ground flag is stuck (half true, half false). */
  stuckFlags: number;
  /** Share of aircraft that never send the flag. */
  noFlags: number;
  /** Share of aircraft without barometric altitude (geometric only). */
  noBaro: number;
  /** Dropouts (1–5 min) per airborne hour. */
  dropoutsPerHour: number;
  /** Chance a leg is flown without any callsign (in every category of work; never the scenarios). */
  noCallsign: number;
}

const DEFAULT_NOISE: Noise = { outliers: 1 / 3000, duplicates: 0.04, goArounds: 0.02, stuckFlags: 0.06, noFlags: 0.05, noBaro: 0.05, dropoutsPerHour: 0.3, noCallsign: 0.12 };

/** The demo's acceptance scenario: a removal flight to China around 2 July 2024, via Anchorage. */
export const CHINA_2024: Scenario = { aircraft: 0, start: '2024-07-01T15:00:00Z', route: ['KAEX', 'PANC', 'ZBAA', 'PANC', 'KAEX'], callsign: 'RPN1701' };

const HOUR = 3600;
const DAY = 86400;
const MIN = 60;

type Role = 'program' | 'schedule' | 'charter';

/** Per weekday (0 = Sunday): the chance a program aircraft flies that day (the real program's removals left Monday to Friday: 55, 31, 62, 48, 63 of them; 5 on Sundays, none on Saturdays). */
const PROGRAM_DAY = [0.05, 0.85, 0.7, 0.85, 0.8, 0.85, 0.02];
/** Per weekday: the chance an ad hoc charter trip starts (the real non-program US legs: most on Fridays and Saturdays). */
const CHARTER_DAY = [0.3, 0.15, 0.15, 0.2, 0.45, 0.55, 0.4];

/**
 * Generates the traffic and its truth.
 *
 * @example generateTraffic({ seed: 7, from: '2024-06-15', to: '2024-07-15', aircraft: 60 })
 */
export function generateTraffic({
  seed = 1, from = '2024-06-01', to = '2024-07-01', aircraft = 60, firstAircraft = 0, stepSeconds = 10, noise: noiseOptions = {}, scenarios,
}: GenerateOptions = {}): GeneratedTraffic {
  const noise = { ...DEFAULT_NOISE, ...noiseOptions };
  const rand = seeded(seed);
  const start = Date.parse(from) / 1000;
  const end = Date.parse(to) / 1000;
  const fleet = typeof aircraft === 'number' ? makeFleet(aircraft, rand, firstAircraft) : aircraft;
  scenarios ??= Date.parse(CHINA_2024.start) / 1000 >= start && Date.parse(CHINA_2024.start) / 1000 < end - 4 * 86400 ? [forChina(fleet)] : [];
  const out = new PositionBuffer(fleet.map((a) => a.icao24));
  const legs: TruthLeg[] = [];
  const missions: TruthMission[] = [];
  const coverage: Coverage = { seed, dropouts: [] };
  const specs = fleet.map(specOf);
  const plan = planWork(fleet, specs, scenarios, start, end, rand);

  fleet.forEach((plane, k) => {
    const spec = specs[k]!;
    const op = OPERATORS[spec.operator]!;
    const r = seeded(seed * 7919 + k * 104729);
    const flags: Flags = {
      ground: r() < noise.noFlags ? 'none' : r() < noise.stuckFlags ? (r() < 0.5 ? 'stuck-true' : 'stuck-false') : 'ok',
      baro: r() >= noise.noBaro,
    };
    const mine = scenarios!.filter((s) => s.aircraft === k).map((s) => ({ ...s, t: Date.parse(s.start) / 1000 })).sort((a, b) => a.t - b.t);
    const firstRole = plan.roles[k]![0]!;
    let at = firstRole === 'schedule' ? GATEWAY : firstRole === 'charter' ? pick(r, TEAM_CITIES) : weighted(r, RETURN_HUBS);
    let t = start + r() * 6 * HOUR;
    let stopped = false;
    const ferryNumber = `${op.prefix}9${(registrationDigits(plane.registration) % 1000).toString().padStart(3, '0')}`;
    let blockNumber = 'from' in op.program ? op.program.from + Math.floor(r() * (op.program.to - op.program.from + 1)) : 0;
    const fixedNumber = 'numbers' in op.program ? op.program.numbers[plan.ordinal[k]! % op.program.numbers.length]! : 0;

    /** Flies one leg from `at` (no later than `earliest`); returns its index in `legs`, or -1 once the period has ended. */
    const flyLeg = (arr: string, kind: LegKind, category: LegCategory, callsign: string, missionId: number | null, o: { earliest?: number; ground?: number; keepCallsign?: boolean } = {}): number => {
      const dep = at;
      const takeoff = Math.max(t, o.earliest ?? t);
      if (stopped || takeoff >= end - 60) { stopped = true; return -1; }
      const sent = !o.keepCallsign && r() < noise.noCallsign ? '' : callsign;
      const goAround = r() < noise.goArounds;
      const landing = fly(out, k, airport(dep), airport(arr), takeoff, { stepSeconds, cruiseKt: spec.cruiseKt, goAround, flags, rand: r, coverage, noise, callsign: sent });
      legs.push({ icao24: plane.icao24, callsign: sent, dep, arr, takeoff, landing, kind, category, missionId, goAround });
      at = arr;
      t = landing + (o.ground ?? (45 + r() * 75) * MIN);
      return legs.length - 1;
    };
    const ferry = (to: string, earliest?: number) => { if (at !== to) flyLeg(to, 'other', 'positioning', ferryNumber, null, { earliest }); };
    /** The program's callsign for a mission: ICE's RPN for a quarter of them, else the operator's block (a new number each leg for a block, one fixed number for a list). */
    const programCallsigns = () => {
      if (r() < 0.25) { const c = `${PROGRAM_CALLSIGN}${100 + Math.floor(r() * 900)}`; return () => c; }
      if ('numbers' in op.program) return () => `${op.prefix}${fixedNumber}`;
      const { from: lo, to: hi } = op.program;
      if (op.code !== 'A') { const c = `${op.prefix}${lo + Math.floor(r() * (hi - lo + 1))}`; return () => c; }
      return () => `${op.prefix}${(blockNumber = blockNumber >= hi ? lo : blockNumber + 1)}`;
    };
    const newMission = (): TruthMission => {
      const m: TruthMission = { id: missions.length + 1, icao24: plane.icao24, legs: [], countries: [], removal: true };
      missions.push(m);
      return m;
    };
    const programLeg = (m: TruthMission | null, arr: string, callsign: string, o: { earliest?: number; ground?: number; keepCallsign?: boolean; lateral?: boolean } = {}) => {
      const dep = at;
      const kind = o.lateral && isUs(dep) && BORDER.includes(arr) ? 'lateral' : kindOf(dep, arr);
      const i = flyLeg(arr, kind, CHARTER_ROUTES.has(`${dep}-${arr}`) ? 'program-on-charter-route' : 'program', callsign, m?.id ?? null, { ground: isUs(arr) ? undefined : (60 + r() * 120) * MIN, ...o });
      if (m && i >= 0) {
        m.legs.push(i);
        if (!isUs(arr) && !m.countries.includes(airport(arr).country)) m.countries.push(airport(arr).country);
      }
    };
    const morning = (day: number, code: string, from: number, to: number) => localTime(day, from + r() * (to - from), code, airport(code).lon);

    const firstDay = Math.floor(start / DAY) * DAY;
    for (let day = firstDay; day < end && !stopped; day += DAY) {
      if (t >= day + DAY) continue;
      const d = Math.round((day - firstDay) / DAY);
      const weekday = new Date(day * 1000).getUTCDay();
      const next = mine[0];
      if (next && day + DAY > next.t - 36 * HOUR) {
        // Fly the scenario: position to its first airport, then its route.
        mine.shift();
        ferry(next.route[0]!, next.t - 20 * HOUR);
        const m = newMission();
        for (let s = 1; s < next.route.length; s++) programLeg(m, next.route[s]!, next.callsign, { earliest: s === 1 ? next.t : undefined, keepCallsign: true, ground: (45 + r() * 75) * MIN });
        // The crew and the aircraft rest a day after a mission that long.
        t += DAY;
        continue;
      }
      const nearScenario = next !== undefined && next.t - day < 5 * DAY;
      const evacuation = plan.evacuations[k]!.get(d);
      if (evacuation) {
        // Out empty under the ferry number, back loaded under a charter number, the same day.
        ferry(evacuation.gateway, morning(day, at, 4, 7));
        const out = morning(day, evacuation.gateway, 7, 12);
        if (at !== evacuation.gateway || t > out + 4 * HOUR) continue;
        flyLeg(evacuation.destination, 'other', 'evacuation', ferryNumber, null, { earliest: out, ground: (60 + r() * 60) * MIN });
        flyLeg(evacuation.gateway, 'other', 'evacuation', `${op.prefix}${800 + (d % 90)}`, null);
        continue;
      }
      const role = plan.roles[k]![Math.floor(d / 7)]!;
      if (role === 'schedule') {
        const rotations = plan.rotations[k]!.get(d) ?? [];
        if (rotations.length === 0) { ferry(GATEWAY, morning(day, at, 16, 20)); continue; }
        for (const rot of rotations) {
          const dep = localTime(day, rot.depart, rot.from, airport(rot.from).lon);
          ferry(rot.from, dep - 4 * HOUR);
          if (at !== rot.from || t > dep + 2 * HOUR) continue;
          flyLeg(rot.to, 'other', 'scheduled-charter', `${op.prefix}${rot.out}`, null, { earliest: dep, ground: (40 + r() * 10) * MIN });
          flyLeg(rot.from, 'other', 'scheduled-charter', `${op.prefix}${rot.back}`, null, { earliest: localTime(day, rot.departBack, rot.to, airport(rot.to).lon), ground: (40 + r() * 10) * MIN });
        }
        continue;
      }
      if (role === 'program') {
        if (r() >= PROGRAM_DAY[weekday]!) {
          // A day off: the aircraft waits at a hub (ferried there in the evening when it is not at one).
          if (!HUBS.includes(at)) ferry(weighted(r, RETURN_HUBS), morning(day, at, 16, 20));
          continue;
        }
        if (t > day + 16 * HOUR) continue;
        if (!HUBS.includes(at)) ferry(weighted(r, RETURN_HUBS), morning(day, at, 3, 5));
        const callsign = programCallsigns();
        if (nearScenario || plane.type === 'E145' || r() < 0.3) {
          // A day of pickups and drop-offs between hubs and detention-area airports.
          const circuits = CIRCUITS.filter((c) => c[0] === at);
          const circuit = circuits.length && r() < 0.8 ? pick(r, circuits) : pick(r, CIRCUITS);
          const first = morning(day, at, 5, 8);
          if (circuit[0] !== at) programLeg(null, circuit[0]!, callsign(), { earliest: first, lateral: true });
          for (let s = 1; s < circuit.length; s++) programLeg(null, circuit[s]!, callsign(), { earliest: first, lateral: true });
          continue;
        }
        removalMission(day, callsign);
        continue;
      }
      // Ad hoc charters: a sports team or casino players out, and back a day or more later (not in the days before a scenario).
      if (nearScenario || r() >= CHARTER_DAY[weekday]!) continue;
      const casino = r() < 0.3 ? pick(r, CASINOS) : null;
      const home = casino ? pick(r, casino.feeders) : TEAM_CITIES.includes(at) && r() < 0.5 ? at : pick(r, TEAM_CITIES);
      const away = casino ? casino.casino : pick(r, TEAM_CITIES.filter((c) => c !== home));
      const number = `${op.prefix}${6700 + Math.floor(r() * 700)}`;
      ferry(home, morning(day, at, 7, 10));
      if (at !== home) continue;
      flyLeg(away, 'other', 'sports-casino', number, null, { earliest: casino ? morning(day, home, 9, 12) : morning(day, home, 13, 19) });
      const stay = casino ? 2 + Math.floor(r() * 2) : 1 + Math.floor(r() * 2);
      flyLeg(home, 'other', 'sports-casino', `${op.prefix}${6700 + Math.floor(r() * 700)}`, null, { earliest: casino ? morning(day + stay * DAY, away, 14, 18) : morning(day + stay * DAY, away, 9, 13) });
    }

    /** Hub → (another hub) → abroad → (a second stop) → back to a hub; to Havana from Miami after a day of hub legs ending there. */
    function removalMission(day: number, callsign: () => string): void {
      const region = chooseRegion(r, plane.type);
      const m = newMission();
      if (region.name === 'Cuba') {
        const first = morning(day, at, 5, 8);
        const pickup = pick(r, ['KCSG', 'KAEX', 'KBRO', 'KIAH'].filter((p) => p !== at));
        programLeg(m, pickup, callsign(), { earliest: first });
        programLeg(m, GATEWAY, callsign());
        programLeg(m, 'MUHA', callsign(), { earliest: localTime(day + DAY, 10 + r() * 2, GATEWAY, airport(GATEWAY).lon) });
        programLeg(m, GATEWAY, callsign());
        return;
      }
      const first = morning(day, at, 5, 10);
      let departure = at;
      // Miami is a hub, but few removals leave from it (12 of the real 262): an aircraft there usually picks up elsewhere first.
      if (r() < (at === GATEWAY ? 0.9 : 0.4)) {
        departure = weighted(r, DEPARTURE_HUBS.filter(([h]) => h !== at));
        programLeg(m, departure, callsign(), { earliest: first });
      }
      // Only fields whose runway takes the type (no 767 into Tegucigalpa).
      const fits = region.destinations.filter((x) => (airport(x).longestRunwayFt ?? 0) >= runwayNeededFt(plane.type));
      const via = region.via ? pick(r, region.via) : null;
      const route: string[] = [];
      if (via) route.push(via);
      route.push(pick(r, fits));
      if (region.secondStop && fits.length > 1 && r() < region.secondStop) route.push(pick(r, fits.filter((x) => x !== route[route.length - 1])));
      if (via) route.push(via);
      route.push(r() < 0.5 ? departure : weighted(r, RETURN_HUBS));
      route.forEach((arr, s) => programLeg(m, arr, callsign(), { earliest: s === 0 ? first : undefined }));
    }
  });
  return { aircraft: fleet, positions: out.finish(end, rand, noise.duplicates, noise.outliers), legs, missions };
}

/** Per aircraft: its role each week, the timetable's rotations it flies each day, the evacuation charters it flies. */
interface Plan {
  roles: Role[][];
  rotations: Map<number, Rotation[]>[];
  evacuations: Map<number, { gateway: string; destination: string }>[];
  /** The aircraft's number among its operator's aircraft. */
  ordinal: number[];
}

/**
 * Decides who does what before anyone flies: each aircraft's role a week (by its operator's
 * shares; an operator with a timetable keeps at least one aircraft on it every week), the
 * timetable's rotations of each day among the aircraft on it (a rotation nobody is free for is not
 * flown that day), and the evacuation charters (one burst a four weeks: two aircraft not on the
 * program that week, three days, one destination).
 */
function planWork(fleet: GeneratedAircraft[], specs: FleetType[], scenarios: Scenario[], start: number, end: number, rand: () => number): Plan {
  const firstDay = Math.floor(start / DAY) * DAY;
  const days = Math.ceil((end - firstDay) / DAY);
  const weeks = Math.ceil(days / 7);
  const ordinal: number[] = [];
  const seen = new Map<string, number>();
  for (const s of specs) { ordinal.push(seen.get(s.operator) ?? 0); seen.set(s.operator, (seen.get(s.operator) ?? 0) + 1); }
  const roles: Role[][] = specs.map((s) => {
    const shares = OPERATORS[s.operator]!.roles;
    return Array.from({ length: weeks }, () => {
      const x = rand();
      return x < shares.program ? 'program' : x < shares.program + shares.schedule ? 'schedule' : 'charter';
    });
  });
  for (const op of Object.values(OPERATORS)) {
    const members = specs.map((s, k) => (s.operator === op.code ? k : -1)).filter((k) => k >= 0);
    if (members.length < 2 || !TIMETABLE.some((x) => x.operator === op.code)) continue;
    for (let w = 0; w < weeks; w++) if (!members.some((k) => roles[k]![w] === 'schedule')) roles[members[w % members.length]!]![w] = 'schedule';
  }
  const scenarioAircraft = new Set(scenarios.map((s) => s.aircraft));
  const evacuations = fleet.map(() => new Map<number, { gateway: string; destination: string }>());
  for (let e = 0; e * 28 + 7 <= days; e++) {
    const d = e * 28 + 1 + Math.floor(rand() * Math.min(24, days - e * 28 - 4));
    const group = EVACUATIONS[rand() < 0.4 ? 0 : 1]!;
    const gateway = pick(rand, group.gateways);
    const destination = pick(rand, group.destinations);
    const free = fleet.map((_, k) => k).filter((k) => !scenarioAircraft.has(k) && specs[k]!.type !== 'E145' && roles[k]![Math.floor(d / 7)] !== 'program');
    const crew = free.length ? free : fleet.map((_, k) => k).filter((k) => !scenarioAircraft.has(k));
    for (let n = 0; n < 2 && crew.length; n++) {
      const k = crew.splice(Math.floor(rand() * crew.length), 1)[0]!;
      for (let x = 0; x < 3; x++) if (x === 0 || rand() < 0.8) evacuations[k]!.set(d + x, { gateway, destination });
    }
  }
  const rotations = fleet.map(() => new Map<number, Rotation[]>());
  for (let d = 0; d < days; d++) {
    const day = firstDay + d * DAY;
    const weekday = new Date(day * 1000).getUTCDay();
    const busy = new Map<number, [number, number][]>();
    for (const rot of TIMETABLE) {
      if (!rot.days.includes(weekday) || rand() >= rot.share) continue;
      const from = airport(rot.from);
      const to = airport(rot.to);
      const block = (greatCircleKm(from.lat, from.lon, to.lat, to.lon) / (440 * 1.852)) * HOUR + 20 * MIN;
      const span: [number, number] = [localTime(day, rot.depart, rot.from, from.lon) - 50 * MIN, localTime(day, rot.departBack, rot.to, to.lon) + block + 50 * MIN];
      const pool = specs.map((s, k) => k).filter((k) => specs[k]!.operator === rot.operator && roles[k]![Math.floor(d / 7)] === 'schedule' && !evacuations[k]!.has(d));
      const k = pool.find((k) => (busy.get(k) ?? []).every(([a, b]) => span[1] <= a || span[0] >= b));
      if (k === undefined) continue;
      (busy.get(k) ?? busy.set(k, []).get(k)!).push(span);
      (rotations[k]!.get(d) ?? rotations[k]!.set(d, []).get(d)!).push(rot);
    }
    for (const m of rotations) m.get(d)?.sort((a, b) => a.depart - b.depart);
  }
  return { roles, rotations, evacuations, ordinal };
}

function specOf(a: GeneratedAircraft): FleetType {
  const op = Object.values(OPERATORS).find((o) => o.name === a.operator);
  return TYPES.find((t) => t.type === a.type && (!op || t.operator === op.code)) ?? TYPES.find((t) => t.type === a.type) ?? TYPES[0]!;
}

function registrationDigits(registration: string): number {
  return Number(registration.replace(/\D/g, '')) || 0;
}

function weighted(r: () => number, items: [string, number][]): string {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [item, w] of items) if ((x -= w) < 0) return item;
  return items[items.length - 1]![0];
}

interface Flags {
  ground: 'ok' | 'none' | 'stuck-true' | 'stuck-false';
  baro: boolean;
}

interface FlyOptions {
  stepSeconds: number;
  cruiseKt: number;
  goAround: boolean;
  flags: Flags;
  rand: () => number;
  coverage: Coverage;
  noise: Noise;
  callsign: string;
}

const RAD = Math.PI / 180;

/**
 * Flies one leg: taxi out, climb at 2,000 ft/min, cruise, descend on a 3° path (a go-around
 * first when asked: a missed approach at 300 ft, a circuit at 2,000 ft, a second approach), taxi in.
 * Emits the visible positions; returns the touchdown time.
 */
function fly(out: PositionBuffer, k: number, dep: Airport, arr: Airport, takeoff: number, o: FlyOptions): number {
  const { stepSeconds: step, rand } = o;
  const D = greatCircleKm(dep.lat, dep.lon, arr.lat, arr.lon);
  const cruise = Math.min(39000, Math.max(11000, Math.round((9000 + D * 28) / 1000) * 1000));
  const baroBias = (rand() - 0.5) * 500;
  const [ax, ay, az] = unit(dep.lat, dep.lon);
  const [bx, by, bz] = unit(arr.lat, arr.lon);
  const omega = D / 6371;
  const sinO = Math.sin(omega) || 1;
  const airborneHours = D / (o.cruiseKt * 1.852);
  const dropouts: [number, number][] = [];
  for (let d = 0; d < airborneHours * o.noise.dropoutsPerHour; d++) {
    const s = takeoff + 600 + rand() * Math.max(0, airborneHours * HOUR - 1200);
    dropouts.push([s, s + 60 + rand() * 240]);
  }
  const ctx = { dep, arr, seed: o.coverage.seed, dropouts };
  out.useCallsign(o.callsign);
  const emit = (t: number, lat: number, lon: number, alt: number, gs: number, track: number, onGround: boolean) => {
    if (!isVisible(ctx, t, lat, lon, alt, onGround)) return;
    const flag = o.flags.ground === 'none' ? -1 : o.flags.ground === 'stuck-true' ? 1 : o.flags.ground === 'stuck-false' ? 0 : onGround ? 1 : 0;
    const baro = onGround && rand() < 0.5 ? NaN : alt + (onGround ? 0 : baroBias);
    out.push(k, t, lat + (rand() - 0.5) * 0.0004, lon + (rand() - 0.5) * 0.0004, o.flags.baro ? baro + (rand() - 0.5) * 50 : NaN, onGround || rand() < 0.3 ? NaN : alt + 90, gs, track, flag);
  };
  taxi(emit, dep, takeoff - 420, takeoff, rand);
  let s = 0;
  let alt = dep.elevationFt;
  let t = takeoff;
  let landing = takeoff;
  while (true) {
    const r = D - s;
    const path = arr.elevationFt + 172 * r;
    const target = Math.min(cruise, path);
    alt = alt < target ? Math.min(target, alt + 2000 / 60 * step) : target;
    const above = Math.min(alt - dep.elevationFt, alt - arr.elevationFt);
    const gs = 150 + (o.cruiseKt - 150) * Math.min(1, Math.max(0, above / 24000)) + 20 * Math.sin(t / 5000);
    const ds = gs * KT_TO_KMS * step;
    if (s + ds >= D) { landing = t + ((D - s) / ds) * step; break; }
    s += ds;
    t += step;
    const f = s / D;
    const p = Math.sin((1 - f) * omega) / sinO;
    const q = Math.sin(f * omega) / sinO;
    const x = p * ax + q * bx;
    const y = p * ay + q * by;
    const z = p * az + q * bz;
    const lat = Math.atan2(z, Math.hypot(x, y)) / RAD;
    const lon = Math.atan2(y, x) / RAD;
    emit(t, lat, lon, alt, gs, bearing(lat, lon, arr.lat, arr.lon), false);
  }
  if (o.goAround) {
    // Missed approach: climb out, fly an 8 km circuit at 2,000 ft above the field, then a straight-in from the circuit.
    const course = bearing(dep.lat, dep.lon, arr.lat, arr.lon);
    const circuit = (2 * Math.PI * 8) / (180 * KT_TO_KMS);
    for (let u = step; u < circuit; u += step) {
      const angle = course * RAD + Math.PI + (u / circuit) * 2 * Math.PI;
      const h = arr.elevationFt + Math.min(2000, 300 + u * 20);
      emit(landing + u, arr.lat + (8 / 110.57) * Math.cos(angle), arr.lon + (8 / (111.32 * Math.cos(arr.lat * RAD))) * Math.sin(angle), h, 180, 0, false);
    }
    const startLat = arr.lat + (8 / 110.57) * Math.cos(course * RAD + Math.PI);
    const startLon = arr.lon + (8 / (111.32 * Math.cos(arr.lat * RAD))) * Math.sin(course * RAD + Math.PI);
    const finalS = 8 / (150 * KT_TO_KMS);
    for (let u = step; u < finalS; u += step) {
      const f = u / finalS;
      emit(landing + circuit + u, startLat + (arr.lat - startLat) * f, startLon + (arr.lon - startLon) * f, arr.elevationFt + 172 * 8 * (1 - f), 150, course, false);
    }
    landing += circuit + finalS;
  }
  taxi(emit, arr, landing, landing + 300, rand);
  return landing;
}

/** Ground points every 10 s between t0 and t1, moving slowly near the field's reference point. */
function taxi(emit: (t: number, lat: number, lon: number, alt: number, gs: number, track: number, g: boolean) => void, a: Airport, t0: number, t1: number, rand: () => number): void {
  const dir = rand() * 2 * Math.PI;
  for (let t = t0 + 10 * rand(); t < t1; t += 10) {
    const f = (t - t0) / (t1 - t0);
    const km = 1.5 * (1 - f);
    emit(t, a.lat + (km / 110.57) * Math.cos(dir), a.lon + (km / (111.32 * Math.cos(a.lat * RAD))) * Math.sin(dir), a.elevationFt, 8 + rand() * 12, 0, true);
  }
}

function unit(lat: number, lon: number): [number, number, number] {
  return [Math.cos(lat * RAD) * Math.cos(lon * RAD), Math.cos(lat * RAD) * Math.sin(lon * RAD), Math.sin(lat * RAD)];
}

function bearing(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const y = Math.sin((lon2 - lon1) * RAD) * Math.cos(lat2 * RAD);
  const x = Math.cos(lat1 * RAD) * Math.sin(lat2 * RAD) - Math.sin(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.cos((lon2 - lon1) * RAD);
  return (Math.atan2(y, x) / RAD + 360) % 360;
}

const cache = new Map<string, Airport>();
function airport(code: string): Airport {
  let a = cache.get(code);
  if (!a) {
    a = airportByCode(code);
    if (!a) throw new Error(`generator: unknown airport ${code}`);
    cache.set(code, a);
  }
  return a;
}

function isUs(code: string): boolean {
  return airport(code).country === 'US';
}

/** The kind of a program leg by where it goes: removal US → abroad, return abroad → US, foreign abroad → abroad, domestic US → US. */
function kindOf(dep: string, arr: string): LegKind {
  const a = isUs(dep);
  const b = isUs(arr);
  return a && b ? 'domestic' : a ? 'removal' : b ? 'return' : 'foreign';
}

function chooseRegion(r: () => number, type: string): Region {
  const allowed = REGIONS.filter((g) => !g.types || g.types.includes(type));
  const total = allowed.reduce((s, g) => s + g.weight, 0);
  let x = r() * total;
  for (const g of allowed) if ((x -= g.weight) < 0) return g;
  return allowed[0]!;
}

/**
 * A fleet in FLEET_PATTERN's make-up, GENERATED: registrations GEN-01, GEN-02, … and addresses
 * from ICAO's reserved block (src/fleet/generated.ts), which no real aircraft has. The random
 * draws of the earlier made-up N-numbers are still taken (and thrown away), so a seed flies the
 * same traffic as before.
 */
function makeFleet(n: number, rand: () => number, first: number): GeneratedAircraft[] {
  const fleet: GeneratedAircraft[] = [];
  const seen = new Set<string>();
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  while (fleet.length < n) {
    const drawn = Math.floor(rand() * 0xdf7c6);
    if (seen.has(String(drawn))) continue;
    seen.add(String(drawn));
    rand();
    pick(rand, [...letters]);
    pick(rand, [...letters]);
    const spec = TYPES[FLEET_PATTERN[fleet.length % FLEET_PATTERN.length]!]!;
    fleet.push({
      icao24: generatedIcao24(first + fleet.length),
      registration: generatedRegistration(first + fleet.length),
      type: spec.type,
      operator: OPERATORS[spec.operator]!.name,
    });
  }
  return fleet;
}

function forChina(fleet: GeneratedAircraft[]): Scenario {
  const k = Math.max(0, fleet.findIndex((a) => a.type === 'B763' || a.type === 'B738'));
  return { ...CHINA_2024, aircraft: k };
}

export { hashUnit };
