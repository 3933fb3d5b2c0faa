/**
 * The owner's side of the shared store: a Unix socket next to the database on which other
 * charterwatch processes send whole commands (argv, working folder, the environment variables
 * charterwatch reads) to be run in this process, against the database it holds open. Each command
 * runs on a connection of its own (reads run side by side; writes take the store's write lock,
 * Store.exclusive), and its stdout, stderr and exit code stream back.
 *
 * The protocol is JSON, one object a line. Client → owner: the request
 * `{"argv":[…],"cwd":"…","env":{…}}`, then optionally `{"signal":"SIGINT"|"SIGTERM"}` (closing the
 * connection counts as a signal too). Owner → client: `{"out":"…"}`, `{"err":"…"}`, then
 * `{"exit":N}`, or `{"handoff":"…"}` when the owner is stopping before a long-running command
 * (serve, watch) is done: the client then runs its command again, on its own or on a new owner.
 */
import { chmodSync, rmSync } from 'node:fs';
import net from 'node:net';
import { removeOwnerFile, socketPath, writeOwnerFile, type OwnerInfo } from './owner.ts';

/** Where a hosted command writes (the same shape as the CLI's Io). */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface HostedRequest {
  argv: string[];
  /** The client's working folder: relative paths in argv are relative to it. */
  cwd: string;
  /** The client's CHARTERWATCH_*, OPENSKY_* and CLICKHOUSE_* variables. */
  env: Record<string, string>;
}

export interface HostedControl {
  /** Aborted when the client asks to stop (a signal, or its connection closed) or the owner hands off. */
  signal: AbortSignal;
  /** Called by a command that runs until stopped: at the owner's end it is handed back, not awaited. */
  markLongRunning: () => void;
}

/** Runs one hosted command in this process; resolves with its exit code. */
export type RunHosted = (request: HostedRequest, io: Io, control: HostedControl) => Promise<number>;

interface Running {
  controller: AbortController;
  longRunning: boolean;
  handoff: boolean;
  done: Promise<void>;
}

/** Which environment variables travel with a command. */
export const FORWARDED_ENV = /^(CHARTERWATCH_|OPENSKY_|CLICKHOUSE_)/;

export class StoreHost {
  readonly info: OwnerInfo;
  readonly #server: net.Server;
  readonly #running = new Set<Running>();
  #closing = false;

  private constructor(info: OwnerInfo, server: net.Server) {
    this.info = info;
    this.#server = server;
  }

  /** Listens on the database's socket and writes its owner file. */
  static async start(db: string, command: string, run: RunHosted): Promise<StoreHost> {
    const socket = socketPath(db);
    // Only a stale socket can be there: the caller holds the database's lock.
    rmSync(socket, { force: true });
    const info: OwnerInfo = { pid: process.pid, command, socket, db, since: new Date().toISOString() };
    let host: StoreHost | undefined;
    const server = net.createServer((conn) => host?.accept(conn, run));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socket, () => resolve());
    });
    // Only this user may send commands.
    chmodSync(socket, 0o600);
    host = new StoreHost(info, server);
    // A socket must not keep the process alive by itself: the owner's own command does.
    server.unref();
    writeOwnerFile(info);
    return host;
  }

  /** Commands being run for other processes. */
  get hosted(): number {
    return this.#running.size;
  }

  accept(conn: net.Socket, run: RunHosted): void {
    conn.setEncoding('utf8');
    conn.on('error', () => undefined);
    let buffered = '';
    let job: Running | undefined;
    const send = (frame: object) => {
      if (!conn.destroyed) conn.write(`${JSON.stringify(frame)}\n`);
    };
    conn.on('data', (chunk: string) => {
      buffered += chunk;
      for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        let frame: { argv?: unknown; cwd?: unknown; env?: unknown; signal?: unknown };
        try {
          frame = JSON.parse(line);
        } catch {
          conn.destroy();
          return;
        }
        if (job) {
          if (frame.signal) job.controller.abort();
          continue;
        }
        if (!Array.isArray(frame.argv) || typeof frame.cwd !== 'string') {
          conn.destroy();
          return;
        }
        if (this.#closing) {
          send({ handoff: 'the owner is stopping' });
          conn.end();
          return;
        }
        const request: HostedRequest = { argv: frame.argv.map(String), cwd: frame.cwd, env: pickEnv(frame.env) };
        job = this.#start(request, run, send, () => conn.end());
      }
    });
    conn.on('close', () => job?.controller.abort());
    // Too much text before a request line: not a client.
    conn.on('data', () => {
      if (!job && buffered.length > 1024 * 1024) conn.destroy();
    });
  }

  #start(request: HostedRequest, run: RunHosted, send: (frame: object) => void, end: () => void): Running {
    const controller = new AbortController();
    const job: Running = { controller, longRunning: false, handoff: false, done: Promise.resolve() };
    const io: Io = { stdout: (text) => send({ out: text }), stderr: (text) => send({ err: text }) };
    job.done = run(request, io, { signal: controller.signal, markLongRunning: () => (job.longRunning = true) })
      .then(
        (code) => send(job.handoff ? { handoff: 'the owner stopped' } : { exit: code }),
        (error) => send({ err: `charterwatch: ${(error as Error).message}\n`, exit: 1 }),
      )
      .finally(() => {
        this.#running.delete(job);
        end();
      });
    this.#running.add(job);
    return job;
  }

  /**
   * Stops taking commands and removes the owner file and socket; commands that run until stopped
   * (serve, watch) are stopped and handed back to their clients, the others are waited for.
   */
  async close(): Promise<void> {
    this.#closing = true;
    removeOwnerFile(this.info);
    // Resolves once every connection has ended, i.e. after the loop below.
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    for (;;) {
      const jobs = [...this.#running];
      if (jobs.length === 0) break;
      for (const job of jobs) {
        if (job.longRunning && !job.controller.signal.aborted) {
          job.handoff = true;
          job.controller.abort();
        }
      }
      await Promise.race(jobs.map((j) => j.done));
    }
    await closed;
  }
}

function pickEnv(env: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (env && typeof env === 'object') for (const [k, v] of Object.entries(env)) if (FORWARDED_ENV.test(k) && typeof v === 'string') out[k] = v;
  return out;
}
