import { Command, CommanderError } from 'commander';
import { CharterwatchError } from '../errors.ts';
import { Cli, ForwardToOwner, type HostedContext, type Io } from './context.ts';
import { commands } from './commands/index.ts';

/** Exit codes: 0 success, 1 failure (one clear line on stderr), 2 usage error. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** Builds the program; each command module adds its own commands. */
export function buildProgram(cli: Cli): Command {
  const program = new Command('charterwatch')
    .description('Reconstructs removal charter flights from public ADS-B positions and joins them with enforcement statistics.')
    .option('--db <path>', 'the DuckDB file (default: $CHARTERWATCH_DB or ./charterwatch.duckdb)')
    .option('--json', 'machine-readable output on stdout')
    .option('--wait <seconds>', 'longest wait for a database another program holds (default: as long as it takes)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: cli.io.stdout, writeErr: cli.io.stderr });
  for (const register of commands) register(program, cli);
  for (const command of program.commands) inherit(command, cli);
  return program;
}

function inherit(command: Command, cli: Cli): void {
  command.exitOverride().configureOutput({ writeOut: cli.io.stdout, writeErr: cli.io.stderr }).showHelpAfterError('(run with --help for usage)');
  for (const sub of command.commands) inherit(sub, cli);
}

/**
 * Runs the CLI with `argv` (without `node` and the script) and returns the exit code.
 * The one place where errors become exit codes. When another charterwatch process owns the
 * database (docs/store.md), the whole command is sent there and its output and exit code relayed;
 * `hosted` is set when this runs such a command inside the owner. `stop`, when given, stops a
 * command that runs until stopped (serve, watch) in place of SIGINT and SIGTERM.
 */
export async function main(argv: string[], io: Io = processIo, hosted?: HostedContext, stop?: AbortSignal): Promise<number> {
  for (;;) {
    const outcome = await attempt(argv, io, hosted, stop);
    if (outcome !== 'again') return outcome;
  }
}

async function attempt(argv: string[], io: Io, hosted: HostedContext | undefined, stop: AbortSignal | undefined): Promise<number | 'again'> {
  const cli = new Cli(io, { hosted, argv, runMain: main, stop });
  const program = buildProgram(cli);
  try {
    await program.parseAsync(argv, { from: 'user' });
    await cli.finish();
    return EXIT.ok;
  } catch (error) {
    if (error instanceof ForwardToOwner) {
      await cli.closeAll();
      const { requestFor, runOnOwner } = await import('../store/remote.ts');
      return runOnOwner(error.owner, requestFor(argv), io);
    }
    if (error instanceof CommanderError) {
      // Help and version are "errors" to commander; they have exit code 0.
      if (error.exitCode === 0) return EXIT.ok;
      return EXIT.usage;
    }
    if (error instanceof CharterwatchError) {
      io.stderr(`charterwatch: ${error.toLine()}\n`);
      return error.code === 'USAGE' ? EXIT.usage : EXIT.failure;
    }
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    io.stderr(`charterwatch: ${message}\n`);
    if (process.env.CHARTERWATCH_DEBUG && error instanceof Error) io.stderr(`${error.stack}\n`);
    return EXIT.failure;
  } finally {
    await cli.closeAll();
  }
}

const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Entry point for bin/charterwatch.js and `npm start`. */
export async function runMain(argv: string[]): Promise<void> {
  process.exitCode = await main(argv);
}

if (import.meta.url === `file://${process.argv[1]}`) await runMain(process.argv.slice(2));
