import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { icao24FromRegistration, isUsIcao24, isUsRegistration, registrationFromIcao24 } from '../../src/fleet/nnumber.ts';

/**
 * An independent formulation of the rule: every valid N-number, generated in the FAA's sort
 * order by walking the tree of prefixes (the prefix itself, then its letter suffixes, then its
 * digit children). The k-th one must be address a00001 + k.
 */
function* allNNumbers(): Generator<string> {
  const letters = [...'ABCDEFGHJKLMNPQRSTUVWXYZ'];
  function* under(prefix: string): Generator<string> {
    yield prefix;
    const room = 6 - prefix.length; // characters still allowed after "N…" (five at most after the N)
    if (room === 0) return;
    for (const a of letters) {
      yield prefix + a;
      if (room >= 2) for (const b of letters) yield prefix + a + b;
    }
    for (let d = 0; d <= 9; d += 1) yield* under(prefix + d);
  }
  for (let d = 1; d <= 9; d += 1) yield* under(`N${d}`);
}

describe('N-numbers and ICAO addresses', () => {
  const pairs: [string, string][] = [
    ['N1', 'a00001'],
    ['N99999', 'adf7c7'],
    ['N703KW', 'a960a9'],
    ['N700KW', 'a95584'],
    ['N276GX', 'a2bd72'],
    ['N149XA', 'a0c62d'],
    ['N801WA', 'aae789'],
    ['N1A', 'a00002'],
    ['N1AA', 'a00003'],
    ['N10', 'a0025a'],
    ['N1234Z', 'a061d3'],
    ['N12345', 'a061d9'],
  ];
  for (const [reg, hex] of pairs) {
    it(`maps ${reg} to ${hex} and back`, () => {
      assert.equal(icao24FromRegistration(reg), hex);
      assert.equal(registrationFromIcao24(hex), reg);
    });
  }

  it('forgives stray whitespace and lower case', () => {
    assert.equal(icao24FromRegistration('  n703kw \t'), 'a960a9');
    assert.equal(registrationFromIcao24(' A960A9 '), 'N703KW');
    assert.equal(isUsRegistration(' n700kw'), true);
  });

  const impossible: [string, RegExp][] = [
    ['N0', /first character after the N must be a digit 1-9/],
    ['NABCDE', /first character after the N must be a digit 1-9/],
    ['N12I', /letters I and O are not used/],
    ['N1O', /letters I and O are not used/],
    ['N123456', /at most five characters may follow the N, found 6/],
    ['703KW', /starts with N/],
    ['N', /nothing follows the N/],
    ['N12ABC', /letters may only end an N-number, at most two/],
    ['N1A2', /letters may only end an N-number/],
    ['N12-3', /only digits and letters/],
  ];
  for (const [reg, message] of impossible) {
    it(`rejects ${reg}, saying why`, () => {
      assert.throws(() => icao24FromRegistration(reg), message);
      assert.equal(isUsRegistration(reg), false);
    });
  }

  it('says that an address outside a00001-adf7c7 has no US registration', () => {
    assert.throws(() => registrationFromIcao24('3c6645'), /3c6645 has no US registration/);
    assert.throws(() => registrationFromIcao24('a00000'), /no US registration/);
    assert.throws(() => registrationFromIcao24('adf7c8'), /no US registration/);
    assert.throws(() => registrationFromIcao24('a960a'), /expected 6 hex digits/);
    assert.equal(isUsIcao24('3c6645'), false);
    assert.equal(isUsIcao24('adf7c7'), true);
  });

  it('maps all 915,399 N-numbers, in order, to the consecutive addresses a00001-adf7c7 and back', () => {
    let expected = 0xa00001;
    for (const reg of allNNumbers()) {
      const hex = expected.toString(16);
      // assert.equal per item is slow over 915,399 items: compare, and fail with the first mismatch.
      if (icao24FromRegistration(reg) !== hex) assert.equal(icao24FromRegistration(reg), hex, reg);
      if (registrationFromIcao24(hex) !== reg) assert.equal(registrationFromIcao24(hex), reg, hex);
      expected += 1;
    }
    assert.equal(expected - 0xa00001, 915_399);
    assert.equal((expected - 1).toString(16), 'adf7c7');
  });
});
