export { generateTraffic, CHINA_2024, type GenerateOptions, type GeneratedTraffic, type GeneratedAircraft, type TruthLeg, type TruthMission, type Scenario, type LegKind } from './traffic.ts';
export { writeTraffic, writeOpenskyCsv } from './write.ts';
export { scoreLegs, type LegScore } from './score.ts';
