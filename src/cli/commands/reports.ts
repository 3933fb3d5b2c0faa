import type { Command } from 'commander';
import type { CountrySheet, RemovalFlight } from '../../answers/country.ts';
import type { MonthlyReport } from '../../answers/monthly.ts';
import { countryQuestion } from '../../questions/country.ts';
import { monthlyReportQuestion } from '../../questions/monthly-report.ts';
import type { Register } from '../context.ts';
import { cliValues, questionCommand, writeAnswer } from '../question.ts';

export const registerReports: Register = (program, cli) => {
  questionCommand(program, countryQuestion).action(async (...args: unknown[]) => {
    const command = args.at(-1) as Command;
    const values = await cliValues(countryQuestion, command);
    const store = await cli.store(command, { readOnly: true });
    const sheet: CountrySheet = await countryQuestion.ask(store, values);
    await writeAnswer(cli, command, countryQuestion, sheet, values);
    if (typeof values.package === 'string') {
      const { writeDataPackage } = await import('../../format/data-package.ts');
      const code = values.country as string;
      const files = writeDataPackage({
        dir: cli.path(values.package),
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
      cli.log(`wrote the data package ${values.package}: ${files.join(', ')}`);
    }
  });

  const report = program.command('report').description('reports: monthly');
  questionCommand(report, monthlyReportQuestion).action(async (...args: unknown[]) => {
    const command = args.at(-1) as Command;
    const values = await cliValues(monthlyReportQuestion, command);
    const month = values.month as string;
    // Claim files are paths the user gave: read where the user is (the client's folder when hosted).
    const claims = ((values.claims as string[] | undefined) ?? []).map((f) => cli.path(f));
    if (claims.length) {
      const { readClaimFile } = await import('../../answers/claims-file.ts');
      for (const f of claims) readClaimFile(f);
    }
    const store = await cli.store(command, { readOnly: true });
    const r: MonthlyReport = await monthlyReportQuestion.ask(store, { ...values, claims });
    await writeAnswer(cli, command, monthlyReportQuestion, r, values);
    if (typeof values.package === 'string') {
      const { writeDataPackage } = await import('../../format/data-package.ts');
      const files = writeDataPackage({
        dir: cli.path(values.package),
        name: `charterwatch-monthly-${month}`,
        title: `Removal flight report ${month}`,
        rule: r.rule,
        tables: [
          { name: 'legs_by_kind', description: 'legs of the month by kind, with the previous month and the average over the months named in averageMonths (empty: no data)', rows: r.kinds },
          { name: 'removals_by_country', description: 'removal legs by destination country', rows: r.removalsByCountry },
          { name: 'removals_by_operator', description: 'removal legs by operator', rows: r.removalsByOperator },
          { name: 'removals_by_airport', description: 'removal legs by US departure airport', rows: r.removalsByAirport },
          { name: 'legs', description: 'every leg of the month', rows: r.routes },
          { name: 'comparisons', description: 'removal flights (legs) and missions of the month, the previous month, the same month a year before and the fiscal year to date; empty figures: no data in any month of the period (monthsWithData names the months behind each)', rows: r.comparisons.map((c) => ({ ...c, months: c.months.join(' '), monthsWithData: c.monthsWithData.join(' ') })) },
          { name: 'weeks', description: 'removal flights (legs) and missions by week (Monday to Sunday, cut at the month\'s ends)', rows: r.weekly },
          { name: 'domestic_routes', description: 'domestic legs (US to US with program evidence) by route', rows: r.domestic.routes.map((x) => ({ ...x })) },
          { name: 'lateral_routes', description: 'lateral legs (US to a border airport used for land removals) by route', rows: r.lateral.routes.map((x) => ({ ...x })) },
          { name: 'people_by_country', description: `estimated people on the month's removal legs by destination (docs/passengers.md); model: ${r.passengers?.models.join('; ') ?? 'none'}`, rows: r.passengers?.byCountry ?? [] },
        ],
        sources: r.sources,
      });
      cli.log(`wrote the data package ${values.package}: ${files.join(', ')}`);
    }
  });
};

function flattenFlight(f: RemovalFlight): Record<string, unknown> {
  return {
    leg_id: f.legId, mission_id: f.missionId, icao24: f.icao24, registration: f.registration, aircraft_type: f.aircraftType, operator: f.operator, callsign: f.callsign,
    departure_airport: f.departure.airport, departure_country: f.departure.country, departure_time: f.departure.time, departure_status: f.departure.status,
    arrival_airport: f.arrival.airport, arrival_country: f.arrival.country, arrival_time: f.arrival.time, arrival_status: f.arrival.status,
    origin: f.origin, generated: f.generated,
  };
}
