/**
 * The words the answers' questions take (breakdowns, datasets, sort keys), on their own so that
 * the question declarations (src/questions/) and `--help` can list them without loading an answer.
 */

/**
 * `country` and `airport` are the counted end (the foreign end of removals and returns);
 * `us-airport` the other one: where a removal left from or a return came back to (the departure of other legs).
 */
export const COUNT_BREAKDOWNS = ['country', 'month', 'operator', 'airport', 'us-airport', 'reason', 'kind'] as const;
export type CountBreakdown = (typeof COUNT_BREAKDOWNS)[number];

export const ENCOUNTER_DATASETS = ['cbp-nationwide', 'cbp-southwest', 'ohss-usbp', 'ohss-usbp-region'] as const;
export type EncounterDataset = (typeof ENCOUNTER_DATASETS)[number];
export const ENCOUNTER_BREAKDOWNS = ['month', 'component', 'region', 'demographic'] as const;
export type EncounterBreakdown = (typeof ENCOUNTER_BREAKDOWNS)[number];

/** Keys a list of legs sorts by (a leading - sorts descending). */
export const LEG_SORT_KEYS = ['departure', 'arrival', 'registration', 'operator', 'kind', 'from', 'to', 'country'] as const;
export type LegSortKey = (typeof LEG_SORT_KEYS)[number];
export const LEG_SORT_VALUES = LEG_SORT_KEYS.flatMap((k) => [k, `-${k}`]);
