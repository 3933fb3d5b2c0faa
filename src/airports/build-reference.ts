/**
 * Rebuilds `data/reference/airports.csv` from airportsdata (locations, codes, elevation) and
 * OurAirports runways (longest paved, open runway per airport). Run by hand when the sources change:
 *
 *   npx tsx src/airports/build-reference.ts AIRPORTSDATA_CSV OURAIRPORTS_RUNWAYS_CSV
 *
 * Not used at run time.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import KDBush from 'kdbush';
import { around } from 'geokdbush';
import { parseCsv } from '../ingest/csv.ts';
import { dataPath } from '../paths.ts';

/** OurAirports surfaces are free text ("ASP", "ASPH-G", "Asphalt", "CONC/ASPH", "PEM"...): paved = a hard surface. */
const PAVED = /^(asp|asph|asphalt|con|conc|concrete|pem|bit|bitumen|tar|paved|mac|macadam|cop|pav|sealed|asfalto|concreto|betão|beton|bituminous)/i;

export function isPaved(surface: string): boolean {
  return PAVED.test(surface.trim());
}

function build(airportsCsv: string, runwaysCsv: string): string {
  const longest = new Map<string, number>();
  // Runways located by their ends' midpoint, for airports whose ident differs between the two sources (SPJC/SPIM, MHPR/MHSC).
  const located: { lat: number; lon: number; length: number }[] = [];
  // Idents with any runway on record (paved or not): those never borrow a neighbour's runway by location.
  const listed = new Set<string>();
  for (const r of parseCsv(readFileSync(runwaysCsv, 'utf8'))) {
    listed.add(r.airport_ident!);
    const length = Number(r.length_ft);
    if (r.closed === '1' || !Number.isFinite(length) || length <= 0 || !isPaved(r.surface ?? '')) continue;
    const ident = r.airport_ident!;
    if (length > (longest.get(ident) ?? 0)) longest.set(ident, length);
    if (r.le_latitude_deg && r.he_latitude_deg) {
      located.push({
        lat: (Number(r.le_latitude_deg) + Number(r.he_latitude_deg)) / 2,
        lon: (Number(r.le_longitude_deg) + Number(r.he_longitude_deg)) / 2,
        length,
      });
    }
  }
  const index = new KDBush(located.length);
  for (const r of located) index.add(r.lon, r.lat);
  index.finish();
  const nearby = (lat: number, lon: number): number | undefined => {
    let best: number | undefined;
    for (const id of around(index as never, lon, lat, Infinity, 3) as unknown as number[]) best = Math.max(best ?? 0, located[id]!.length);
    return best;
  };
  const lines = ['icao,iata,name,country,lat,lon,elevation_ft,longest_runway_ft'];
  for (const a of parseCsv(readFileSync(airportsCsv, 'utf8'))) {
    const name = a.name!.replace(/"/g, "'");
    const own = longest.get(a.icao!) ?? longest.get(a.lid ?? '');
    const runway = own ?? (listed.has(a.icao!) || listed.has(a.lid ?? '') ? undefined : nearby(Number(a.lat), Number(a.lon)));
    lines.push([
      a.icao, a.iata ?? '', `"${name}"`, a.country,
      Number(a.lat).toFixed(5), Number(a.lon).toFixed(5),
      a.elevation === '' ? '' : Math.round(Number(a.elevation)), runway ?? '',
    ].join(','));
  }
  return lines.join('\n') + '\n';
}

const [airports, runways] = process.argv.slice(2);
if (!airports || !runways) {
  console.error('usage: npx tsx src/airports/build-reference.ts AIRPORTSDATA_CSV OURAIRPORTS_RUNWAYS_CSV');
  process.exit(2);
}
writeFileSync(dataPath('reference/airports.csv'), build(airports, runways));
