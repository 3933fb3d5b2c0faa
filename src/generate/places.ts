/**
 * Where the generated fleet flies, taken from what the real 2020 history shows (the RadarBox legs
 * of two ICE charter contractors, 12 Jan – 27 Apr 2020, `data/demo/radarbox-…csv.gz`; the counts
 * quoted below are that file's, the program's legs being those under the contractors' ICE Air
 * flight-number blocks): the program's hubs and pickup circuits, its destinations, and the
 * airports of the same airlines' other work (public charters, sports and casino charters,
 * evacuation charters). None of it is read from the classifier's lists.
 */

/**
 * Hubs removal legs leave from, weighted by the real history's program departures abroad
 * (KBRO 68, KAEX 56, KIWA 36, KELP 32, KIAH 25, KMIA 12, KLRD 11, KDAL 10, KSAT 6, KSAN 6).
 */
export const DEPARTURE_HUBS: [string, number][] = [
  ['KBRO', 68], ['KAEX', 56], ['KIWA', 36], ['KELP', 32], ['KIAH', 25], ['KMIA', 12], ['KLRD', 11], ['KDAL', 10], ['KSAT', 6], ['KSAN', 6],
];

/** Hubs return legs come back to (KIWA 74, KAEX 55, KSAT 54, KBRO 46, KMIA 25, KELP 5). */
export const RETURN_HUBS: [string, number][] = [['KIWA', 74], ['KAEX', 55], ['KSAT', 54], ['KBRO', 46], ['KMIA', 25], ['KELP', 5]];

/** Every hub: where program aircraft spend the night. */
export const HUBS = [...new Set([...DEPARTURE_HUBS, ...RETURN_HUBS].map(([h]) => h))];

/**
 * Pickup circuits of program days without a flight abroad, as the real program legs chain them
 * (e.g. KBRO → KTOL → KRIC → KAEX 15 times; KAEX → KMSP → KOMA → KMCI → KBRO; KIWA → KYKM →
 * KLAS → KELP). Several touch airports that are also sports and casino destinations (KEWR, KLAS,
 * KMSP, KOMA, KDEN): the same airport is no evidence either way.
 */
export const CIRCUITS: string[][] = [
  ['KBRO', 'KTOL', 'KRIC', 'KAEX'],
  ['KAEX', 'KMSP', 'KOMA', 'KMCI', 'KBRO'],
  ['KAEX', 'KPSM', 'KEWR', 'KLRD'],
  ['KIWA', 'KYKM', 'KLAS', 'KELP'],
  ['KAEX', 'KMDT', 'KBRO'],
  ['KBRO', 'KGYY', 'KAEX'],
  ['KMIA', 'KCSG', 'KAEX'],
  ['KSAT', 'KCSG', 'KBRO', 'KSAT'],
  ['KVCV', 'KSAN', 'KIWA'],
  ['KSAT', 'KELP', 'KJAX', 'KSAT'],
  ['KIWA', 'KELP', 'KIWA'],
  ['KAEX', 'KBRO', 'KAEX'],
  ['KSAT', 'KBRO', 'KSAT'],
  ['KIWA', 'KDEN', 'KSAN', 'KIWA'],
];

/** Airports on the border land removals to Mexico leave from: a program leg ending there on a day without a flight abroad is `lateral`. */
export const BORDER = ['KBRO', 'KHRL', 'KLRD', 'KELP', 'KTUS'];

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
  /** Only from these hubs (the Cuba flights leave from Miami). */
  from?: string[];
}

/**
 * Removal destinations. The real history's program legs abroad went to MGGT 107, MHLM 71,
 * MSLP 36, MMGL 16, SEGU 10, MDSD 8, MTPP 7, SBCF 4, MNMG 4, SKBO 3, SEQM 2, MKJP 2 and MUHA 2
 * (two flights to Havana from Miami, 31 Jan and 28 Feb 2020, by aircraft that had flown hub legs
 * the day before). The generated mix keeps Central America first and flies the rarer regions
 * (Africa, Asia) more often than 2020 did so that a month has some.
 */
export const REGIONS: Region[] = [
  { name: 'Central America', weight: 0.6, destinations: ['MGGT', 'MHLM', 'MSLP', 'MHTG', 'MNMG'], secondStop: 0.1 },
  { name: 'Mexico', weight: 0.05, destinations: ['MMGL', 'MMMX'] },
  { name: 'Caribbean', weight: 0.1, destinations: ['MDSD', 'MTPP', 'MKJP'] },
  { name: 'Cuba', weight: 0.03, destinations: ['MUHA'], from: ['KMIA'] },
  { name: 'South America', weight: 0.12, destinations: ['SEGU', 'SEQM', 'SKBO', 'SBCF', 'SPJC'], types: ['B734', 'B738', 'B763', 'A320', 'MD83'] },
  { name: 'Africa', weight: 0.05, destinations: ['DNMM', 'GOBD', 'HAAB'], via: ['LPLA', 'GVAC'], types: ['B763', 'B738'] },
  // China is left out on purpose: its only flight is the CHINA_2024 scenario ("the first in about
  // six years"), so that the demo's first-since statement has one answer.
  { name: 'Asia', weight: 0.05, destinations: ['VIDP', 'VVNB', 'VLVT'], via: ['PANC'], types: ['B763', 'B738'] },
];

/**
 * Sports-team charter cities, hub cities among them (the real history: Columbia SC → Nashville,
 * Washington National → Atlanta, Indianapolis ⇄ Newark, Baton Rouge ⇄ Nashville, Fayetteville AR
 * → Nashville, Syracuse ⇄ Raleigh-Durham, Boston → Providence …). Atlanta, Nashville, Memphis,
 * Newark, Boston, Chicago, Denver, Las Vegas, Minneapolis, Omaha are also in ICE's ARTS airport
 * dictionary; San Antonio, Houston and Miami are program hubs.
 */
export const TEAM_CITIES = [
  'KCAE', 'KBNA', 'KDCA', 'KATL', 'KMEM', 'KIND', 'KEWR', 'KBTR', 'KFYV', 'KSYR', 'KRDU', 'KPIT', 'KBOS', 'KPHL',
  'KCLT', 'KTLH', 'KMCO', 'KORD', 'KDEN', 'KMSP', 'KOMA', 'KLAS', 'KSAT', 'KIAH', 'KMIA', 'KGSO', 'KCVG',
];

/** Casino charters: the casino airports and the cities they fly players from (the real history: Atlantic City ⇄ Greensboro, Latrobe, Boston, Memphis, Raleigh, Charlotte). */
export const CASINOS: { casino: string; feeders: string[] }[] = [
  { casino: 'KACY', feeders: ['KGSO', 'KLBE', 'KBOS', 'KMEM', 'KRDU', 'KCLT', 'KPIT', 'KBDL'] },
  { casino: 'KLAS', feeders: ['KOMA', 'KMSP', 'KDEN', 'KMCI', 'KIND'] },
];

/**
 * Evacuation, student and tour charters: one-off destinations flown in a burst of a few days by
 * several aircraft from one US gateway (March 2020: Newark and Miami ⇄ Grenada for a medical
 * school, 13–16 March; Barbados, Trinidad, Suriname, St Kitts, Belize, Roatán, Liberia CR,
 * Quito). The aircraft flies out empty under a ferry number and back loaded.
 */
export const EVACUATIONS: { gateways: string[]; destinations: string[] }[] = [
  { gateways: ['KEWR', 'KMIA'], destinations: ['TGPY'] },
  { gateways: ['KMIA'], destinations: ['TBPB', 'TTPP', 'SMJP', 'TKPK', 'MZBZ', 'MHRO', 'MRLB', 'SEQM'] },
];

/** The gateway of the airlines' public charters to Cuba and the Dominican Republic. */
export const GATEWAY = 'KMIA';
