/**
 * Generated traffic out of memory: into the store's `positions` (one `sources` row marked
 * generated), or as an OpenSky state-vector CSV file the ingest command reads like a real one.
 */
import { createHash } from 'node:crypto';
import { openPositionsAppender } from '../query/write/append.ts';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { BOOLEAN, DOUBLE, DuckDBDataChunk, INTEGER, UTINYINT, VARCHAR, type DuckDBValue } from '@duckdb/node-api';
import { insertSource, nextSourceId } from '../query/write/sources.ts';
import type { Store } from '../store/store.ts';
import type { GeneratedTraffic } from './traffic.ts';
import { queueSourceAircraft } from '../tracks/derive.ts';

/** The columns of `positions` (migration 3), in table order. */
const TYPES = [INTEGER, VARCHAR, DOUBLE, DOUBLE, DOUBLE, DOUBLE, DOUBLE, BOOLEAN, DOUBLE, DOUBLE, DOUBLE, VARCHAR, VARCHAR, UTINYINT];
const CHUNK = 2048;

export interface WriteOptions {
  /** What the sources row calls the data, e.g. `generated:seed=7,2024-06-15..2024-07-15`. */
  label: string;
}

/**
 * Appends the traffic's positions to `positions` in one transaction, under a new `sources` row
 * (format `generated`, generated = true, sha256 of the label). Returns the source id.
 * Columns are handed to DuckDB a chunk of 2,048 rows at a time (one native call per chunk).
 */
export async function writeTraffic(store: Store, traffic: GeneratedTraffic, { label }: WriteOptions): Promise<number> {
  const p = traffic.positions;
  return store.transaction(async () => {
    const sourceId = await nextSourceId(store);
    const appender = await openPositionsAppender(store);
    const cols: DuckDBValue[][] = TYPES.map(() => new Array<DuckDBValue>(CHUNK));
    cols[0]!.fill(sourceId);
    cols[10]!.fill(null);
    cols[12]!.fill(null);
    cols[13]!.fill(0);
    let n = 0;
    const flush = () => {
      if (n === 0) return;
      const chunk = DuckDBDataChunk.create(TYPES, n);
      chunk.setColumns(n === CHUNK ? cols : cols.map((c) => c.slice(0, n)));
      appender.appendDataChunk(chunk);
      n = 0;
    };
    try {
      for (let i = 0; i < p.n; i++) {
        cols[1]![n] = p.icao24[p.aircraft[i]!]!;
        cols[2]![n] = p.time[i]!;
        cols[3]![n] = p.lat[i]!;
        cols[4]![n] = p.lon[i]!;
        cols[5]![n] = nullable(p.altBaro[i]!);
        cols[6]![n] = nullable(p.altGeom[i]!);
        cols[7]![n] = p.ground[i] === -1 ? null : p.ground[i] === 1;
        cols[8]![n] = nullable(p.gs[i]!);
        cols[9]![n] = nullable(p.track[i]!);
        cols[11]![n] = p.callsign[i] ? p.callsigns[p.callsign[i]!]! : null;
        if (++n === CHUNK) flush();
      }
      flush();
    } finally {
      appender.closeSync();
    }
    await insertSource(store, {
      id: sourceId, path: label, format: 'generated', sha256: createHash('sha256').update(label).digest('hex'),
      bytes: 0, rowsRead: p.n, rowsKept: p.n, rowsRejected: 0, releaseThrough: null, generated: true,
    });
    // The legs these positions call for are owed from this commit on (src/tracks/derive.ts).
    await queueSourceAircraft(store, sourceId);
    return sourceId;
  });
}

function nullable(x: number): number | null {
  return Number.isNaN(x) ? null : x;
}

const M = 0.3048;
const KT = 1852 / 3600;

/**
 * Writes the traffic as an OpenSky state-vector CSV (`time,icao24,lat,lon,velocity,heading,vertrate,
 * callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact`, SI units,
 * whole seconds as OpenSky's dumps have them).
 */
export async function writeOpenskyCsv(path: string, traffic: GeneratedTraffic): Promise<void> {
  const p = traffic.positions;
  const out = createWriteStream(path);
  const num = (x: number, scale: number, digits: number) => (Number.isNaN(x) ? '' : (x * scale).toFixed(digits));
  let buffer = 'time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact\n';
  for (let i = 0; i < p.n; i++) {
    const t = Math.floor(p.time[i]!);
    const g = p.ground[i] === -1 ? '' : p.ground[i] === 1 ? 'true' : 'false';
    buffer += `${t},${p.icao24[p.aircraft[i]!]},${p.lat[i]!.toFixed(5)},${p.lon[i]!.toFixed(5)},${num(p.gs[i]!, KT, 2)},${num(p.track[i]!, 1, 1)},,${p.callsign[i] ? p.callsigns[p.callsign[i]!] : ''},${g},false,false,,${num(p.altBaro[i]!, M, 1)},${num(p.altGeom[i]!, M, 1)},${t},${t}\n`;
    if (buffer.length > 1 << 16) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
}
