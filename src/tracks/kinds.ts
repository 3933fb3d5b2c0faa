/** The kinds a leg is classified as (src/tracks/classify.ts), on their own so that declarations can name them without loading the classifier. */
export type LegKind = 'removal' | 'return' | 'domestic' | 'lateral' | 'foreign' | 'other' | 'possible';
export const LEG_KINDS: readonly LegKind[] = ['removal', 'return', 'domestic', 'lateral', 'foreign', 'other', 'possible'];
