import { badInput } from '../../errors.ts';
import { parquetColumns, readParquetSql } from '../../query/write/file-scan.ts';
import type { Format } from '../format.ts';
import { commitStage, createStage, warnNoPosition } from '../positions/stage.ts';
import { REQUIRED_STATE_COLUMNS, stageStateVectors } from '../positions/state-vectors.ts';

/**
 * Parquet files with OpenSky's state-vector columns (exports of `state_vectors_data4`, the
 * `traffic` library's Parquet files of raw state vectors). DuckDB reads Parquet natively and
 * pushes the fleet filter into the scan; rejected rows carry no line number.
 */
export const openskyParquet: Format = {
  name: 'opensky-parquet',
  description: 'Parquet with OpenSky state-vector columns (time, icao24, lat, lon, …)',
  target: 'positions',
  // Parquet files start (and end) with the magic bytes "PAR1".
  sniff: ({ head, gzip }) => (!gzip && head.length >= 4 && head.subarray(0, 4).toString('latin1') === 'PAR1' ? 80 : 0),
  async load(ctx) {
    const { store } = ctx;
    const from = readParquetSql(ctx.path);
    let columns: string[];
    try {
      columns = await parquetColumns(store, ctx.path);
    } catch (error) {
      throw badInput(`not a readable Parquet file: ${(error as Error).message.split('\n')[0]}`, ctx.path);
    }
    const missing = REQUIRED_STATE_COLUMNS.filter((c) => !columns.includes(c));
    if (missing.length > 0) throw badInput(`missing column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')}; found ${columns.map((c) => `"${c}"`).join(', ')}`, ctx.path);
    await createStage(ctx);
    const { read, noPosition } = await stageStateVectors(ctx, { from, columns });
    warnNoPosition(ctx, noPosition);
    const { kept } = await commitStage(ctx);
    return { rowsRead: read, rowsKept: kept };
  },
};
