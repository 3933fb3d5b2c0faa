import { CharterwatchError } from '../errors.ts';
import { FIELDS, OPENSKY_LAYOUT, STALE_AFTER_S } from './layout.ts';
import type { RawRow } from './sink.ts';
import type { PullSource } from './source.ts';
import { TrinoClient, type TrinoColumn } from './trino.ts';
import { HOUR, type Window } from './windows.ts';

export const OPENSKY_TRINO = 'https://trino.opensky-network.org';
export const OPENSKY_TOKEN_URL = 'https://auth.opensky-network.org/auth/realms/opensky-network/protocol/openid-connect/token';

/** Most addresses one query names; more are split over several queries. */
const MAX_ADDRESSES = 500;

export interface OpenSkyOptions {
  /**
   * OPENSKY_USERNAME and OPENSKY_PASSWORD (exchanged for a token), or OPENSKY_TOKEN; OPENSKY_TRINO_URL
   * and OPENSKY_TOKEN_URL point elsewhere (tests).
   */
  env?: NodeJS.ProcessEnv;
  retries?: number;
  backoffMs?: number;
  fetch?: typeof fetch;
}

/**
 * Positions from OpenSky's Trino service (`minio.osky.state_vectors_data4`, partitioned by
 * `hour`). Every query names the `hour` partitions of its window, the window's times and the
 * watched addresses; queries run one at a time, a window of one hour by default.
 */
export class OpenSkySource implements PullSource {
  readonly format = 'opensky-trino';
  readonly origin: string;
  readonly units = OPENSKY_LAYOUT.units;
  readonly windowHours = 1;
  /** OpenSky's limits: one query at a time. */
  readonly concurrency = { default: 1, max: 1 };
  readonly #env: NodeJS.ProcessEnv;
  readonly #server: string;
  readonly #fetch: typeof fetch;
  readonly #retries: number | undefined;
  readonly #backoffMs: number | undefined;
  #client: TrinoClient | undefined;

  constructor({ env = process.env, retries, backoffMs, fetch: fetchImpl = fetch }: OpenSkyOptions) {
    this.#env = env;
    this.#server = env.OPENSKY_TRINO_URL || OPENSKY_TRINO;
    this.origin = `${this.#server.replace(/\/+$/, '')}/minio.osky.state_vectors_data4`;
    this.#fetch = fetchImpl;
    this.#retries = retries;
    this.#backoffMs = backoffMs;
  }

  async check(): Promise<void> {
    const user = (this.#env.OPENSKY_USERNAME ?? '').toLowerCase();
    let token = this.#env.OPENSKY_TOKEN;
    if (!token) {
      if (!user || !this.#env.OPENSKY_PASSWORD) {
        throw new CharterwatchError('USAGE', 'pulling from OpenSky needs OPENSKY_USERNAME and OPENSKY_PASSWORD (or OPENSKY_TOKEN) in the environment');
      }
      token = await this.#token(user, this.#env.OPENSKY_PASSWORD);
    }
    this.#client = new TrinoClient({
      server: this.#server,
      user: user || 'charterwatch',
      catalog: 'minio',
      schema: 'osky',
      token,
      retries: this.#retries,
      backoffMs: this.#backoffMs,
      fetch: this.#fetch,
    });
    // A metadata query: costs no scan, and tells a missing or renamed column before any window.
    const names: string[] = [];
    await this.#client.query('SHOW COLUMNS FROM state_vectors_data4', () => undefined, (row) => names.push(String(row[0])));
    const missing = [...FIELDS, 'hour'].filter((f) => !names.includes(f));
    if (missing.length > 0) throw new CharterwatchError('BAD_INPUT', `${this.origin}: the table has no column(s) ${missing.join(', ')}`);
  }

  query({ start, end, include, exclude }: Window): string {
    if (include === null) throw new CharterwatchError('USAGE', 'OpenSky holds the whole world\'s traffic: pull from it with --watchlist, not --all');
    if (exclude.length > 0) throw new CharterwatchError('FAILED', 'internal: exclusions are not used with OpenSky');
    if (include.length > MAX_ADDRESSES) throw new CharterwatchError('USAGE', `OpenSky: at most ${MAX_ADDRESSES} watched addresses per pull, got ${include.length}`);
    // Partition pruning needs `hour` itself in the filter: `time` alone makes Trino read every hour.
    return [
      `SELECT ${FIELDS.join(', ')}`,
      'FROM state_vectors_data4',
      `WHERE hour >= ${Math.floor(start / HOUR) * HOUR} AND hour < ${Math.ceil(end / HOUR) * HOUR}`,
      `AND time >= ${start} AND time < ${end}`,
      `AND icao24 IN (${include.map((a) => `'${a}'`).join(', ')})`,
      `AND lat IS NOT NULL AND lon IS NOT NULL AND time - lastcontact <= ${STALE_AFTER_S}`,
    ].join('\n');
  }

  async stream(query: string, onRow: (row: RawRow) => void): Promise<{ bytes: number }> {
    if (!this.#client) throw new CharterwatchError('FAILED', 'internal: check() before stream()');
    let index: number[] = [];
    const out: RawRow = new Array(FIELDS.length).fill(null);
    return this.#client.query(
      query,
      (columns: TrinoColumn[]) => {
        index = FIELDS.map((f) => columns.findIndex((c) => c.name === f));
        const absent = FIELDS.filter((_, i) => index[i]! < 0);
        if (absent.length > 0) throw new CharterwatchError('BAD_INPUT', `${this.origin}: the reply has no column(s) ${absent.join(', ')}`);
      },
      (row) => {
        for (let i = 0; i < FIELDS.length; i++) {
          const v = row[index[i]!];
          out[i] = typeof v === 'boolean' ? (v ? 1 : 0) : typeof v === 'number' || typeof v === 'string' ? v : null;
        }
        onRow(out);
      },
    );
  }

  async #token(user: string, password: string): Promise<string> {
    const url = this.#env.OPENSKY_TOKEN_URL || OPENSKY_TOKEN_URL;
    let response: Response;
    try {
      response = await this.#fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'password', client_id: 'trino-client', username: user, password }).toString(),
      });
    } catch (error) {
      throw new CharterwatchError('FAILED', `cannot reach OpenSky's login service at ${new URL(url).origin} (${(error as Error & { cause?: { code?: string } }).cause?.code ?? (error as Error).message})`);
    }
    if (response.status === 400 || response.status === 401) {
      throw new CharterwatchError('FAILED', `OpenSky refused the credentials of "${user}" (check OPENSKY_USERNAME and OPENSKY_PASSWORD)`);
    }
    if (!response.ok) throw new CharterwatchError('FAILED', `OpenSky's login service answered HTTP ${response.status}`);
    const body = (await response.json().catch(() => ({}))) as { access_token?: string };
    if (!body.access_token) throw new CharterwatchError('FAILED', 'OpenSky\'s login service answered without a token');
    return body.access_token;
  }
}
