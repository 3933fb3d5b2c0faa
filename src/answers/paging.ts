/** One page of a list: how many rows at most, after how many. */
export interface PageOf {
  limit?: number;
  offset?: number;
}

/** LIMIT and OFFSET for a page, with their parameters; nothing when the whole list is asked for. */
export function pageSql({ limit, offset }: PageOf): { sql: string; params: number[] } {
  return {
    sql: `${limit !== undefined ? ' LIMIT ?' : ''}${offset !== undefined ? ' OFFSET ?' : ''}`,
    params: [...(limit !== undefined ? [limit] : []), ...(offset !== undefined ? [offset] : [])],
  };
}
