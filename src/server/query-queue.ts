import { availableParallelism } from 'node:os';
import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';

/**
 * How many questions the server works on at once, and how the rest wait. A query and the
 * answer built from it use the CPU; run more at once than there are cores and every one of them
 * finishes late (64 heavy requests on 2 cores all came back together, after the time of all 64).
 * So `running` requests run, the next ones wait in line, first come first served, and are
 * refused (503 with Retry-After) only when the line is full or a request has waited too long.
 * A request whose client has gone away while waiting is dropped without being run.
 */
export interface QueryQueueOptions {
  /** Requests run at once: the machine's cores (at least 2). */
  running?: number;
  /** Requests that may wait; one more is answered 503 at once. */
  waiting?: number;
  /** Longest a request waits for its turn before 503, in milliseconds. */
  maxWaitMs?: number;
}

export const DEFAULT_QUEUE = { running: Math.max(2, availableParallelism()), waiting: 256, maxWaitMs: 30_000 } as const;

export interface QueryQueue {
  middleware: MiddlewareHandler;
  stats: () => { running: number; waiting: number; served: number; refusedFull: number; refusedWait: number; abandoned: number };
}

interface Waiter {
  start: () => void;
}

export function queryQueue({ running: maxRunning = DEFAULT_QUEUE.running, waiting: maxWaiting = DEFAULT_QUEUE.waiting, maxWaitMs = DEFAULT_QUEUE.maxWaitMs }: QueryQueueOptions = {}): QueryQueue {
  let running = 0;
  const line: Waiter[] = [];
  const counts = { served: 0, refusedFull: 0, refusedWait: 0, abandoned: 0 };

  const release = () => {
    running--;
    const next = line.shift();
    if (next) {
      running++;
      next.start();
    }
  };

  /** Resolves when the request may run; rejects when it waited too long or its client left. */
  const turn = (signal: AbortSignal | undefined) =>
    new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        start: () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const leave = () => {
        const at = line.indexOf(waiter);
        if (at >= 0) line.splice(at, 1);
        signal?.removeEventListener('abort', onAbort);
      };
      const timer = setTimeout(() => {
        leave();
        counts.refusedWait++;
        reject(new HTTPException(503, { message: `server busy: waited ${Math.round(maxWaitMs / 1000)} s behind ${maxRunning} running requests, retry later` }));
      }, maxWaitMs);
      const onAbort = () => {
        clearTimeout(timer);
        leave();
        counts.abandoned++;
        reject(new HTTPException(499 as never, { message: 'client closed the connection while waiting' }));
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      line.push(waiter);
    });

  const middleware: MiddlewareHandler = async (c, next) => {
    if (running >= maxRunning) {
      if (line.length >= maxWaiting) {
        counts.refusedFull++;
        throw new HTTPException(503, { message: `server busy: ${maxRunning} requests running and ${maxWaiting} waiting, retry in a few seconds` });
      }
      await turn(c.req.raw.signal);
    } else running++;
    try {
      counts.served++;
      await next();
    } finally {
      release();
    }
  };

  return { middleware, stats: () => ({ running, waiting: line.length, ...counts }) };
}
