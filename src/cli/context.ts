import path from 'node:path';
import type { Command } from 'commander';
import { usageError } from '../errors.ts';
import { writeJson } from '../format/json.ts';
import { defaultDbPath } from '../store/default-db.ts';
import type { HostedControl, HostedRequest, StoreHost } from '../store/host.ts';
import type { OwnerInfo } from '../store/owner.ts';
import type { OpenOptions, Store } from '../store/store.ts';

/** Where a command writes: results to `stdout`, progress and logs to `stderr`. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** The options every command takes. */
export interface GlobalOptions {
  db: string;
  json: boolean;
  /** `--wait SECONDS`: longest wait for a database another process holds; undefined: as long as it takes. */
  wait: number | undefined;
}

/** A command run for another process by the owner of the database (src/store/host.ts). */
export interface HostedContext extends HostedControl {
  /** The owner's open database: the command gets connections of it. */
  store: Store;
  cwd: string;
  env: Record<string, string>;
}

/** Runs a whole command line, as `main` does. */
export type RunMain = (argv: string[], io: Io, hosted?: HostedContext) => Promise<number>;

/** Thrown by `Cli.store()` when another process owns the database: main sends the command there. */
export class ForwardToOwner extends Error {
  readonly owner: OwnerInfo;
  constructor(owner: OwnerInfo) {
    super(`database ${owner.db} is owned by PID ${owner.pid}`);
    this.owner = owner;
  }
}

export interface CliOptions {
  /** Set when this command runs inside the owner of the database for another process. */
  hosted?: HostedContext;
  /** The command line, shown in the owner file; and `main`, to run the commands others send. */
  argv?: string[];
  runMain?: RunMain;
  /**
   * Stops a command that runs until stopped (serve, watch) in place of SIGINT and SIGTERM, which
   * are then left alone: how a caller in the same process (a test) stops one.
   */
  stop?: AbortSignal;
}

/** What each command module gets: its io, global options and the store, opened on demand. */
export class Cli {
  readonly io: Io;
  readonly hosted: HostedContext | undefined;
  readonly #argv: string[];
  readonly #runMain: RunMain | undefined;
  #stores: { store: Store; write: boolean }[] = [];
  #host: StoreHost | undefined;
  readonly #stopGiven: AbortSignal | undefined;
  #stop: AbortController | undefined;
  #onSignal: (() => void) | undefined;
  #defer = false;

  constructor(io: Io, { hosted, argv = [], runMain, stop }: CliOptions = {}) {
    this.io = io;
    this.#stopGiven = stop;
    this.hosted = hosted;
    this.#argv = argv;
    this.#runMain = runMain;
  }

  /** Global options as seen from a command (`--db`, `--json` may come before or after it). */
  globals(command: Command): GlobalOptions {
    const all = command.optsWithGlobals() as { db?: string; json?: boolean; wait?: string };
    let wait: number | undefined;
    if (all.wait !== undefined) {
      wait = Number(all.wait);
      if (!/^\d+(\.\d+)?$/.test(all.wait) || !Number.isFinite(wait)) throw usageError(`--wait expects a number of seconds, got "${all.wait}"`);
    }
    return { db: all.db ?? this.env.CHARTERWATCH_DB ?? defaultDbPath(), json: all.json === true, wait };
  }

  /** The environment variables charterwatch reads: the client's when hosted. */
  get env(): Record<string, string | undefined> {
    return this.hosted ? this.hosted.env : process.env;
  }

  /** A path the user gave: as given, or resolved against the client's folder when hosted. */
  path(p: string): string {
    return this.hosted ? path.resolve(this.hosted.cwd, p) : p;
  }

  /**
   * The command's database. Questions pass `readOnly`: they never create or change a file. When
   * another charterwatch process owns the file, this throws ForwardToOwner and main sends the
   * whole command there; a writer that opens the file itself becomes its owner and runs the
   * commands others send until it ends. Closed by `closeAll()` when the command ends.
   */
  async store(command: Command, { readOnly = false, mustExist = false, db: dbPath }: OpenOptions & { db?: string } = {}): Promise<Store> {
    if (this.hosted) {
      const conn = await this.hosted.store.connection();
      this.#stores.push({ store: conn, write: !readOnly });
      return conn;
    }
    const { db: dbGlobal, wait } = this.globals(command);
    const db = dbPath ?? dbGlobal;
    // Loaded only by a command that opens the database: `--help` never loads DuckDB.
    const { acquireStore } = await import('../store/acquire.ts');
    const got = await acquireStore(db, { readOnly, mustExist, waitSeconds: wait, onWait: (m) => this.log(`charterwatch: ${m}`) });
    if ('owner' in got) throw new ForwardToOwner(got.owner);
    const store = got.store;
    this.#stores.push({ store, write: !readOnly });
    if (!readOnly && db !== ':memory:' && this.#runMain && !this.#host) {
      const run = this.#runMain;
      const { StoreHost } = await import('../store/host.ts');
      try {
        this.#host = await StoreHost.start(store.path, commandLine(this.#argv), (request: HostedRequest, io, control) =>
          run(request.argv, io, { ...control, store, cwd: request.cwd, env: request.env }),
        );
      } catch (error) {
        // Without its socket the command still runs; others wait for it instead of running inside it.
        this.log(`warning: cannot take commands for ${store.path} on its socket (${(error as Error).message}): other charterwatch commands on it will wait until this one ends`);
      }
    }
    return store;
  }

  /**
   * For commands that run until stopped (serve, watch): aborted on SIGINT or SIGTERM, or, when
   * hosted, when the client stops or the owner hands the command back, or by the `stop` signal
   * the Cli was given.
   */
  stopSignal(): AbortSignal {
    if (this.hosted) {
      this.hosted.markLongRunning();
      return this.hosted.signal;
    }
    if (this.#stopGiven) return this.#stopGiven;
    if (!this.#stop) {
      const stop = new AbortController();
      this.#stop = stop;
      this.#onSignal = () => stop.abort();
      process.once('SIGINT', this.#onSignal);
      process.once('SIGTERM', this.#onSignal);
    }
    return this.#stop.signal;
  }

  /** Resolves when `stopSignal()` aborts. */
  untilStopped(): Promise<void> {
    const signal = this.stopSignal();
    return signal.aborted ? Promise.resolve() : new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  }

  /** Prints a result: as one JSON document with `--json`, else the text from `render`. */
  print<T>(command: Command, value: T, render: (value: T) => string): void {
    if (this.globals(command).json) this.io.stdout(writeJson(value));
    else this.io.stdout(ensureNewline(render(value)));
  }

  /** A log line on stderr. */
  log(text: string): void {
    this.io.stderr(ensureNewline(text));
  }

  /** `ingest --no-legs`: leave the derivations owed to the next writer. */
  deferDerivations(): void {
    this.#defer = true;
  }

  /** After a command succeeded: every store it opened for writing completes the derivations owed. */
  async finish(): Promise<void> {
    for (const { store, write } of this.#stores) {
      if (!write || this.#defer) continue;
      const { completeDerivations } = await import('../tracks/derive.ts');
      const done = await completeDerivations(store, { onLog: (m) => this.log(m) });
      if (done && done.merge.merged > 0) this.log(`legs: ${done.merge.members} leg(s) from more than one source are ${done.merge.merged} flight(s), each counted once (merged)`);
      if (done && done.merge.conflicts.length > 0) this.log(`warning: ${done.merge.conflicts.length} conflict(s) between sources, not merged: ${done.merge.conflicts.slice(0, 5).join('; ')}${done.merge.conflicts.length > 5 ? '; …' : ''}`);
      if (done) this.log(`legs: ${done.rebuild ? `${done.rebuild.legs.legs} derived from ${done.rebuild.legs.positions.toLocaleString('en-US')} positions of ${done.aircraft} aircraft; ` : ''}${done.classification.legs} leg(s) classified, ${done.classification.missions} mission(s)`);
    }
  }

  /** Stops hosting (commands others sent finish or are handed back), then closes the stores. */
  async closeAll(): Promise<void> {
    const host = this.#host;
    this.#host = undefined;
    if (host) await host.close();
    for (const { store } of this.#stores.splice(0)) store.close();
    if (this.#onSignal) {
      process.off('SIGINT', this.#onSignal);
      process.off('SIGTERM', this.#onSignal);
      this.#onSignal = undefined;
    }
  }
}

/** The command line as the owner file shows it, without the operator token. */
function commandLine(argv: string[]): string {
  const shown = argv.map((a, i) => (argv[i - 1] === '--token' ? '…' : a.startsWith('--token=') ? '--token=…' : a));
  return ['charterwatch', ...shown].join(' ');
}

const ensureNewline = (text: string) => (text.endsWith('\n') || text === '' ? text : `${text}\n`);

/** Signature of a command module: adds its commands to the program. */
export type Register = (program: Command, cli: Cli) => void;
