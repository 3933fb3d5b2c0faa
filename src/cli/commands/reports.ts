import { writeFileSync, renameSync } from 'node:fs';
import type { Command } from 'commander';
import { countrySheet } from '../../answers/country.ts';
import { countryMarkdown } from '../../answers/country-render.ts';
import { monthlyMarkdown, monthlyReport } from '../../answers/monthly.ts';
import { readClaimFile } from '../../answers/claims-file.ts';
import { writeDataPackage } from '../../format/data-package.ts';
import { countrySheetHtml as countryHtml, monthlyReportHtml as monthlyHtml } from '../../render/report.ts';
import { usageError } from '../../errors.ts';
import type { Cli, Register } from '../context.ts';
import { maybeCountryOption, maybeFiscalYear, maybeMonth, maybeOneOf } from '../options.ts';

const FORMATS = ['md', 'html', 'json'] as const;
type DocFormat = (typeof FORMATS)[number];

interface DocOptions {
  format?: string;
  out?: string;
  package?: string;
}

/** Writes a document to stdout, or atomically to --out (temp file then rename). */
function emit(cli: Cli, command: Command, options: DocOptions, value: unknown, render: Record<DocFormat, () => string>): void {
  const json = cli.globals(command).json;
  const format = json ? 'json' : (maybeOneOf(options.format, FORMATS, '--format') ?? 'md');
  const text = format === 'json' ? `${JSON.stringify(value, null, 2)}\n` : `${render[format]()}\n`;
  if (options.out) {
    const out = cli.path(options.out);
    const tmp = `${out}.part-${process.pid}`;
    writeFileSync(tmp, text);
    renameSync(tmp, out);
    cli.log(`wrote ${options.out}`);
  } else cli.io.stdout(text);
}

export const registerReports: Register = (program, cli) => {
  program
    .command('country')
    .description('the country sheet: removal flights, people on board, encounters, cooperation lists, removals (questions 1–6), each with sources')
    .argument('<country>', 'ISO code or name: CN, China')
    .option('--fy <year>', 'fiscal year for the statistics (default: that of the latest removal flight)')
    .option('--through <YYYY-MM>', 'count encounters and flights of the fiscal year through this month')
    .option('--format <md|html|json>', 'output format', 'md')
    .option('--out <file>', 'write to a file instead of stdout')
    .option('--package <dir>', 'also write a data package (CSV files and datapackage.json with columns and sources)')
    .action(async (country: string, options: DocOptions & { fy?: string; through?: string }, command: Command) => {
      const code = maybeCountryOption(country, 'country');
      if (!code) throw usageError('a country is required');
      const store = await cli.store(command, { readOnly: true });
      const sheet = await countrySheet(store, { country: code, fiscalYear: maybeFiscalYear(options.fy), through: maybeMonth(options.through, '--through') });
      emit(cli, command, options, sheet, { md: () => countryMarkdown(sheet), html: () => countryHtml(sheet), json: () => '' });
      if (options.package) {
        const files = writeDataPackage({
          dir: cli.path(options.package),
          name: `charterwatch-country-${code.toLowerCase()}`,
          title: `${sheet.countryName}: removal flights and statistics`,
          rule: 'Removal flights are legs classified "removal" arriving in the country; encounters and removals as in the sheet.',
          tables: [
            { name: 'removal_flights', description: 'every removal leg to the country in the data', rows: sheet.removalFlights.map(flattenFlight) },
            { name: 'flights_by_month', description: 'removal legs per calendar month (UTC)', rows: sheet.byMonth },
            { name: 'encounters_by_month', description: sheet.encounters?.datasetLabel ?? 'no encounters', rows: sheet.encounters?.monthly ?? [] },
            { name: 'cooperation_lists', description: 'ICE cooperation lists as reported', rows: sheet.cooperation.history.map((h) => ({ ...h })) },
            {
              name: 'people_on_board',
              description: 'estimated people on the latest removal flight and on the fiscal year\'s removal flights (docs/passengers.md), with the model and ICE\'s removals of the citizenship where loaded',
              rows: [
                ...(sheet.passengers?.passengers != null ? [{ what: 'latest removal flight', low: sheet.passengers.low, point: sheet.passengers.passengers, high: sheet.passengers.high, model: sheet.passengers.modelName, ice_removals: null, ratio: null }] : []),
                ...(sheet.chartersVsEncounters.estimatedPassengers ? [{ what: `FY${sheet.chartersVsEncounters.fiscalYear} removal flights`, ...sheet.chartersVsEncounters.estimatedPassengers, model: sheet.chartersVsEncounters.passengerModels.join('; '), ice_removals: sheet.passengerCheck?.iceRemovals ?? null, ratio: sheet.passengerCheck?.ratio ?? null }] : []),
              ],
            },
          ],
          sources: sheet.sources,
        });
        cli.log(`wrote the data package ${options.package}: ${files.join(', ')}`);
      }
    });

  const report = program.command('report').description('reports: monthly');
  report
    .command('monthly')
    .description('the monthly flight report: removal, return, domestic and lateral legs, by country, operator and airport, against the previous month and the average of the months before that have data; a month without data says "no data"')
    .requiredOption('--month <YYYY-MM>', 'calendar month (UTC)')
    .option('--format <md|html|json>', 'output format (html: one offline file with a route map and charts)', 'md')
    .option('--out <file>', 'write to a file instead of stdout')
    .option('--package <dir>', 'also write a data package (CSV files and datapackage.json with columns and sources)')
    .option('--claims <file>', 'a claim file (docs/claims.md): its claims whose period falls in the month are checked in a section of the report (repeatable)', (v: string, all: string[] = []) => [...all, v])
    .action(async (options: DocOptions & { month?: string; claims?: string[] }, command: Command) => {
      const month = maybeMonth(options.month, '--month')!;
      const claimFiles = (options.claims ?? []).map((f) => readClaimFile(cli.path(f)));
      const store = await cli.store(command, { readOnly: true });
      const r = await monthlyReport(store, { month, claims: claimFiles });
      emit(cli, command, options, r, { md: () => monthlyMarkdown(r), html: () => monthlyHtml(r), json: () => '' });
      if (options.package) {
        const files = writeDataPackage({
          dir: cli.path(options.package),
          name: `charterwatch-monthly-${month}`,
          title: `Removal flight report ${month}`,
          rule: r.rule,
          tables: [
            { name: 'legs_by_kind', description: 'legs of the month by kind, with the previous month and the average over the months named in averageMonths (empty: no data)', rows: r.kinds },
            { name: 'removals_by_country', description: 'removal legs by destination country', rows: r.removalsByCountry },
            { name: 'removals_by_operator', description: 'removal legs by operator', rows: r.removalsByOperator },
            { name: 'removals_by_airport', description: 'removal legs by US departure airport', rows: r.removalsByAirport },
            { name: 'legs', description: 'every leg of the month', rows: r.routes },
            { name: 'people_by_country', description: `estimated people on the month's removal legs by destination (docs/passengers.md); model: ${r.passengers?.models.join('; ') ?? 'none'}`, rows: r.passengers?.byCountry ?? [] },
          ],
          sources: r.sources,
        });
        cli.log(`wrote the data package ${options.package}: ${files.join(', ')}`);
      }
    });
};

function flattenFlight(f: import('../../answers/country.ts').RemovalFlight): Record<string, unknown> {
  return {
    leg_id: f.legId, mission_id: f.missionId, icao24: f.icao24, registration: f.registration, aircraft_type: f.aircraftType, operator: f.operator, callsign: f.callsign,
    departure_airport: f.departure.airport, departure_country: f.departure.country, departure_time: f.departure.time, departure_status: f.departure.status,
    arrival_airport: f.arrival.airport, arrival_country: f.arrival.country, arrival_time: f.arrival.time, arrival_status: f.arrival.status,
    origin: f.origin, generated: f.generated,
  };
}
