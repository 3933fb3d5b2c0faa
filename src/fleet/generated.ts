/**
 * Identities of GENERATED (synthetic) aircraft, made so that no real aircraft can be mistaken for
 * one and none of them for a real aircraft:
 *
 * - ICAO addresses from b00000–bfffff, a block ICAO Annex 10 Volume III (chapter 9, the world
 *   allocation of 24-bit addresses) keeps "reserved for future use": no state's register holds
 *   it, so no real transponder sends from it today. The generator numbers from b0e001 ("e" for
 *   example) upwards.
 * - Registrations `GEN-01`, `GEN-02`, …: no state's nationality mark is GEN, and a US N-number
 *   never has a hyphen, so no register can hold one.
 *
 * Watching (the live `watch`, an ingest's default fleet) leaves these addresses out: a generated
 * aircraft is never followed as a real one.
 */

/** The reserved block the generator's addresses come from (inclusive). */
export const GENERATED_BLOCK = { first: 0xb00000, last: 0xbfffff } as const;
/** The first address the generator gives. */
const FIRST_GENERATED = 0xb0e001;

/** The address of the `index`-th generated aircraft (0-based): b0e001, b0e002, … */
export function generatedIcao24(index: number): string {
  return (FIRST_GENERATED + index).toString(16);
}

/** The registration of the `index`-th generated aircraft (0-based): GEN-01, GEN-02, … */
export function generatedRegistration(index: number): string {
  return `GEN-${String(index + 1).padStart(2, '0')}`;
}

/** True when `hex` lies in the reserved block generated aircraft use (whitespace and case forgiven). */
export function isGeneratedIcao24(hex: string): boolean {
  const h = hex.trim().toLowerCase();
  if (!/^[0-9a-f]{6}$/.test(h)) return false;
  const n = parseInt(h, 16);
  return n >= GENERATED_BLOCK.first && n <= GENERATED_BLOCK.last;
}

/** True when `reg` is a generated registration (GEN-nn). */
export function isGeneratedRegistration(reg: string): boolean {
  return /^GEN-\d+$/i.test(reg.trim());
}
