export { icao24FromRegistration, registrationFromIcao24, isUsRegistration, isUsIcao24, normaliseRegistration } from './nnumber.ts';
export { entryFor, listAircraft, mergeAircraft, putAircraft, removeAircraft, watchedIcao24, type Aircraft, type AircraftClaim } from './registry.ts';
export { importDefaultFleet, importFleetCsv, DEFAULT_FLEET_FILE, type ImportSummary } from './csv-import.ts';
export { importFaa, icaoTypeOf, readAcftref, type FaaImportOptions, type FaaImportSummary } from './faa.ts';
export { seatsForType, seatTable, type TypeSeats } from './seats.ts';
export { readWatchlist, resolveFleet, type ResolveFleetOptions } from './watchlist.ts';
