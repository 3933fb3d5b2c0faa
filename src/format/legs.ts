import { airportByCode } from '../airports/airports.ts';
import type { LegRecord } from '../answers/leg-files.ts';
import type { Position } from './antimeridian.ts';
import { flownColumns, rowObject, type Column } from './columns.ts';
import { EXPORT_FORMATS, exportRows, type ExportFormat, type ExportTable } from './export-table.ts';
import type { MapFeature } from './features.ts';

/**
 * The legs table: its columns, declared once, and the legs in every export format. The CLI's
 * `legs --format csv|geojson|kml|parquet` and the API's `/api/legs?format=…` both write through
 * here, so that the same legs give the same bytes wherever they are asked for.
 */

/** The export formats of legs (besides text and JSON). */
export const LEG_EXPORT_FORMATS = EXPORT_FORMATS;

/** Files ordered by sha256 (listLegRecords' order), joined by ';': the i-th name is the i-th hash's. */
const joined = (values: string[]) => (values.length ? values.join(';') : null);

export const LEG_COLUMNS: readonly Column<LegRecord>[] = flownColumns<LegRecord>({ idOf: 'leg', generatedBy: 'made' }, [
  { name: 'aircraft_type', type: 'string', description: 'ICAO type designator', value: (l) => l.aircraftType },
  { name: 'operator', type: 'string', description: 'operator', value: (l) => l.operator },
  { name: 'callsign', type: 'string', description: 'callsign or flight number', value: (l) => l.callsign },
  { name: 'date', type: 'date', description: 'day of the leg (UTC)', value: (l) => l.date },
  { name: 'dep_airport', type: 'string', description: 'departure airport, ICAO code', value: (l) => l.departure.airport },
  { name: 'dep_country', type: 'string', description: 'departure country, ISO 3166-1 alpha-2', value: (l) => l.departure.country },
  { name: 'dep_time', type: 'datetime', description: 'take-off, UTC', value: (l) => l.departure.time },
  { name: 'dep_status', type: 'string', description: 'observed, inferred, reported or unknown', value: (l) => l.departure.status },
  { name: 'arr_airport', type: 'string', description: 'arrival airport, ICAO code', value: (l) => l.arrival.airport },
  { name: 'arr_country', type: 'string', description: 'arrival country, ISO 3166-1 alpha-2', value: (l) => l.arrival.country },
  { name: 'arr_time', type: 'datetime', description: 'landing, UTC', value: (l) => l.arrival.time },
  { name: 'arr_status', type: 'string', description: 'observed, inferred, reported or unknown', value: (l) => l.arrival.status },
  { name: 'kind', type: 'string', description: 'removal, return, domestic, lateral, foreign, other or possible; empty when unclassified', value: (l) => l.kind },
  { name: 'candidate_kind', type: 'string', description: 'the kind its ends give it as the program\'s work', value: (l) => l.candidateKind },
  { name: 'confidence', type: 'number', description: 'probability the evidence\'s score stands for', value: (l) => l.confidence },
  { name: 'mission_id', type: 'integer', description: 'mission the leg belongs to', value: (l) => l.missionId },
  { name: 'origin', type: 'string', description: 'adsb (derived from positions), history (a flight history file) or merged', value: (l) => l.origin },
  { name: 'source_file', type: 'string', description: 'the files the leg comes from, ";"-separated, in the order of source_sha256', value: (l) => joined(l.files.map((f) => f.file)) },
  { name: 'source_sha256', type: 'string', description: 'sha256 of each of those files, ";"-separated, sorted', value: (l) => joined(l.files.map((f) => f.sha256)) },
  { name: 'evidence', type: 'string', description: 'the evidence for and against its kind', value: (l) => l.evidence },
]);

/** The legs in one export format: text, or bytes for Parquet. */
export const legsAs = (format: ExportFormat, legs: readonly LegRecord[]) => exportRows(format, LEGS, legs);

/** GeoJSON and KML: the straight line between the two airports, cut at the antimeridian. */
function legFeature(l: LegRecord): MapFeature {
  const a = l.departure.airport ? airportByCode(l.departure.airport) : undefined;
  const b = l.arrival.airport ? airportByCode(l.arrival.airport) : undefined;
  const path: Position[] | null = a && b ? [[a.lon, a.lat], [b.lon, b.lat]] : null;
  const name = `${l.generated ? 'GENERATED ' : ''}${l.registration ?? l.icao24 ?? '?'} ${l.callsign ?? ''} ${l.departure.airport ?? '????'} → ${l.arrival.airport ?? '????'} ${l.date ?? ''}`;
  return {
    id: l.id,
    name: name.replace(/\s+/g, ' ').trim(),
    description: `${l.kind ?? 'unclassified'}: ${l.evidence ?? ''}`,
    begin: l.departure.time,
    end: l.arrival.time,
    path,
    properties: rowObject(LEG_COLUMNS, l),
  };
}

const LEGS: ExportTable<LegRecord> = { name: 'legs', columns: LEG_COLUMNS, feature: legFeature, generated: (l) => l.generated };
