/**
 * The client's side of the shared store (see host.ts): sends this process's whole command to the
 * database's owner and relays what it prints and its exit code. SIGINT and SIGTERM received here
 * are passed on, so stopping a hosted `watch` or `serve` stops it there.
 */
import net from 'node:net';
import { FORWARDED_ENV, type HostedRequest, type Io } from './host.ts';
import type { OwnerInfo } from './owner.ts';

/** The exit code, or `again` when the command must be run anew (the owner stopped before it ran or finished). */
export type RemoteOutcome = number | 'again';

/** The request for this process's command. */
export function requestFor(argv: string[]): HostedRequest {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (FORWARDED_ENV.test(k) && v !== undefined) env[k] = v;
  return { argv, cwd: process.cwd(), env };
}

export function runOnOwner(owner: OwnerInfo, request: HostedRequest, io: Io): Promise<RemoteOutcome> {
  return new Promise((resolve) => {
    const conn = net.connect(owner.socket);
    conn.setEncoding('utf8');
    let buffered = '';
    let outcome: RemoteOutcome | undefined;
    /** Whether the owner printed anything of the command: a lost owner then cannot be retried silently. */
    let printed = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (!conn.destroyed) conn.write(`${JSON.stringify({ signal })}\n`);
    };
    const finish = (result: RemoteOutcome) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(result);
    };
    conn.once('connect', () => {
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      conn.write(`${JSON.stringify(request)}\n`);
    });
    conn.on('data', (chunk: string) => {
      buffered += chunk;
      for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
        const frame = JSON.parse(buffered.slice(0, nl)) as { out?: string; err?: string; exit?: number; handoff?: string };
        buffered = buffered.slice(nl + 1);
        if (frame.out !== undefined) { io.stdout(frame.out); printed = true; }
        if (frame.err !== undefined) { io.stderr(frame.err); printed = true; }
        if (frame.exit !== undefined) outcome = frame.exit;
        else if (frame.handoff !== undefined) outcome = 'again';
      }
    });
    conn.on('error', () => undefined);
    conn.on('close', () => {
      if (outcome !== undefined) return finish(outcome);
      if (!printed) return finish('again');
      io.stderr(`charterwatch: the process that held ${owner.db} (PID ${owner.pid}, ${owner.command}) ended before this command did\n`);
      finish(1);
    });
  });
}
