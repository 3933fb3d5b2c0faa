import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { plan, wholeHours, type Pulled } from '../../src/pull/windows.ts';

const H = 3600;
const fleet = (...a: string[]) => new Set(a);

describe('planning the windows of a pull', () => {
  const cases: { name: string; from: number; to: number; fleet: Set<string> | null; pulled: Pulled[]; windowHours: number; expected: unknown }[] = [
    {
      name: 'cuts a fresh range into windows of the given length',
      from: 0, to: 5 * H, fleet: fleet('a00002', 'a00001'), pulled: [], windowHours: 2,
      expected: [
        { start: 0, end: 2 * H, include: ['a00001', 'a00002'], exclude: [] },
        { start: 2 * H, end: 4 * H, include: ['a00001', 'a00002'], exclude: [] },
        { start: 4 * H, end: 5 * H, include: ['a00001', 'a00002'], exclude: [] },
      ],
    },
    {
      name: 'skips hours already pulled for the whole fleet',
      from: 0, to: 4 * H, fleet: fleet('a00001'), pulled: [{ start: H, end: 3 * H, aircraft: ['a00001'], excluded: [] }], windowHours: 24,
      expected: [
        { start: 0, end: H, include: ['a00001'], exclude: [] },
        { start: 3 * H, end: 4 * H, include: ['a00001'], exclude: [] },
      ],
    },
    {
      name: 'asks only for the aircraft an earlier pull did not have',
      from: 0, to: 2 * H, fleet: fleet('a00001', 'a00002'), pulled: [{ start: 0, end: 2 * H, aircraft: ['a00001'], excluded: [] }], windowHours: 24,
      expected: [{ start: 0, end: 2 * H, include: ['a00002'], exclude: [] }],
    },
    {
      name: 'pulls nothing when an earlier pull of every aircraft covers the range',
      from: 0, to: 2 * H, fleet: fleet('a00001'), pulled: [{ start: 0, end: 6 * H, aircraft: null, excluded: [] }], windowHours: 24,
      expected: [],
    },
    {
      name: 'with --all, leaves out the aircraft already pulled',
      from: 0, to: H, fleet: null, pulled: [{ start: 0, end: H, aircraft: ['a00009', 'a00001'], excluded: [] }], windowHours: 24,
      expected: [{ start: 0, end: H, include: null, exclude: ['a00001', 'a00009'] }],
    },
    {
      name: 'with --all after an --all that left some out, asks for those only',
      from: 0, to: H, fleet: null, pulled: [{ start: 0, end: H, aircraft: null, excluded: ['a00003'] }], windowHours: 24,
      expected: [{ start: 0, end: H, include: ['a00003'], exclude: [] }],
    },
    {
      name: 'copes with windows of another length pulled before',
      from: 0, to: 6 * H, fleet: fleet('a00001'), pulled: [{ start: 2 * H, end: 5 * H, aircraft: ['a00001'], excluded: [] }], windowHours: 6,
      expected: [
        { start: 0, end: 2 * H, include: ['a00001'], exclude: [] },
        { start: 5 * H, end: 6 * H, include: ['a00001'], exclude: [] },
      ],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(plan({ from: c.from, to: c.to, fleet: c.fleet, pulled: c.pulled, windowHours: c.windowHours }), c.expected);
    });
  }

  it('rounds a range out to whole hours', () => {
    assert.deepEqual(wholeHours(Date.UTC(2024, 6, 2, 0, 30) / 1000, Date.UTC(2024, 6, 2, 2, 1) / 1000), {
      from: Date.UTC(2024, 6, 2, 0) / 1000,
      to: Date.UTC(2024, 6, 2, 3) / 1000,
    });
  });
});
