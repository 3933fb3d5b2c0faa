/** charterwatch as separate processes, for the tests of the shared store. */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { airportByCode } from '../../src/airports/airports.ts';
import { sbsLines, simulateFlight } from '../../src/live/simulate.ts';
import { cliBin as bin } from '../helpers.ts';


/** A charterwatch process, its output kept as it comes. */
export interface Proc {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  exit: Promise<number | null>;
}

export function charterwatch(args: string[], env: Record<string, string> = {}, cwd?: string): Proc {
  const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, TZ: 'UTC', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (t: string) => (out += t));
  child.stderr!.setEncoding('utf8').on('data', (t: string) => (err += t));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, out: () => out, err: () => err, exit };
}

/** Runs a command to its end. */
export async function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  const p = charterwatch(args, env);
  const code = await p.exit;
  return { code, out: p.out(), err: p.err() };
}

/** The aircraft of the ingested file: KIAH → KSAT on 3 July 2024, recorded as SBS-1 lines. */
export const INGESTED = 'a7d2b4';

export function ingestedRecording(dir: string): string {
  const from = airportByCode('KIAH')!;
  const to = airportByCode('KSAT')!;
  const flight = simulateFlight({ icao24: INGESTED, callsign: 'GXA852', from, to, start: Date.UTC(2024, 6, 3, 9, 0, 0) / 1000 });
  const file = path.join(dir, 'recording.sbs');
  writeFileSync(file, flight.points.flatMap((p) => sbsLines(INGESTED, 'GXA852', p)).join('\r\n') + '\r\n');
  return file;
}

