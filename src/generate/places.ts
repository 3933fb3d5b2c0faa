/**
 * Where the generated fleet flies: the staging airports removal charters leave from, their
 * destinations by region, border airports, and airports of unrelated charter work.
 */

/** US airports removal missions leave from (ICE Air staging, as reported by public trackers). */
export const STAGING = ['KAEX', 'KBRO', 'KHRL', 'KELP', 'KIAH', 'KSAT', 'KMIA', 'KYKM', 'KBFI', 'KPHX', 'KIWA', 'KLRD', 'KSHV'];

/** US airports near the border used for land removals: a domestic transfer there is `lateral`. */
export const BORDER = ['KBRO', 'KHRL', 'KLRD', 'KELP', 'KSAN', 'KTUS'];

export interface Region {
  name: string;
  /** Share of removal missions. */
  weight: number;
  destinations: string[];
  /** Fuel stops on the way out and back (one is chosen per mission), abroad or in the US. */
  via?: string[];
  /** Only aircraft of these types fly there. */
  types?: string[];
  /** Chance of a second foreign stop. */
  secondStop?: number;
}

export const REGIONS: Region[] = [
  { name: 'Central America', weight: 0.45, destinations: ['MGGT', 'MHTG', 'MHPR', 'MSLP'], secondStop: 0.25 },
  { name: 'Caribbean', weight: 0.15, destinations: ['MDSD', 'MTPP', 'MKJP'] },
  { name: 'South America', weight: 0.2, destinations: ['SKBO', 'SEQM', 'SPJC', 'SVMI'], types: ['B734', 'B738', 'B763', 'A320', 'MD83'] },
  { name: 'Africa', weight: 0.1, destinations: ['DNMM', 'GOBD', 'HAAB'], via: ['LPLA', 'GVAC'], types: ['B763', 'B738'] },
  // China is left out on purpose: its only flight is the CHINA_2024 scenario ("the first in about
  // six years"), so that the demo's first-since statement has one answer.
  { name: 'Asia', weight: 0.1, destinations: ['VIDP', 'VVNB', 'VLVT'], via: ['PANC'], types: ['B763', 'B738'] },
];

/** Unrelated charter work: holiday flights to Havana, sports teams between big US airports. */
export const HAVANA_GATEWAY = 'KMIA';
export const HAVANA = 'MUHA';
export const SPORTS = ['KBOS', 'KLAS', 'KORD', 'KDEN', 'KEWR', 'KATL', 'KMCO', 'KMSP', 'KJFK', 'KOMA'];

export interface FleetType {
  type: string;
  share: number;
  cruiseKt: number;
  operators: string[];
  prefix: string[];
}

/** Types flown by removal charter operators, with their usual cruise speed. */
export const TYPES: FleetType[] = [
  { type: 'B734', share: 0.25, cruiseKt: 440, operators: ['iAero Airways', 'Swift Air'], prefix: ['SWQ'] },
  { type: 'B738', share: 0.25, cruiseKt: 455, operators: ['GlobalX', 'World Atlantic', 'Eastern Air Express'], prefix: ['GXA', 'WAL', 'GTI'] },
  { type: 'A320', share: 0.15, cruiseKt: 450, operators: ['GlobalX', 'Avelo'], prefix: ['GXA', 'VXP'] },
  { type: 'B763', share: 0.1, cruiseKt: 470, operators: ['Omni Air International', 'Eastern Airlines'], prefix: ['OAE', 'EAL'] },
  { type: 'MD83', share: 0.1, cruiseKt: 430, operators: ['World Atlantic'], prefix: ['WAL'] },
  { type: 'E145', share: 0.15, cruiseKt: 400, operators: ['JSX', 'CSI Aviation'], prefix: ['JSX', 'CSI'] },
];
