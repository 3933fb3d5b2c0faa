export { generateTraffic, CHINA_2024, CATEGORIES, type GenerateOptions, type GeneratedTraffic, type GeneratedAircraft, type TruthLeg, type TruthMission, type Scenario, type LegKind, type LegCategory } from './traffic.ts';
export { writeTraffic, writeOpenskyCsv } from './write.ts';
export { scoreLegs, scoreClassification, formatClassificationScore, type LegScore, type ClassifiedLeg, type ClassificationScore, type CategoryScore, type KindScore } from './score.ts';
export { OPERATORS, PROGRAM_CALLSIGN, programBlocks, type GeneratedOperator } from './operators.ts';
export { TIMETABLE, CHARTER_ROUTES } from './timetable.ts';
