import type { PositionRow } from './stage.ts';
import { maybeCallsign, maybeIcao24, positionProblem } from './units.ts';

/**
 * A streaming parser of SBS-1 BaseStation messages (TCP port 30003 of dump1090/readsb, and
 * recordings of it): `MSG,type,1,1,HEX,1,dateGen,timeGen,dateLog,timeLog,callsign,alt,gs,
 * track,lat,lon,vrate,squawk,alert,emergency,spi,onGround`. Identification (1), velocity (4),
 * altitude (5, 6, 7) and squawk (6) messages update what is known of each aircraft; every
 * position message (2 surface, 3 airborne) yields one merged position update carrying it.
 *
 * Pure and incremental: feed it chunks as they come (strings or bytes, split anywhere, CRLF or
 * LF); lines that are not SBS messages (binary noise) are reported to `onReject` and skipped.
 * Times are the generated date and time of each message, read as UTC.
 *
 * @example
 * const parser = createSbsParser();
 * for await (const chunk of socket) for (const update of parser.push(chunk)) alert(update);
 */
export interface SbsParser {
  /** Parses the complete lines in `chunk` (plus what was left of the previous one). */
  push(chunk: string | Uint8Array): SbsUpdate[];
  /** Parses a last line without its line ending (end of a recording). */
  flush(): SbsUpdate[];
  /** Lines seen so far. */
  readonly lines: number;
}

/** A merged position update, with the line of the position message. */
export interface SbsUpdate extends PositionRow {
  line: number;
  /**
   * The message's logged date and time (epoch s, UTC): when the receiver wrote it out, by the
   * receiver's clock (the live watcher checks the position's time against it); null when absent.
   */
  logged: number | null;
}

export interface SbsParserOptions {
  /** Keep these aircraft only (lower-case addresses); null keeps all. */
  fleet?: ReadonlySet<string> | null;
  /** Called for each line that is not a usable message, with its 1-based number. */
  onReject?: (line: number, reason: string, raw: string) => void;
}

/** What is known of one aircraft from its latest messages. */
interface AircraftState {
  callsign: string | null;
  squawk: string | null;
  altBaroFt: number | null;
  gsKt: number | null;
  trackDeg: number | null;
  vrateFpm: number | null;
  onGround: boolean | null;
}

/** Longest line kept waiting for its end: past it, the bytes are noise. */
const MAX_LINE = 4096;
/** Other BaseStation record types: valid, but not aircraft messages. */
const OTHER_RECORDS = new Set(['SEL', 'ID', 'AIR', 'STA', 'CLK']);

export function createSbsParser({ fleet = null, onReject = () => undefined }: SbsParserOptions = {}): SbsParser {
  /** Decodes bytes to text, holding a UTF-8 sequence split between chunks. */
  const decoder = new TextDecoder('utf-8');
  /** The incomplete last line of the input so far. */
  let pending = '';
  /** Number of the last line handed to `parseLine`. */
  let lineNo = 0;
  /** Per-aircraft state, by lower-case address. */
  const aircraft = new Map<string, AircraftState>();

  const parseLine = (raw: string, out: SbsUpdate[]) => {
    lineNo++;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') return;
    const f = line.split(',');
    if (f[0] !== 'MSG') {
      if (f.length >= 2 && OTHER_RECORDS.has(f[0]!)) return;
      onReject(lineNo, 'not an SBS-1 message', line);
      return;
    }
    if (f.length < 11) return onReject(lineNo, `expected 22 fields, found ${f.length}`, line);
    const type = f[1];
    const id = maybeIcao24(f[4]);
    if ('reason' in id) return onReject(lineNo, id.reason, line);
    if (fleet !== null && !fleet.has(id.icao24)) return;
    let state = aircraft.get(id.icao24);
    if (!state) {
      state = { callsign: null, squawk: null, altBaroFt: null, gsKt: null, trackDeg: null, vrateFpm: null, onGround: null };
      aircraft.set(id.icao24, state);
    }
    const alt = numberField(f[11]);
    const ground = flagField(f[21]);
    switch (type) {
      case '1': {
        const callsign = maybeCallsign(f[10]);
        if (callsign !== null) state.callsign = callsign;
        return;
      }
      case '4':
        state.gsKt = numberField(f[12]) ?? state.gsKt;
        state.trackDeg = numberField(f[13]) ?? state.trackDeg;
        state.vrateFpm = numberField(f[16]) ?? state.vrateFpm;
        return;
      case '5':
      case '6':
      case '7':
      case '8':
        if (alt !== null) state.altBaroFt = alt;
        if (ground !== null) state.onGround = ground;
        if (type === '6' && f[17]) state.squawk = f[17].trim() || state.squawk;
        return;
      case '2':
      case '3': {
        const time = sbsTime(f[6], f[7]);
        if (time === null) return onReject(lineNo, `date and time are not a time: "${f[6]} ${f[7]}"`, line);
        const problem = positionProblem(f[14], f[15]);
        if (problem) return onReject(lineNo, problem, line);
        if (type === '2') {
          // Surface position: on the ground, with its own speed and track.
          state.onGround = true;
          state.gsKt = numberField(f[12]) ?? state.gsKt;
          state.trackDeg = numberField(f[13]) ?? state.trackDeg;
        } else {
          if (alt !== null) state.altBaroFt = alt;
          state.onGround = ground ?? (alt !== null ? false : state.onGround);
        }
        out.push({
          icao24: id.icao24,
          time,
          lat: Number(f[14]),
          lon: Number(f[15]),
          altBaroFt: type === '2' ? null : state.altBaroFt,
          altGeomFt: null,
          onGround: state.onGround,
          gsKt: state.gsKt,
          trackDeg: state.trackDeg,
          vrateFpm: state.vrateFpm,
          callsign: state.callsign,
          squawk: state.squawk,
          flags: 0,
          line: lineNo,
          logged: sbsTime(f[8], f[9]),
        });
        return;
      }
      default:
        return onReject(lineNo, `unknown message type "${type}"`, line);
    }
  };

  const parseText = (text: string, final: boolean): SbsUpdate[] => {
    const out: SbsUpdate[] = [];
    let data = pending + text;
    let start = 0;
    for (let nl = data.indexOf('\n'); nl !== -1; nl = data.indexOf('\n', start)) {
      parseLine(data.slice(start, nl), out);
      start = nl + 1;
    }
    pending = data.slice(start);
    data = '';
    if (final && pending !== '') {
      parseLine(pending, out);
      pending = '';
    } else if (pending.length > MAX_LINE) {
      lineNo++;
      onReject(lineNo, `no line end in ${pending.length} bytes: not SBS-1 text`, pending.slice(0, 200));
      pending = '';
    }
    return out;
  };

  return {
    push: (chunk) => parseText(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }), false),
    flush: () => parseText(decoder.decode(), true),
    get lines() {
      return lineNo;
    },
  };
}

/** Parses a whole recording at once: the twin of `createSbsParser` for text already in memory. */
export function parseSbs(text: string, options: SbsParserOptions = {}): SbsUpdate[] {
  const parser = createSbsParser(options);
  return [...parser.push(text), ...parser.flush()];
}

function numberField(s: string | undefined): number | null {
  if (s === undefined || s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** SBS flags: -1 (or 1) true, 0 false, empty unknown. */
function flagField(s: string | undefined): boolean | null {
  if (s === undefined || s === '') return null;
  const t = s.trim();
  return t === '-1' || t === '1' ? true : t === '0' ? false : null;
}

/** `2024/07/02` and `12:34:56.789` as epoch seconds, UTC. */
function sbsTime(date: string | undefined, time: string | undefined): number | null {
  const d = /^(\d{4})\/(\d{2})\/(\d{2})$/.exec(date ?? '');
  const t = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/.exec(time ?? '');
  if (!d || !t) return null;
  const ms = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]), Number(t[3]), Number((t[4] ?? '0').padEnd(3, '0')));
  return Number.isFinite(ms) ? ms / 1000 : null;
}
