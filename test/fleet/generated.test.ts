import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generatedIcao24, generatedRegistration, isGeneratedIcao24 } from '../../src/fleet/generated.ts';
import { isUsIcao24, isUsRegistration } from '../../src/fleet/nnumber.ts';
import { entryFor, putAircraft, watchedIcao24 } from '../../src/fleet/registry.ts';
import { resolveFleet } from '../../src/fleet/watchlist.ts';
import { generateTraffic } from '../../src/generate/index.ts';
import { Store } from '../../src/store/store.ts';
import { tempDb } from '../helpers.ts';

/** Generated aircraft can be taken for no real one, and are never watched as one. */
describe('generated aircraft', () => {
  it('get registrations GEN-nn and addresses from ICAO\'s reserved block, never a US N-number or address', () => {
    const fleet = generateTraffic({ seed: 2024, from: '2024-05-01', to: '2024-05-01', aircraft: 10 }).aircraft;
    assert.deepEqual(fleet.map((a) => a.registration), ['GEN-01', 'GEN-02', 'GEN-03', 'GEN-04', 'GEN-05', 'GEN-06', 'GEN-07', 'GEN-08', 'GEN-09', 'GEN-10']);
    assert.deepEqual(fleet.map((a) => a.icao24), ['b0e001', 'b0e002', 'b0e003', 'b0e004', 'b0e005', 'b0e006', 'b0e007', 'b0e008', 'b0e009', 'b0e00a']);
    assert.equal(fleet.some((a) => isUsRegistration(a.registration) || isUsIcao24(a.icao24)), false);
    assert.deepEqual([generatedRegistration(0), generatedIcao24(0)], ['GEN-01', 'b0e001']);
    assert.deepEqual(['b00000', 'BFFFFF', 'b0e001', 'affffe', 'c00000', 'a960a9'].map(isGeneratedIcao24), [true, true, true, false, false, false]);
  });

  it('are left out of the watched fleet, and a registry of only generated aircraft watches nothing', async () => {
    const store = await Store.open(tempDb());
    try {
      await putAircraft(store, [
        entryFor({ registration: 'GEN-01', icao24: 'b0e001', source: 'GENERATED demo aircraft' }),
        entryFor({ registration: 'GEN-02', icao24: 'b0e002', source: 'GENERATED demo aircraft' }),
      ]);
      assert.deepEqual([...(await watchedIcao24(store))], []);
      await assert.rejects(resolveFleet(store, {}), /the fleet registry watches no aircraft \(generated demo aircraft, GEN-…, are never watched\)/);
      await putAircraft(store, [entryFor({ registration: 'N703KW', source: 'my list' })]);
      assert.deepEqual([...(await watchedIcao24(store))], ['a960a9']);
    } finally {
      store.close();
    }
  });
});
