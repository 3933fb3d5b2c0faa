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
export async function cliValues(question: Question<any>, command: Command): Promise<Values> {
  const options = command.opts() as Record<string, string | string[] | undefined>;
  const given: Record<string, string | string[] | undefined> = {};
  const args = command.processedArgs as (string | undefined)[];
  let position = 0;
  for (const param of paramsOn(question, 'cli')) {
    if (param.cli && param.cli.argument) given[param.name] = args[position++];
    else given[param.name] = options[camel(flagOf(param))];
  }
  const values = await parseValues(paramsOn(question, 'cli'), given, 'cli');
  // A file format is written to a file, never to the terminal: said before anything is read.
  if (typeof values.format === 'string' && FILE_FORMATS.has(values.format) && typeof values.out !== 'string') {
    const { usageError } = await import('../errors.ts');
    throw usageError(`--format ${values.format} writes a file: give --out FILE`);
  }
  return values;
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
/** Binary formats: written only to the file `--out` names. */
const FILE_FORMATS = new Set(['parquet']);

/**
 * Writes an answer in the asked format (`--format`, or JSON with `--json`) with the question's
 * writer: to stdout, or whole to `--out` (src/format/save.ts). A file format says what it wrote
 * (`{"file","rows"}` with `--json`).
 */
export async function writeAnswer<A>(cli: Cli, command: Command, question: Question<A>, answer: A, values: Values): Promise<void> {
  const asked = typeof values.format === 'string' ? values.format : question.formats[0]!;
  const format = cli.globals(command).json && !AS_IS.has(asked) && !FILE_FORMATS.has(asked) ? 'json' : asked;
  const writer = question.write?.[format];
  const body = format === 'json' || !writer ? `${JSON.stringify(answer, null, 2)}\n` : await writer(answer, values);
  if (typeof values.out !== 'string') {
    cli.io.stdout(typeof body !== 'string' || AS_IS.has(format) || body.endsWith('\n') ? String(body) : `${body}\n`);
    return;
  }
  const { saveFile } = await import('../format/save.ts');
  saveFile(cli.path(values.out), typeof body !== 'string' || AS_IS.has(format) || body.endsWith('\n') ? body : `${body}\n`);
  if (FILE_FORMATS.has(format)) {
    const rows = Array.isArray(answer) ? answer.length : null;
    cli.print(command, { file: values.out, rows }, (r) => `wrote ${r.rows ?? 'the'} ${question.name} to ${r.file}`);
  } else cli.log(`wrote ${values.out}`);
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
