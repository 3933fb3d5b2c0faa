/**
 * What kind of field an airport is, read from what the shipped list gives: its name and whether it
 * has an IATA code. airportsdata has no type column, so the name's words decide ("Fairchild Afb
 * Airport", "Norfolk Ns (Chambers Field) Airport", "RAF Mildenhall", "Soto Cano Air Base"), and an
 * IATA code stands for a public terminal (IATA codes are given to fields that sell tickets or
 * handle charters; private strips have none).
 *
 * - `military`: a military word and no civil one (Fairchild AFB, Laughlin AFB, Gray Army Air Field);
 * - `joint`: a military word and a civil one, or two names joined by "/" (Yuma MCAS/Yuma
 *   International, Scott AFB/MidAmerica St Louis, Charleston AFB/International): airlines use these;
 * - `heliport`, `seaplane`: by name;
 * - `public`: an IATA code; `private`: none (small strips, private fields).
 */

export type FieldKind = 'public' | 'joint' | 'military' | 'private' | 'heliport' | 'seaplane';

/** Words of military fields in airportsdata's names (US abbreviations as it spells them: Afb, Aaf, Nas, Mcas …). */
const MILITARY = /\b(afb|aaf|army|air force|nas|naf|ns|nalf|nolf|olf|mcas|mcaf|angb|ang|air national guard|arb|jrb|joint base|space force|usaf|air base|airbase|military|militar|naval|navy|raf|base a[eé]rea|cgas|coast guard|lrrs)\b/i;
/** Words that say civil aircraft use the field too. */
const CIVIL = /\/|\b(international|intl|regional|municipal|metro|county)\b/i;
const HELIPORT = /\b(heliport|helipad|helistop)\b/i;
const SEAPLANE = /\b(seaplane|sea plane|spb|water aerodrome|floatplane)\b/i;

/**
 * @example fieldKind('Fairchild Afb Airport', 'SKA') === 'military'
 * @example fieldKind('Yuma Mcas/Yuma International Airport', 'YUM') === 'joint'
 * @example fieldKind('Spokane International Airport', 'GEG') === 'public'
 */
export function fieldKind(name: string, iata: string | null): FieldKind {
  if (HELIPORT.test(name)) return 'heliport';
  if (SEAPLANE.test(name)) return 'seaplane';
  if (MILITARY.test(name)) return CIVIL.test(name) ? 'joint' : 'military';
  return iata ? 'public' : 'private';
}
