import { Store } from '../../src/store/store.ts';

/**
 * A real database with holes: legs of January and March 2024 written straight into the tables,
 * none in February. March holds one mission of three legs with two removals (Alexandria →
 * Guatemala → Brownsville → La Ceiba) and a removal leg no mission holds. For the monthly
 * report's "no data" tests (test/answers/monthly-no-data.test.ts, test/web/report-holes.test.ts).
 */
export async function writeHoles(db: string): Promise<void> {
  const store = await Store.open(db);
  try {
    await store.run(`INSERT INTO sources (id, path, format, sha256, bytes, rows_read, rows_kept, rows_rejected, loaded_at) VALUES (1, '/data/history.csv', 'leg-history', 'abc', 0, 4, 4, 0, now())`);
    const leg = (id: number, dep: string, depC: string, arr: string, arrC: string, time: string, kind: string, mission: number | null) =>
      store.run(
        `INSERT INTO legs (id, origin, source_id, icao24, registration, dep_airport, dep_country, dep_time, dep_status, arr_airport, arr_country, arr_time, arr_status, kind, mission_id, line)
         VALUES (?, 'history', 1, 'a960a9', 'N703KW', ?, ?, ?::TIMESTAMPTZ, 'reported', ?, ?, ?::TIMESTAMPTZ + INTERVAL 3 HOUR, 'reported', ?, ?, ?)`,
        [id, dep, depC, time, arr, arrC, time, kind, mission, id + 1] as never,
      );
    await leg(1, 'KAEX', 'US', 'MGGT', 'GT', '2024-01-10T14:00:00Z', 'removal', null);
    // One mission of three legs with two removals: Alexandria → Guatemala → Brownsville → La Ceiba.
    await leg(2, 'KAEX', 'US', 'MGGT', 'GT', '2024-03-05T14:00:00Z', 'removal', 1);
    await leg(3, 'MGGT', 'GT', 'KBRO', 'US', '2024-03-05T19:00:00Z', 'return', 1);
    await leg(4, 'KBRO', 'US', 'MHLC', 'HN', '2024-03-06T01:00:00Z', 'removal', 1);
    // A removal leg no mission holds: a chain of its own.
    await leg(5, 'KAEX', 'US', 'MSLP', 'SV', '2024-03-20T14:00:00Z', 'removal', null);
    await store.run(`INSERT INTO missions (id, icao24, registration, start_time, end_time, start_airport, end_airport, countries, legs, complete)
      VALUES (1, 'a960a9', 'N703KW', '2024-03-05T14:00:00Z', '2024-03-06T04:00:00Z', 'KAEX', 'MHLC', ['GT', 'HN'], 3, false)`);
  } finally {
    store.close();
  }
}
