/**
 * How a stored source is named in every output: a local file by its name only (never the local
 * path), a remote table or feed by its address without user, password or query string.
 */
export function shownSourceName(storedPath: string): string {
  if (URL_LIKE.test(storedPath)) return storedPath.replace(/\/\/[^/@]*@/, '//').replace(/\?[^#]*/, '');
  return storedPath.split(/[\\/]/).filter(Boolean).pop() ?? storedPath;
}

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;

/** The same in SQL, for a `sources.path` column. */
export const shownSourceNameSql = (column: string) =>
  `CASE WHEN regexp_matches(${column}, '^[a-zA-Z][a-zA-Z0-9+.-]*://') THEN regexp_replace(regexp_replace(${column}, '//[^/@]*@', '//'), '\\?[^#]*', '') ELSE parse_filename(${column}) END`;

