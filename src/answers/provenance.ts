import { shownSourceName, shownSourceNameSql } from '../store/source-name.ts';
import type { SourceRef } from '../query/sources.ts';

export { shownSourceName, shownSourceNameSql };
export { citeSources, type SourceRef } from '../query/sources.ts';

/** One line per source for text output. */
export function describeSources(sources: SourceRef[]): string {
  return sources
    .map((s) => `  ${s.file} (source ${s.sourceId}, ${s.format}${s.releaseThrough ? `, release through ${s.releaseThrough}` : ''}${s.generated ? ', GENERATED' : ''}): ${s.rowsUsed.toLocaleString('en-US')} rows, sha256 ${s.sha256}`)
    .join('\n');
}
