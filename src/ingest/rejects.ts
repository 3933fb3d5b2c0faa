import { openRejectsWriter, type RejectsWriter } from '../query/write/sources.ts';
import type { Store } from '../store/store.ts';

const MAX_RAW = 1000;

/**
 * Keeps aside the rows a reader could not use, with line and reason, inside the load's
 * transaction, and counts them by reason. Nothing is dropped without a trace.
 */
export class Rejects {
  readonly #store: Store;
  readonly #sourceId: number;
  #writer: RejectsWriter | undefined;
  /** Count of rejected rows by reason. */
  readonly byReason = new Map<string, number>();
  count = 0;

  constructor(store: Store, sourceId: number) {
    this.#store = store;
    this.#sourceId = sourceId;
  }

  async add(line: number | null, reason: string, raw?: string): Promise<void> {
    this.#writer ??= await openRejectsWriter(this.#store, this.#sourceId);
    this.#writer.add(line, reason, raw === undefined ? null : raw.length > MAX_RAW ? raw.slice(0, MAX_RAW) : raw);
    this.count++;
    this.byReason.set(reason, (this.byReason.get(reason) ?? 0) + 1);
  }

  /** Records `n` rejects that a SQL reader already wrote into `rejects` itself. */
  noteWritten(reason: string, n: number): void {
    if (n <= 0) return;
    this.count += n;
    this.byReason.set(reason, (this.byReason.get(reason) ?? 0) + n);
  }

  /** Flushes into the table; call before the transaction commits. */
  close(): void {
    this.#writer?.close();
    this.#writer = undefined;
  }
}
