import { badInput } from '../../errors.ts';
import type { Format } from '../format.ts';
import { isObject, readJsonFile } from '../positions/json-file.ts';
import { commitStage, StageWriter, warnNoPosition } from '../positions/stage.ts';
import { maybeCallsign, maybeIcao24, maybeNumber, positionProblem } from '../positions/units.ts';

/** Keys every `traffic` export has. */
const KEYS = ['timestamp', 'icao24', 'latitude', 'longitude'];
/** Columns a traffic export may have. */
const COLUMNS = new Set([...KEYS, 'altitude', 'geoaltitude', 'groundspeed', 'track', 'vertical_rate', 'callsign', 'onground', 'squawk', 'alert', 'spi', 'last_position', 'origin', 'destination']);

/**
 * JSON exports of the `traffic` library (a pandas DataFrame written as JSON): either an array
 * of records `[{timestamp, icao24, latitude, longitude, altitude, groundspeed, …}, …]` or
 * column-oriented, `{"altitude": {"0": 1525, …}, …}` (or columns as arrays). Units as traffic
 * writes them: `timestamp` epoch ms (or an ISO 8601 string), altitudes ft, groundspeed kt,
 * vertical_rate ft/min. Rejected rows are numbered by record (1-based).
 */
export const trafficJson: Format = {
  name: 'traffic-json',
  description: 'traffic library JSON export (records or columns; plain or gzip)',
  target: 'positions',
  sniff: ({ text, isDirectory }) => {
    if (isDirectory) return 0;
    const start = text.slice(0, 4096);
    if (/^\s*\[\s*\{/.test(start)) return KEYS.every((k) => start.includes(`"${k}"`)) ? 85 : 0;
    // Column-oriented: the first key is a traffic column holding an object or array of values
    // (the other columns may lie beyond the sample).
    const first = /^\s*\{\s*"(\w+)"\s*:\s*[{[]/.exec(start)?.[1];
    return first !== undefined && COLUMNS.has(first) ? 75 : 0;
  },
  async load(ctx) {
    const doc = readJsonFile(ctx.path);
    const records = toRecords(doc, ctx.path);
    const writer = await StageWriter.open(ctx);
    let noPosition = 0;
    try {
      for (let i = 0; i < records.length; i++) {
        const r = records[i]!;
        const id = maybeIcao24(r.icao24);
        if ('reason' in id) {
          await ctx.rejects.add(i + 1, id.reason, JSON.stringify(r));
          continue;
        }
        if (ctx.fleet !== null && !ctx.fleet.has(id.icao24)) continue;
        const time = maybeTime(r.timestamp);
        if (time === null) {
          await ctx.rejects.add(i + 1, `timestamp is not a time: ${JSON.stringify(r.timestamp)}`, JSON.stringify(r));
          continue;
        }
        if (r.latitude == null && r.longitude == null) {
          noPosition++;
          continue;
        }
        const problem = positionProblem(r.latitude, r.longitude);
        if (problem) {
          await ctx.rejects.add(i + 1, problem, JSON.stringify(r));
          continue;
        }
        writer.add(
          {
            icao24: id.icao24,
            time,
            lat: Number(r.latitude),
            lon: Number(r.longitude),
            altBaroFt: maybeNumber(r.altitude),
            altGeomFt: maybeNumber(r.geoaltitude),
            onGround: typeof r.onground === 'boolean' ? r.onground : null,
            gsKt: maybeNumber(r.groundspeed),
            trackDeg: maybeNumber(r.track),
            vrateFpm: maybeNumber(r.vertical_rate),
            callsign: maybeCallsign(r.callsign),
            squawk: typeof r.squawk === 'string' && r.squawk.trim() !== '' ? r.squawk.trim() : null,
            flags: 0,
          },
          i + 1,
        );
      }
    } finally {
      writer.close();
    }
    warnNoPosition(ctx, noPosition);
    const { kept } = await commitStage(ctx);
    return { rowsRead: records.length, rowsKept: kept };
  },
};

type Record_ = Record<string, unknown>;

/** Records from either layout; column-oriented objects are turned row-wise by their index keys. */
function toRecords(doc: unknown, file: string): Record_[] {
  if (Array.isArray(doc)) return doc.map((r) => (isObject(r) ? r : { icao24: undefined, raw: r }));
  if (!isObject(doc)) throw badInput('not a traffic export: expected an array of records or an object of columns', file);
  const missing = KEYS.filter((k) => !(k in doc));
  if (missing.length > 0) throw badInput(`not a traffic export: missing column${missing.length > 1 ? 's' : ''} ${missing.map((k) => `"${k}"`).join(', ')}`, file);
  const columns = Object.entries(doc);
  const index = doc.timestamp;
  const keys = Array.isArray(index) ? index.map((_, i) => String(i)) : isObject(index) ? Object.keys(index) : null;
  if (keys === null) throw badInput('not a traffic export: "timestamp" is neither an array nor an object of values', file);
  return keys.map((key, i) => {
    const r: Record_ = {};
    for (const [name, column] of columns) r[name] = Array.isArray(column) ? column[i] : isObject(column) ? column[key] : undefined;
    return r;
  });
}

/** Epoch seconds from traffic's `timestamp`: epoch ms (a number) or an ISO 8601 string. */
function maybeTime(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value / 1000;
  if (typeof value === 'string') {
    const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
    return Number.isFinite(ms) ? ms / 1000 : null;
  }
  return null;
}
