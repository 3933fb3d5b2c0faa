export { buildLegs, deriveLegs, readTracks, type BuildLegsOptions, type BuildLegsResult } from './legs.ts';
export { groundLike, legsFromTrack, type DerivedLeg } from './segment.ts';
export { cleanTrack, type CleanStats } from './clean.ts';
export { assessEnd, runwayNeededFt, type EndStatus, type LegEnd } from './ends.ts';
export { allocTrack, trackFromPoints, type Track } from './track.ts';
