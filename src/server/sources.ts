export { listSources, type SourceFile } from '../query/sources.ts';
