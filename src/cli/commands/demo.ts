import type { Command } from 'commander';
import type { CountrySheet } from '../../answers/country.ts';
import type { FlightCount } from '../../answers/flights.ts';
import type { EncountersAnswer } from '../../answers/encounters.ts';
import type { ClaimsAnswer, ClaimCheck } from '../../answers/claims.ts';
import { DEMO_DB } from '../../demo/demo-db.ts';
import { usageError } from '../../errors.ts';
import type { Register } from '../context.ts';

/** The acceptance scenario of DESIGN.md, asked of the demo database. */
export interface DemoAnswers {
  database: string;
  generated: string;
  china: CountrySheet;
  removalFlightsSince4June: FlightCount;
  encounters: EncountersAnswer;
  /** The shipped claims of the July 2024 reports, checked (data/claims/dhs-2024-07-china.yaml). */
  claims: ClaimsAnswer;
}

export const registerDemo: Register = (program, cli) => {
  program
    .command('demo')
    .description(`build a database of its own (${DEMO_DB} unless --db says; it replaces only a file the demo made) from the data shipped in the project, print the answers to the July 2024 questions, and serve the dashboard (--no-serve: build, print and exit)`)
    .option('--no-serve', 'build the database, print the answers and exit')
    .option('--port <n>', 'port for the dashboard', '8080')
    .option('--host <address>', 'address to bind', '127.0.0.1')
    .action(async (options: { serve: boolean; port: string; host: string }, command: Command) => {
      const port = Number(options.port);
      if (!/^\d{1,5}$/.test(options.port) || port > 65535) throw usageError(`--port expects a number from 0 to 65535, got "${options.port}"`);
      // Its own file: never the default database of the other commands (or CHARTERWATCH_DB).
      const db = cli.path((command.optsWithGlobals() as { db?: string }).db ?? DEMO_DB);
      const { buildDemo, DEMO_TRAFFIC } = await import('../../demo/build.ts');
      const { countrySheet } = await import('../../answers/country.ts');
      const { countFlights } = await import('../../answers/flights.ts');
      const { encountersAnswer } = await import('../../answers/encounters.ts');
      const { checkClaims, claimLines } = await import('../../answers/claims.ts');
      const { readClaimFile } = await import('../../answers/claims-file.ts');
      const { dataPath } = await import('../../paths.ts');
      await buildDemo({ dbPath: db, onLog: (m) => cli.log(m) });
      // Serving, it owns the file as `serve` does: other commands on it run inside this process.
      const store = await cli.store(command, { readOnly: !options.serve, db });
      const answers: DemoAnswers = {
        database: store.path,
        generated: `The 2024 flights are GENERATED (seed ${DEMO_TRAFFIC.seed}, ${DEMO_TRAFFIC.aircraft} aircraft, ${DEMO_TRAFFIC.from} to ${DEMO_TRAFFIC.to}) to show the method; the 2020 legs and all statistics are real.`,
        china: await countrySheet(store, { country: 'CN', fiscalYear: 2024 }),
        removalFlightsSince4June: await countFlights(store, { kind: 'removal', from: '2024-06-04T00:00:00Z', to: '2024-07-03T00:00:00Z', by: 'country' }),
        encounters: await encountersAnswer(store, { citizenship: 'CN', fiscalYear: 2024, through: '2024-05', by: 'component' }),
        claims: await checkClaims(store, readClaimFile(dataPath('claims/dhs-2024-07-china.yaml'))),
      };
      cli.print(command, answers, (a) => renderAnswers(a, claimLines));
      if (!options.serve) return;
      const { startServer } = await import('../../server/serve.ts');
      const running = await startServer({ store, port, host: options.host });
      cli.log(`\ndashboard: ${running.url}  (Ctrl-C stops)`);
      await cli.untilStopped();
      await running.close();
    });
};

function renderAnswers(a: DemoAnswers, claimLines: (c: ClaimCheck, indent: string) => string[]): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const cn = a.china;
  const l = cn.latest;
  const p = cn.passengers;
  const e = a.encounters;
  const c = a.removalFlightsSince4June;
  const lines = [
    `Demo database: ${a.database}`,
    `Note: ${a.generated}`,
    '',
    'Q1. Which aircraft flew the China mission, every leg, from which US airports; the previous one',
    l
      ? `    ${l.registration} (${l.icao24}, ${l.aircraftType}, ${l.operator}), callsign ${l.callsign}${l.generated ? ' [GENERATED]' : ''}; US airports ${l.usDepartureAirports.join(', ')}`
      : '    no removal flight to China in the data',
    ...(l?.missionLegs ?? []).map((m) => `    ${(m.kind ?? '').padEnd(8)} ${m.departure.airport} ${m.departure.time} [${m.departure.status}] → ${m.arrival.airport} ${m.arrival.time} [${m.arrival.status}]`),
    `    ${cn.firstSince.text}`,
    '',
    'Q2. How many people were on board',
    p?.passengers != null ? `    about ${n(p.passengers)} (80% interval ${n(p.low!)}–${n(p.high!)})${l?.generated ? ' on a GENERATED flight' : ''}: ${p.method}` : '    no estimate',
    '',
    `Q3. International removal flights 4 June – 2 July 2024: ${n(c.total)} to ${c.countries} countries [GENERATED]${c.possible ? `; ${n(c.possible)} more possible, not counted` : ''}`,
    `    ${[...c.rows.map((r) => `${r.key} ${r.legs}${r.possible ? ` (+${r.possible} possible)` : ''}`), ...c.possibleOnly.map((r) => `${r.key} 0 (+${r.possible} possible)`)].join(', ')}`,
    '',
    e
      ? `Q4. Chinese nationals encountered, FY2024 through ${e.through}: ${n(e.total)}; FY2023 whole year ${n(e.previousYear?.fullYear ?? 0)} (${e.previousYear && e.previousYear.exceedsFullYearBy >= 0 ? '+' : ''}${n(e.previousYear?.exceedsFullYearBy ?? 0)})${e.record?.thisYearIsRecord ? ', a record within the data' : ''}; ${(e.breakdown?.rows ?? []).map((r) => `${r.key} ${n(r.total)}`).join(', ')}`
      : 'Q4. no encounters figure',
    '',
    `Q5. China on ICE "uncooperative" lists: named ${cn.cooperation.history.filter((h) => h.status === 'named').map((h) => h.asOf).join(', ')}; last named ${cn.cooperation.lastNamed?.asOf ?? 'never'} (${cn.cooperation.lastNamed?.citation ?? ''})`,
    '',
    `Q6. ${cn.chartersVsEncounters.text}${cn.removalFlights.some((f) => f.generated) ? ' [GENERATED flights, real encounters]' : ''}`,
    ...(cn.passengerCheck ? [`    ${cn.passengerCheck.text}`] : []),
    `    Data reach: ${cn.reach.join('; ')}.`,
    '',
    `Claims (data/claims/${a.claims.file}; flight figures from GENERATED data are marked so):`,
    ...a.claims.claims.flatMap((c) => claimLines(c, '    ').filter((x) => !x.trimStart().startsWith('sources:'))),
    '',
    `Sources: ${cn.sources.map((s) => `${s.file} (sha256 ${s.sha256.slice(0, 12)}…, ${n(s.rowsUsed)} rows)`).join('; ')}`,
    '',
    `More (on this database): charterwatch --db ${a.database} country CN --fy 2024 --format html --out china.html; charterwatch --db ${a.database} report monthly --month 2024-06; charterwatch --help`,
  ];
  return lines.join('\n');
}
