import { CharterwatchError } from '../errors.ts';

/**
 * US civil registrations (N-numbers) ⇄ ICAO 24-bit addresses, by the FAA's fixed rule.
 *
 * The FAA assigns the block a00001–adf7c7 to the 915,399 possible N-numbers in their sort
 * order: N1, N1A, N1AA, N1AB … N1AZ, N1B, …, N1ZZ, N10, N10A, …, N99999. An N-number is "N",
 * a digit 1–9, up to four more digits, then up to two letters (A–Z without I and O), five
 * characters at most after the N. So the address is the rank of the N-number in that order,
 * plus a00001, and the rank follows from the size of each subtree:
 *
 * - a letter suffix after any digit prefix: none, one letter, or two: 1 + 24 × (1 + 24) = 601
 * - after four digits only one more character fits: none, a letter or a digit: 1 + 24 + 10 = 35
 * - after three digits: 601 + 10 × 35 = 951; after two: 601 + 10 × 951 = 10,111;
 *   after one: 601 + 10 × 10,111 = 101,711.
 *
 * @example icao24FromRegistration('N703KW') // 'a960a9'
 * @example registrationFromIcao24('a95584') // 'N700KW'
 */

/** The 24 letters of N-numbers: I and O are never used (they read as 1 and 0). */
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '0123456789';
const FIRST = 0xa00001;
/** The last US address, N99999. */
const LAST = 0xadf7c7;

/** Ranks below a letter suffix: the prefix itself, then per letter the letter and its 24 two-letter extensions. */
const SUFFIX_SIZE = 1 + LETTERS.length * (1 + LETTERS.length);
/** Subtree sizes under a prefix of 4, 3, 2 and 1 digits (index = number of digits). */
const BUCKET: readonly number[] = (() => {
  const sizes = [0, 0, 0, 0, 1 + LETTERS.length + DIGITS.length];
  for (let digits = 3; digits >= 1; digits -= 1) sizes[digits] = SUFFIX_SIZE + DIGITS.length * sizes[digits + 1]!;
  return sizes;
})();

/** Why `reg` cannot be a US registration, or null when it can (reg already trimmed and upper-case). */
function registrationProblem(reg: string): string | null {
  if (!reg.startsWith('N')) return 'a US registration starts with N';
  const rest = reg.slice(1);
  if (rest === '') return 'nothing follows the N';
  if (rest.length > 5) return `at most five characters may follow the N, found ${rest.length}`;
  if (/[IO]/.test(rest)) return 'the letters I and O are not used in N-numbers';
  if (!/^[0-9A-Z]+$/.test(rest)) return 'only digits and letters may follow the N';
  if (!/^[1-9]/.test(rest)) return 'the first character after the N must be a digit 1-9';
  if (!/^[1-9][0-9]*[A-Z]{0,2}$/.test(rest)) return 'letters may only end an N-number, at most two of them';
  return null;
}

/** Trims and upper-cases a registration as written (`' n703kw '` → `'N703KW'`). */
export const normaliseRegistration = (reg: string): string => reg.trim().toUpperCase();

/** True when `reg` is a well-formed US N-number (whitespace and case forgiven). */
export function isUsRegistration(reg: string): boolean {
  return registrationProblem(normaliseRegistration(reg)) === null;
}

/** True when `hex` is a US address, a00001–adf7c7 (whitespace and case forgiven). */
export function isUsIcao24(hex: string): boolean {
  const h = hex.trim().toLowerCase();
  if (!/^[0-9a-f]{6}$/.test(h)) return false;
  const n = parseInt(h, 16);
  return n >= FIRST && n <= LAST;
}

/**
 * The ICAO address of a US registration, 6 lower-case hex digits.
 * Throws a BAD_INPUT error naming why when the N-number cannot exist.
 */
export function icao24FromRegistration(registration: string): string {
  const reg = normaliseRegistration(registration);
  const problem = registrationProblem(reg);
  if (problem) throw new CharterwatchError('BAD_INPUT', `"${registration.trim()}" is not a US registration: ${problem}`);
  const rest = reg.slice(1);
  let out = FIRST + (rest.charCodeAt(0) - 48 - 1) * BUCKET[1]!;
  let digits = 1;
  for (let i = 1; i < rest.length; i += 1) {
    const c = rest[i]!;
    if (c >= '0' && c <= '9') {
      // Skip the prefix itself and its letter suffixes (or, after four digits, its single letters) and earlier digits.
      const skip = digits === 4 ? 1 + LETTERS.length : SUFFIX_SIZE;
      out += skip + Number(c) * (BUCKET[digits + 1] ?? 1);
      digits += 1;
    } else {
      const letter = LETTERS.indexOf(c);
      // A first letter: past the prefix itself and the earlier letters' subtrees; a second: past the first letter alone.
      const firstLetter = /[0-9]/.test(rest[i - 1]!);
      const width = firstLetter && digits < 4 ? 1 + LETTERS.length : 1;
      out += 1 + letter * width;
    }
  }
  return out.toString(16).padStart(6, '0');
}

/**
 * The US registration of an ICAO address (`'a960a9'` → `'N703KW'`).
 * Throws a BAD_INPUT error when the address is not hex or lies outside the US block.
 */
export function registrationFromIcao24(icao24: string): string {
  const hex = icao24.trim().toLowerCase();
  if (!/^[0-9a-f]{6}$/.test(hex)) throw new CharterwatchError('BAD_INPUT', `"${icao24.trim()}" is not an ICAO address: expected 6 hex digits`);
  let rank = parseInt(hex, 16) - FIRST;
  if (rank < 0 || rank > LAST - FIRST) {
    throw new CharterwatchError('BAD_INPUT', `${hex} has no US registration: US addresses run from a00001 (N1) to adf7c7 (N99999)`);
  }
  let reg = `N${1 + Math.floor(rank / BUCKET[1]!)}`;
  rank %= BUCKET[1]!;
  for (let digits = 1; digits <= 4; digits += 1) {
    if (rank === 0) return reg;
    if (digits === 4) {
      // After four digits: a single letter (1..24) or a digit (25..34).
      rank -= 1;
      return reg + (rank < LETTERS.length ? LETTERS[rank] : DIGITS[rank - LETTERS.length]);
    }
    rank -= 1;
    if (rank < SUFFIX_SIZE - 1) {
      // One of the letter suffixes: 25 ranks per first letter (the letter, then its 24 extensions).
      const first = Math.floor(rank / (1 + LETTERS.length));
      const second = rank % (1 + LETTERS.length);
      return reg + LETTERS[first] + (second === 0 ? '' : LETTERS[second - 1]);
    }
    rank -= SUFFIX_SIZE - 1;
    const size = BUCKET[digits + 1]!;
    reg += DIGITS[Math.floor(rank / size)];
    rank %= size;
  }
  return reg; // five digits: rank is 0 here
}
