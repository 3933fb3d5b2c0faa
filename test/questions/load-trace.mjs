// Records every module a process loads (one URL a line) in the file $CHARTERWATCH_LOAD_TRACE:
// the tests check that `--help` loads no database, answer or server module.
import { register } from 'node:module';

const hooks = `
import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  if (!url.startsWith('node:')) appendFileSync(process.env.CHARTERWATCH_LOAD_TRACE, url + '\\n');
  return next(url, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
