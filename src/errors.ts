/**
 * The project's one error type. Every failure a user can cause or meet is a
 * CharterwatchError with a stable code; `cli/main.ts` and the HTTP server are the
 * only places that turn it into an exit code or a response.
 */
export type ErrorCode =
  | 'USAGE' // wrong arguments: exit 2, HTTP 400
  | 'BAD_INPUT' // a file that cannot be read as the format it claims: exit 1
  | 'NOT_FOUND' // a file, country or record that does not exist: exit 1, HTTP 404
  | 'STORE' // the database cannot be opened or is from a newer version: exit 1
  | 'FAILED'; // anything else the user should see in one line

export interface ErrorPlace {
  file?: string;
  line?: number;
}

export class CharterwatchError extends Error {
  readonly code: ErrorCode;
  readonly file: string | undefined;
  readonly line: number | undefined;

  constructor(code: ErrorCode, message: string, { file, line }: ErrorPlace = {}) {
    super(message);
    this.name = 'CharterwatchError';
    this.code = code;
    this.file = file;
    this.line = line;
  }

  /** One line for stderr: `file:line: message`. */
  toLine(): string {
    const where = this.file ? `${this.file}${this.line ? `:${this.line}` : ''}: ` : '';
    return `${where}${this.message}`;
  }
}

export const usageError = (message: string) => new CharterwatchError('USAGE', message);

export const badInput = (message: string, file?: string, line?: number) =>
  new CharterwatchError('BAD_INPUT', message, { file, line });
