import type { Command } from 'commander';
import { usageError } from '../../errors.ts';
import { registrationFromIcao24 } from '../../fleet/nnumber.ts';
import type { AlertSink } from '../../live/alerts.ts';
import { DEFAULT_MAX_CLOCK_SKEW_SECONDS, DEFAULT_MAX_RESPONSE_MB, DEFAULT_WATCH_MEMORY_MB, DEFAULT_WEBHOOK_EXPIRE_SECONDS } from '../../live/limits.ts';
import { parseHostPort } from '../../live/sbs-client.ts';
import type { WatchFeed, WatchStats } from '../../live/watch.ts';
import type { Register } from '../context.ts';

interface WatchCommandOptions {
  sbs?: string;
  aircraftJson?: string;
  watchlist?: string;
  webhook?: string;
  evictMinutes?: string;
  pollSeconds?: string;
  duration?: string;
  memoryLimit?: string;
  webhookExpireHours?: string;
  deriveSeconds?: string;
  maxResponseMb?: string;
  maxClockSkew?: string;
}

export const registerWatch: Register = (program, cli) => {
  program
    .command('watch')
    .description('follow a live receiver feed; store the watched aircraft\'s positions and alert on their take-offs and landings (one JSON object a line with --json); stops on SIGTERM or SIGINT')
    .option('--sbs <host:port>', 'an SBS-1 (BaseStation) feed over TCP, e.g. a receiver\'s port 30003')
    .option('--aircraft-json <url>', 'poll a readsb / dump1090 aircraft.json over HTTP')
    .option('--watchlist <file>', 'watch these aircraft (ICAO addresses or registrations, one a line); else the fleet registry')
    .option('--webhook <url>', 'also POST each alert as JSON to this URL, from a durable outbox: retried with backoff, across restarts, until a 2xx answer (at least once; each alert has an "id" to de-duplicate on)')
    .option('--webhook-expire-hours <n>', `give up an alert the webhook has not acknowledged after this long (default ${DEFAULT_WEBHOOK_EXPIRE_SECONDS / 3600})`)
    .option('--derive-seconds <n>', 'seconds between derivations of the legs of aircraft that landed (default 30)')
    .option('--evict-minutes <n>', 'forget an aircraft not heard for this long (default 20)')
    .option('--poll-seconds <n>', 'aircraft.json: seconds between polls (default 1)')
    .option('--duration <seconds>', 'stop by itself after this many seconds')
    .option('--max-response-mb <MiB>', `aircraft.json: most MiB read of one response (default ${DEFAULT_MAX_RESPONSE_MB}); a larger one is cut off and counted as a failed poll`)
    .option('--max-clock-skew <seconds>', `refuse a position dated more than this from its receiver's stamp, or ahead of this machine's clock (default ${DEFAULT_MAX_CLOCK_SKEW_SECONDS})`)
    .option('--memory-limit <MiB>', `DuckDB's memory limit while watching, MiB (default ${DEFAULT_WATCH_MEMORY_MB}): keeps a watcher running for days flat`)
    .action(async (options: WatchCommandOptions, command: Command) => {
      const feed = maybeFeed(options);
      const evictMinutes = maybePositive(options.evictMinutes, '--evict-minutes') ?? 20;
      const pollSeconds = maybePositive(options.pollSeconds, '--poll-seconds') ?? 1;
      const duration = maybePositive(options.duration, '--duration');
      const memoryLimitMb = maybePositive(options.memoryLimit, '--memory-limit') ?? DEFAULT_WATCH_MEMORY_MB;
      const expireHours = maybePositive(options.webhookExpireHours, '--webhook-expire-hours') ?? DEFAULT_WEBHOOK_EXPIRE_SECONDS / 3600;
      const deriveSeconds = maybePositive(options.deriveSeconds, '--derive-seconds') ?? 30;
      const maxResponseMb = maybePositive(options.maxResponseMb, '--max-response-mb') ?? DEFAULT_MAX_RESPONSE_MB;
      const maxClockSkewSeconds = maybePositive(options.maxClockSkew, '--max-clock-skew') ?? DEFAULT_MAX_CLOCK_SKEW_SECONDS;
      if (options.webhook !== undefined && !/^https?:\/\/\S+$/i.test(options.webhook)) throw usageError(`--webhook expects an http:// or https:// URL, found "${options.webhook}"`);
      const { json } = cli.globals(command);
      const { resolveFleet } = await import('../../fleet/watchlist.ts');
      const { stdoutSink } = await import('../../live/alerts.ts');
      const { startWatch } = await import('../../live/watch.ts');
      const store = await cli.store(command);
      const fleet = await resolveFleet(store, { watchlist: options.watchlist === undefined ? undefined : cli.path(options.watchlist) });
      if (fleet === null || fleet.size === 0) throw usageError('watch needs watched aircraft: --watchlist FILE or aircraft in the fleet registry');

      const sinks: AlertSink[] = [stdoutSink(cli.io.stdout, json)];
      const webhook = options.webhook ? { url: options.webhook, expireSeconds: expireHours * 3600, onError: (m: string) => cli.log(`warning: ${m}`) } : undefined;
      // Stopped by SIGTERM or SIGINT (or, run by the database's owner, by its client), or --duration.
      const controller = new AbortController();
      const stop = () => controller.abort();
      const stopped = cli.stopSignal();
      stopped.addEventListener('abort', stop, { once: true });
      if (stopped.aborted) stop();
      const timer = duration ? setTimeout(stop, duration * 1000) : undefined;
      cli.log(`watching ${fleet.size} aircraft on ${'sbs' in feed ? `${feed.sbs.host}:${feed.sbs.port}` : feed.aircraftJson} (SIGTERM or Ctrl-C to stop)`);
      try {
        const session = startWatch({
          store,
          feed,
          fleet,
          sinks,
          webhook,
          deriveSeconds,
          signal: controller.signal,
          registrationOf,
          pollIntervalMs: pollSeconds * 1000,
          detector: { evictSeconds: evictMinutes * 60 },
          // Run inside the database's owner (docs/store.md), the watch leaves that process's limit alone.
          memoryLimitMb: cli.hosted ? null : memoryLimitMb,
          maxResponseBytes: Math.floor(maxResponseMb * 1024 * 1024),
          maxClockSkewSeconds,
          onLog: (m) => cli.log(m),
        });
        cli.log(summary(await session.done));
      } finally {
        clearTimeout(timer);
        stopped.removeEventListener('abort', stop);
      }
    });
};

function registrationOf(icao24: string): string | null {
  try {
    return registrationFromIcao24(icao24);
  } catch {
    return null;
  }
}

function maybeFeed({ sbs, aircraftJson }: WatchCommandOptions): WatchFeed {
  if ((sbs === undefined) === (aircraftJson === undefined)) throw usageError('watch needs exactly one feed: --sbs HOST:PORT or --aircraft-json URL');
  if (sbs !== undefined) {
    const hp = parseHostPort(sbs);
    if (!hp) throw usageError(`--sbs expects HOST:PORT (e.g. 127.0.0.1:30003), found "${sbs}"`);
    return { sbs: hp };
  }
  if (!/^https?:\/\/\S+$/i.test(aircraftJson!)) throw usageError(`--aircraft-json expects an http:// or https:// URL, found "${aircraftJson}"`);
  return { aircraftJson: aircraftJson! };
}

function maybePositive(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw usageError(`${option} expects a positive number, found "${value}"`);
  return n;
}

function summary(s: WatchStats): string {
  return `watch ended: ${s.connections} connection(s), ${s.disconnects} drop(s), ${s.lines.toLocaleString('en-US')} lines, ${s.positions.toLocaleString('en-US')} watched positions stored (source ${s.sourceId}), ${s.rejected} bad lines skipped${s.implausible > 0 ? ` (${s.implausible} implausible positions)` : ''}${s.oversized > 0 ? `, ${s.oversized} oversized response(s) cut` : ''}, ${s.alerts} alert(s), ${s.duplicates} repeat(s) suppressed, ${s.derivations} legs derivation(s)${s.webhookOwedAtStart || s.webhookDelivered ? `, ${s.webhookDelivered} webhook deliveries acknowledged` : ''}`;
}
