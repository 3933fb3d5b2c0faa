import type { DuckDBConnection, DuckDBResult, DuckDBValue } from '@duckdb/node-api';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { CharterwatchError } from '../errors.ts';
import { migrations, LATEST_VERSION } from './migrations.ts';
import { duckdbSettings } from './settings.ts';

// Loaded with require, not import: @duckdb/node-api is CommonJS, and an import makes Node scan its
// files for their export names, about a seventh of a second of every command that opens a database.
const { DuckDBInstance } = createRequire(import.meta.url)('@duckdb/node-api') as typeof import('@duckdb/node-api');
type DuckDBInstance = import('@duckdb/node-api').DuckDBInstance;

export type Params = DuckDBValue[] | Record<string, DuckDBValue>;
export type Row = Record<string, unknown>;

export interface OpenOptions {
  /** Open without migrating or writing; fails if the file does not exist. */
  readOnly?: boolean;
  /** Fail if the file does not exist, even for writing (`serve`: a mistyped path must not serve an empty database). */
  mustExist?: boolean;
}

/**
 * The file is locked by another process (DuckDB lets one process write a file, or several read
 * it). `holderPid` is the lock holder's process id when DuckDB names it.
 */
export class StoreBusyError extends CharterwatchError {
  readonly holderPid: number | null;
  constructor(dbPath: string, holderPid: number | null) {
    super('STORE', `database ${dbPath} is in use by another process${holderPid ? ` (PID ${holderPid})` : ''}`);
    this.holderPid = holderPid;
  }
}

/** What every connection of one open database shares: the write lock and the count of commits. */
interface Shared {
  /** Tail of the queue of work run by `exclusive()`. */
  lock: Promise<void>;
  /** Commits made through `transaction()` on any connection (readers' caches compare it). */
  commits: number;
}

export { defaultDbPath } from './default-db.ts';

/**
 * The embedded store: one DuckDB file, its schema brought to the latest version on open.
 * Every query takes parameters; user input never reaches SQL text.
 */
export class Store {
  readonly path: string;
  readonly conn: DuckDBConnection;
  readonly #instance: DuckDBInstance;
  /** False for a store made by `connection()`: closing it leaves the database open. */
  readonly #ownsInstance: boolean;
  readonly #shared: Shared;
  /** Opened read-only: no migration, no writes. */
  readonly readOnly: boolean;

  private constructor(dbPath: string, instance: DuckDBInstance, conn: DuckDBConnection, shared: Shared, readOnly: boolean, ownsInstance = true) {
    this.path = dbPath;
    this.#instance = instance;
    this.conn = conn;
    this.#shared = shared;
    this.readOnly = readOnly;
    this.#ownsInstance = ownsInstance;
  }

  /**
   * Another connection to the same open database, with transactions of its own: work that
   * commits independently can run beside this connection's (DuckDB's transactions are
   * optimistic; appends to the same table do not conflict). `close()` it when done.
   */
  async connection(): Promise<Store> {
    return new Store(this.path, this.#instance, await connectUtc(this.#instance), this.#shared, this.readOnly, false);
  }

  /**
   * Runs `fn` while no other `exclusive` work of this open database runs, on any of its
   * connections: the writes that rewrite rows others may rewrite too (an ingest's file, a
   * derivation) go one at a time. Plain appends (live positions) need not. Not re-entrant.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#shared.lock.then(fn);
    this.#shared.lock = run.then(() => undefined, () => undefined);
    return run;
  }

  /** Commits so far through `transaction()` on any connection of this open database. */
  get commits(): number {
    return this.#shared.commits;
  }

  /** Opens (creating if needed) and migrates the database at `dbPath` (`:memory:` for a throwaway one). */
  static async open(dbPath: string, { readOnly = false, mustExist = false }: OpenOptions = {}): Promise<Store> {
    const resolved = dbPath === ':memory:' ? dbPath : path.resolve(dbPath);
    if (resolved !== ':memory:') {
      if ((readOnly || mustExist) && !existsSync(resolved)) {
        throw new CharterwatchError('STORE', `no database at ${resolved}: run "charterwatch demo --no-serve" or "charterwatch ingest" first`);
      }
      mkdirSync(path.dirname(resolved), { recursive: true });
    }
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(resolved, { ...duckdbSettings(), ...(readOnly ? { access_mode: 'READ_ONLY' } : {}) });
    } catch (error) {
      const message = (error as Error).message;
      if (/lock/i.test(message)) throw new StoreBusyError(resolved, Number(/\(PID (\d+)\)/.exec(message)?.[1]) || null);
      throw new CharterwatchError('STORE', `cannot open database ${resolved}: ${message.split('\n')[0]}`);
    }
    const store = new Store(resolved, instance, await connectUtc(instance), { lock: Promise.resolve(), commits: 0 }, readOnly);
    await store.#migrate(readOnly);
    return store;
  }

  async #migrate(readOnly: boolean): Promise<void> {
    const hasMeta = await this.value<number>(
      `SELECT count(*)::INTEGER FROM information_schema.tables WHERE table_name = 'meta' AND table_schema = 'main'`,
    );
    const current = hasMeta ? Number((await this.value<string>(`SELECT value FROM meta WHERE key = 'schema_version'`)) ?? 0) : 0;
    if (current > LATEST_VERSION) {
      this.close();
      throw new CharterwatchError(
        'STORE',
        `database ${this.path} has schema version ${current}, made by a newer charterwatch; this one knows versions up to ${LATEST_VERSION}: upgrade charterwatch to open it`,
      );
    }
    if (current === LATEST_VERSION) return;
    if (readOnly) throw new CharterwatchError('STORE', `database ${this.path} has schema version ${current}; open it once for writing to upgrade it to ${LATEST_VERSION}`);
    // Every step due in one transaction: a new database is made in one commit (about a tenth of
    // the time of one commit a step), and an upgrade stopped half-way leaves the file as it was.
    await this.transaction(async () => {
      for (const migration of migrations.filter((m) => m.version > current)) {
        await this.conn.run(migration.sql);
        await this.run(`INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)`, [String(migration.version)]);
      }
    });
  }

  /** Runs a statement. */
  async run(sql: string, params?: Params): Promise<void> {
    await this.conn.run(sql, params);
  }

  /** All rows as plain objects; BIGINTs that fit become numbers, timestamps ISO strings with Z. */
  async all<T = Row>(sql: string, params?: Params): Promise<T[]> {
    const reader = await this.conn.runAndReadAll(sql, params);
    return reader.getRowObjectsJS().map((row) => plain(row) as T);
  }

  /**
   * The rows of a query as a stream of chunks (`fetchChunk()` until one of zero rows), for reads
   * too large to hold at once (a month of positions): memory stays one chunk.
   */
  async stream(sql: string, params?: Params): Promise<DuckDBResult> {
    return this.conn.stream(sql, params);
  }

  /** The first row, or undefined. */
  async one<T = Row>(sql: string, params?: Params): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  /** The first column of the first row, or undefined. */
  async value<T = unknown>(sql: string, params?: Params): Promise<T | undefined> {
    const row = await this.one(sql, params);
    return row ? (Object.values(row)[0] as T) : undefined;
  }

  /** Runs `fn` in one transaction: all of it is committed, or none of it. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    await this.conn.run('BEGIN TRANSACTION');
    try {
      const result = await fn();
      await this.conn.run('COMMIT');
      this.#shared.commits++;
      return result;
    } catch (error) {
      await this.conn.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  /** The schema version of the open file. */
  async schemaVersion(): Promise<number> {
    return Number(await this.value<string>(`SELECT value FROM meta WHERE key = 'schema_version'`));
  }

  close(): void {
    this.conn.closeSync();
    if (this.#ownsInstance) this.#instance.closeSync();
  }
}

function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    const out: Row = {};
    for (const [key, v] of Object.entries(value)) out[key] = plain(v);
    return out;
  }
  return value;
}

/**
 * A connection whose session time zone is UTC: a day (`leg_date::TIMESTAMPTZ`) and a month
 * (`strftime(… AT TIME ZONE 'UTC')`) then mean the same on every machine, whatever its TZ.
 * DuckDB takes the zone per connection, from the process's TZ unless told.
 */
async function connectUtc(instance: DuckDBInstance): Promise<DuckDBConnection> {
  const conn = await instance.connect();
  await conn.run(`SET TimeZone = 'UTC'`);
  return conn;
}
