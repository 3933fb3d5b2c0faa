/**
 * A progress bar on stderr for large inputs, drawn only when stderr is a terminal so that
 * logs and CI output stay clean. Readers call `advance(bytes)`; the framework calls `done()`.
 */
export class Progress {
  readonly #label: string;
  readonly #total: number;
  readonly #enabled: boolean;
  #current = 0;
  #lastDraw = 0;

  constructor(label: string, totalBytes: number, { enabled = process.stderr.isTTY === true && totalBytes > 4 << 20 } = {}) {
    this.#label = label;
    this.#total = totalBytes;
    this.#enabled = enabled;
  }

  advance(bytes: number): void {
    this.#current += bytes;
    if (!this.#enabled) return;
    const now = Date.now();
    if (now - this.#lastDraw < 100) return;
    this.#lastDraw = now;
    this.#draw();
  }

  /** For readers that cannot count bytes (a SQL scan): shows the label with a spinner-less note. */
  note(text: string): void {
    if (this.#enabled) process.stderr.write(`\r${this.#label}: ${text}\x1b[K`);
  }

  done(): void {
    if (this.#enabled) process.stderr.write(`\r\x1b[K`);
  }

  #draw(): void {
    const fraction = this.#total > 0 ? Math.min(1, this.#current / this.#total) : 0;
    const width = 30;
    const filled = Math.round(fraction * width);
    const mb = (n: number) => (n / 1048576).toFixed(0);
    process.stderr.write(
      `\r${this.#label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(fraction * 100).toFixed(0)}% ${mb(this.#current)}/${mb(this.#total)} MB\x1b[K`,
    );
  }
}
