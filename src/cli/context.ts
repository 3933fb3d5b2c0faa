import type { Command } from 'commander';
import { defaultDbPath, Store, type OpenOptions } from '../store/store.ts';

/** Where a command writes: results to `stdout`, progress and logs to `stderr`. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** The options every command takes. */
export interface GlobalOptions {
  db: string;
  json: boolean;
}

/** What each command module gets: its io, global options and the store, opened on demand. */
export class Cli {
  readonly io: Io;
  #stores: Store[] = [];

  constructor(io: Io) {
    this.io = io;
  }

  /** Global options as seen from a command (`--db`, `--json` may come before or after it). */
  globals(command: Command): GlobalOptions {
    const all = command.optsWithGlobals() as { db?: string; json?: boolean };
    return { db: all.db ?? defaultDbPath(), json: all.json === true };
  }

  /** Opens the command's database; closed by `closeAll()` when the command ends. */
  async store(command: Command, options: OpenOptions = {}): Promise<Store> {
    const store = await Store.open(this.globals(command).db, options);
    this.#stores.push(store);
    return store;
  }

  /** Prints a result: as one JSON document with `--json`, else the text from `render`. */
  print<T>(command: Command, value: T, render: (value: T) => string): void {
    if (this.globals(command).json) this.io.stdout(`${JSON.stringify(value, null, 2)}\n`);
    else this.io.stdout(ensureNewline(render(value)));
  }

  /** A log line on stderr. */
  log(text: string): void {
    this.io.stderr(ensureNewline(text));
  }

  closeAll(): void {
    for (const s of this.#stores.splice(0)) s.close();
  }
}

const ensureNewline = (text: string) => (text.endsWith('\n') || text === '' ? text : `${text}\n`);

/** Signature of a command module: adds its commands to the program. */
export type Register = (program: Command, cli: Cli) => void;
