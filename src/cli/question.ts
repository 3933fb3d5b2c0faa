import type { Command } from 'commander';
import type { Cli } from './context.ts';
import { defaultOn, flagOf, paramsOn, parseValues, requiredOn, valuesOn, type Param, type Question, type Values } from '../questions/declare.ts';

/**
 * A question's command, made from its declaration (src/questions/): one option a parameter, a
 * positional argument where declared, the help text with the allowed values and the default.
 * The command's action reads the values back with `cliValues`.
 */
export function questionCommand(parent: Command, question: Question<any>): Command {
  const command = parent.command(question.name.split(' ').at(-1)!).description(question.summary);
  for (const param of paramsOn(question, 'cli')) {
    if (param.cli && param.cli.argument) {
      const required = requiredOn(param, 'cli');
      command.argument(required ? `<${param.name}>` : `[${param.name}]`, helpOf(param));
    } else if (param.cli && param.cli.repeatable) {
      command.option(`--${flagOf(param)} <${placeholderOf(param)}>`, helpOf(param), (value: string, all: string[] = []) => [...all, value]);
    } else {
      command.option(`--${flagOf(param)} <${placeholderOf(param)}>`, helpOf(param));
    }
  }
  return command;
}

/** The checked values of a question's command line (its arguments and options). */
export function cliValues(question: Question<any>, command: Command): Promise<Values> {
  const options = command.opts() as Record<string, string | string[] | undefined>;
  const given: Record<string, string | string[] | undefined> = {};
  const args = command.processedArgs as (string | undefined)[];
  let position = 0;
  for (const param of paramsOn(question, 'cli')) {
    if (param.cli && param.cli.argument) given[param.name] = args[position++];
    else given[param.name] = options[camel(flagOf(param))];
  }
  return parseValues(paramsOn(question, 'cli'), given, 'cli');
}

function helpOf(param: Param): string {
  const values = param.type === 'enum' ? valuesOn(param, 'cli') : [];
  const fallback = defaultOn(param, 'cli');
  return [
    param.help,
    values.length ? ` (${values.join('|')})` : '',
    requiredOn(param, 'cli') && !(param.cli && param.cli.argument) ? ' (required)' : '',
    fallback !== undefined ? ` (default: ${fallback})` : '',
  ].join('');
}

const PLACEHOLDER: Record<Param['type'], string> = {
  date: 'date',
  month: 'YYYY-MM',
  fiscalYear: 'year',
  country: 'country',
  enum: 'word',
  integer: 'n',
  aircraft: 'ids',
  aircraftType: 'ICAO',
  airport: 'ICAO',
  text: 'text',
  file: 'file',
};

function placeholderOf(param: Param): string {
  if (param.cli && param.cli.placeholder) return param.cli.placeholder;
  if (param.type === 'enum') return param.name;
  return PLACEHOLDER[param.type];
}

const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** Formats written as they come (downloads), not as lines of text. */
const AS_IS = new Set(['csv', 'geojson', 'kml']);

/**
 * Writes an answer in the asked format (`--format`, or JSON with `--json`) with the question's
 * writer: to stdout, or atomically to `--out` (a temporary file, then renamed).
 */
export async function writeAnswer<A>(cli: Cli, command: Command, question: Question<A>, answer: A, values: Values): Promise<void> {
  const asked = typeof values.format === 'string' ? values.format : question.formats[0]!;
  const format = cli.globals(command).json && !AS_IS.has(asked) ? 'json' : asked;
  const writer = question.write?.[format];
  const body = format === 'json' || !writer ? `${JSON.stringify(answer, null, 2)}\n` : await writer(answer, values);
  const text = AS_IS.has(format) || body.endsWith('\n') ? body : `${body}\n`;
  if (typeof values.out === 'string') {
    const { renameSync, writeFileSync } = await import('node:fs');
    const out = cli.path(values.out);
    const tmp = `${out}.part-${process.pid}`;
    writeFileSync(tmp, text);
    renameSync(tmp, out);
    cli.log(`wrote ${values.out}`);
  } else cli.io.stdout(text);
}

/** A question's command whose action is the usual one: check the values, open the database read-only, ask, write the answer. */
export function askCommand<A>(parent: Command, cli: Cli, question: Question<A>): Command {
  return questionCommand(parent, question).action(async (...args: unknown[]) => {
    const command = args.at(-1) as Command;
    const values = await cliValues(question, command);
    const store = await cli.store(command, { readOnly: true });
    await writeAnswer(cli, command, question, await question.ask(store, values), values);
  });
}
