import type { Command } from 'commander';
import { usageError } from '../../errors.ts';
import type { Register } from '../context.ts';

export const registerServe: Register = (program, cli) => {
  program
    .command('serve')
    .description('serve the HTTP API (/api, /openapi.json) and the dashboard; binds 127.0.0.1 unless --host says otherwise')
    .option('--port <n>', 'port to listen on', '8080')
    .option('--host <address>', 'address to bind (0.0.0.0 exposes it to the network)', '127.0.0.1')
    .option('--token <token>', 'operator token that allows writes (or CHARTERWATCH_TOKEN); without one the API is read-only')
    .option('--allowed-host <name>', 'another name the server answers for, besides 127.0.0.1, localhost, [::1] and --host (NAME or NAME:PORT; repeat for more); other Host headers get 421', (value: string, list: string[]) => [...list, value], [] as string[])
    .action(async (options: { port: string; host: string; token?: string; allowedHost: string[] }, command: Command) => {
      const port = Number(options.port);
      if (!/^\d{1,5}$/.test(options.port) || port > 65535) throw usageError(`--port expects a number from 0 to 65535, got "${options.port}"`);
      const token = options.token ?? cli.env.CHARTERWATCH_TOKEN ?? undefined;
      if (token !== undefined && token.length < 16) throw usageError('--token must be at least 16 characters');
      for (const name of options.allowedHost) {
        if (!/^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/.test(name)) throw usageError(`--allowed-host expects a host name or address, optionally with :PORT, got "${name}"`);
      }
      // The server holds the file for writing even when its API only reads: it is then the
      // database's owner, and watch, ingest and questions run inside it (docs/store.md).
      const { serveUntilStopped } = await import('../../server/serve.ts');
      const store = await cli.store(command, { mustExist: true });
      await serveUntilStopped({ store, port, host: options.host, token, allowedHosts: options.allowedHost, signal: cli.stopSignal(), log: (line) => cli.log(line) });
    });
};
