/**
 * The generated fleet's operators: FICTIONAL airlines ("Generated Charter A" …) with FICTIONAL
 * callsign prefixes (GNA, GNB, GNC, GND: chosen for this generator, not a claim about any real
 * airline; a real ICAO designator may happen to spell the same). Their numbering copies the
 * structure of the two real contractors of 2020, not their numbers' meaning:
 *
 * - A (like Swift/iAero): the program's legs under a block, GNA3400–3699, one new number a leg
 *   (the real WQ3556 → WQ3557 → WQ3558 of one day); public charters under fixed numbers
 *   (GNA1994–1997 to Santo Domingo, GNA701/702, GNA502/503 and GNA3139/3140 to Havana: the last
 *   pair sits just below the program block, as the real WQ3139/3140 did); ferries GNA9xxx.
 * - B (like World Atlantic): the program's legs under four fixed numbers, GNB408/608/708/888, one
 *   per aircraft, the same on every leg; public charters GNB201/202 (Punta Cana), GNB210/211.
 * - C (long-haul 767s) and D (A320s and regional jets): program blocks GNC2200–2299, GND4400–4499.
 *
 * ICE's own callsign `RPN` (the program itself, "Repatriate") is kept: a quarter of the program's
 * missions fly under it.
 */
import type { FlightBlock } from '../tracks/classify-lists.ts';

export interface FleetType {
  type: string;
  cruiseKt: number;
  /** Operator code (the key of OPERATORS). */
  operator: string;
}

export interface GeneratedOperator {
  code: string;
  name: string;
  /** Fictional ICAO-style callsign prefix. */
  prefix: string;
  /** The program's flight numbers of this operator: a block, or a list of fixed numbers. */
  program: { from: number; to: number } | { numbers: number[] };
  /** Chance a week of an aircraft is program work, public charters (timetable) or ad hoc charters. */
  roles: { program: number; schedule: number; charter: number };
}

/** The generated operators. FICTIONAL: no real airline is meant. */
export const OPERATORS: Record<string, GeneratedOperator> = {
  A: { code: 'A', name: 'Generated Charter A', prefix: 'GNA', program: { from: 3400, to: 3699 }, roles: { program: 0.5, schedule: 0.3, charter: 0.2 } },
  B: { code: 'B', name: 'Generated Charter B', prefix: 'GNB', program: { numbers: [408, 608, 708, 888] }, roles: { program: 0.55, schedule: 0.2, charter: 0.25 } },
  C: { code: 'C', name: 'Generated Charter C', prefix: 'GNC', program: { from: 2200, to: 2299 }, roles: { program: 0.75, schedule: 0, charter: 0.25 } },
  D: { code: 'D', name: 'Generated Charter D', prefix: 'GND', program: { from: 4400, to: 4499 }, roles: { program: 0.6, schedule: 0, charter: 0.4 } },
};

/** ICE's own callsign prefix: used only on the program's flights. */
export const PROGRAM_CALLSIGN = 'RPN';

/** Types and their operator, with their usual cruise speed. */
export const TYPES: FleetType[] = [
  { type: 'B734', cruiseKt: 440, operator: 'A' },
  { type: 'B738', cruiseKt: 455, operator: 'A' },
  { type: 'MD83', cruiseKt: 430, operator: 'B' },
  { type: 'B738', cruiseKt: 455, operator: 'B' },
  { type: 'B763', cruiseKt: 470, operator: 'C' },
  { type: 'A320', cruiseKt: 450, operator: 'D' },
  { type: 'E145', cruiseKt: 400, operator: 'D' },
];

/**
 * The fleet's make-up, repeated: the first aircraft is the 767 that flies the China scenario; a
 * fleet of 8 already has two aircraft of each public-charter operator.
 */
export const FLEET_PATTERN: number[] = [4, 0, 2, 0, 3, 6, 1, 2, 5, 0];

/**
 * The program's flight numbers of the generated operators, as blocks of the classifier's
 * flight-number list (`data/program/flight-number-blocks.csv`: prefix, numbers `3400-3699` or
 * `408 608 708 888`, operator, contractor, no period), for scoring the classifier on generated
 * traffic the way it is scored on real data, knowing the contractors' blocks:
 * `classifyStore(store, { lists: { ...programLists(), blocks: [...programLists().blocks, ...programBlocks()] } })`.
 * Each is FICTIONAL: never add them to a list used on real data.
 */
export function programBlocks(): FlightBlock[] {
  return Object.values(OPERATORS).map((o) => {
    const ranges: [number, number][] = 'numbers' in o.program ? o.program.numbers.map((n) => [n, n]) : [[o.program.from, o.program.to]];
    return {
      prefix: o.prefix,
      ranges,
      numbers: ranges.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(' '),
      operator: o.name,
      kind: 'contractor',
      validFrom: null,
      validTo: null,
      established: 'FICTIONAL: the traffic generator flies the program under these numbers (src/generate/operators.ts)',
    };
  });
}

/** The operator of a generated aircraft, by its name. */
export function operatorNamed(name: string): GeneratedOperator {
  const o = Object.values(OPERATORS).find((x) => x.name === name);
  if (!o) throw new Error(`generator: "${name}" is not a generated operator (${Object.values(OPERATORS).map((x) => x.name).join(', ')})`);
  return o;
}
