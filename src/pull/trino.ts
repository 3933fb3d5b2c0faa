import { CharterwatchError } from '../errors.ts';

export interface TrinoOptions {
  /** Coordinator, e.g. `https://trino.example.org`. */
  server: string;
  user: string;
  catalog?: string;
  schema?: string;
  /** Adds `Authorization: Bearer …`. */
  token?: string;
  /** Retries of one request answered 502/503/504/429 or cut before an answer. */
  retries?: number;
  /** First back-off in ms, doubled on each retry (a Retry-After header wins). */
  backoffMs?: number;
  fetch?: typeof fetch;
}

/** A column as Trino describes it. */
export interface TrinoColumn {
  name: string;
  type: string;
}

/** One page of Trino's client protocol (`QueryResults`). */
interface QueryResults {
  id: string;
  nextUri?: string;
  columns?: TrinoColumn[];
  data?: unknown[][];
  stats?: { state?: string };
  error?: { message?: string; errorName?: string; errorType?: string };
}

/**
 * A minimal client of Trino's HTTP protocol (docs: "Client protocol"): POST the statement to
 * `/v1/statement`, then GET each `nextUri` until there is none; rows come in pages
 * (`columns`, `data`). A page answered 502, 503 or 504 is asked again after a back-off, as the
 * protocol asks of clients; an `error` in a page ends the query.
 */
export class TrinoClient {
  readonly #o: Required<Omit<TrinoOptions, 'token' | 'catalog' | 'schema'>> & Pick<TrinoOptions, 'token' | 'catalog' | 'schema'>;

  constructor({ retries = 6, backoffMs = 200, fetch: fetchImpl = fetch, ...rest }: TrinoOptions) {
    this.#o = { retries, backoffMs, fetch: fetchImpl, ...rest };
  }

  /**
   * Runs `sql`, calling `onColumns` once the columns are known and `onRow` for each row, page by
   * page (one page in memory at a time). Returns the bytes received.
   */
  async query(sql: string, onColumns: (columns: TrinoColumn[]) => void, onRow: (row: unknown[]) => void): Promise<{ bytes: number }> {
    let bytes = 0;
    const headers: Record<string, string> = { 'X-Trino-User': this.#o.user, 'X-Trino-Source': 'charterwatch' };
    if (this.#o.catalog) headers['X-Trino-Catalog'] = this.#o.catalog;
    if (this.#o.schema) headers['X-Trino-Schema'] = this.#o.schema;
    if (this.#o.token) headers.Authorization = `Bearer ${this.#o.token}`;
    let page = await this.#request(new URL('/v1/statement', this.#o.server).href, { method: 'POST', body: sql, headers });
    let columnsSeen = false;
    for (;;) {
      bytes += page.bytes;
      const results = page.results;
      if (results.error) {
        const e = results.error;
        throw new CharterwatchError('FAILED', `Trino query failed: ${e.message ?? 'no message'}${e.errorName ? ` (${e.errorName})` : ''}`);
      }
      if (results.columns && !columnsSeen) {
        onColumns(results.columns);
        columnsSeen = true;
      }
      if (results.data) {
        if (!columnsSeen) throw new CharterwatchError('FAILED', 'Trino sent rows before their columns (not the Trino client protocol)');
        for (const row of results.data) onRow(row);
      }
      if (!results.nextUri) break;
      try {
        page = await this.#request(results.nextUri, { method: 'GET', headers });
      } catch (error) {
        // Tell the coordinator we are gone, so the query does not hold a slot.
        await this.#o.fetch(results.nextUri, { method: 'DELETE', headers }).catch(() => undefined);
        throw error;
      }
    }
    return { bytes };
  }

  async #request(url: string, init: RequestInit): Promise<{ results: QueryResults; bytes: number }> {
    for (let attempt = 0; ; attempt++) {
      let response: Response | undefined;
      let failure: string;
      try {
        response = await this.#o.fetch(url, init);
      } catch (error) {
        failure = `cannot reach Trino at ${new URL(url).origin} (${causeOf(error)})`;
        // A statement that cannot be submitted is a wrong address, not a busy server.
        if (init.method === 'POST') throw new CharterwatchError('FAILED', failure);
      }
      if (response) {
        if (response.status === 200) {
          const text = await response.text();
          try {
            return { results: JSON.parse(text) as QueryResults, bytes: Buffer.byteLength(text) };
          } catch {
            throw new CharterwatchError('FAILED', `Trino at ${new URL(url).origin} answered something that is not JSON: ${text.slice(0, 80)}`);
          }
        }
        const body = (await response.text().catch(() => '')).trim();
        if (response.status === 401 || response.status === 403) {
          throw new CharterwatchError('FAILED', `Trino refused the credentials (HTTP ${response.status}${body ? `: ${body.slice(0, 200)}` : ''})`);
        }
        if (![429, 502, 503, 504].includes(response.status)) {
          throw new CharterwatchError('FAILED', `Trino answered HTTP ${response.status}${body ? `: ${body.slice(0, 200)}` : ''}`);
        }
        failure = `Trino answered HTTP ${response.status} ${attempt + 1} times in a row`;
        const retryAfter = Number(response.headers.get('retry-after'));
        if (attempt < this.#o.retries) {
          await sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : this.#o.backoffMs * 2 ** attempt);
          continue;
        }
        throw new CharterwatchError('FAILED', `${failure}; giving up`);
      }
      if (attempt >= this.#o.retries) throw new CharterwatchError('FAILED', failure!);
      await sleep(this.#o.backoffMs * 2 ** attempt);
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function causeOf(error: unknown): string {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  return e.cause?.code ?? e.cause?.message ?? e.message;
}
