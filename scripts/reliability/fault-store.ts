/**
 * A Store that forwards to a real one and injects the faults the reliability tests need: a real
 * SIGKILL of this process at a chosen step of row packing, and a slow store (every write and read
 * delayed). Test tooling only: the TSD itself never builds one.
 */
import type { CellWrite, ColumnSelection, Mutation, ScanOptions, Store, StoredRow, TableSpec } from '../../src/storage/store';

/**
 * Where packing dies: before its packed cells are written, after they are written but before the
 * loose cells are deleted, or after the deletes (before the TSD notes the rows as packed and lets go
 * of their log).
 */
export type CrashPoint = 'before-pack-put' | 'after-pack-put' | 'after-pack-delete';

export interface FaultOptions {
  readonly crash?: CrashPoint;
  /** The data table, whose packed puts (qualifiers of more than one point) mark a compaction. */
  readonly dataTable: string;
  /** Added to every batch, put, get and scan batch, in ms. */
  readonly delayMs?: number;
  /** A store that completes this many writes (mutations) a second, one batch after another. */
  readonly writesPerSecond?: number;
}

const die = (): never => {
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable: SIGKILL sent');
};

/** A compaction's put: a data-table cell holding several points (loose cells are 2 or 4 bytes). */
function isPackedPut(m: Mutation, table: string): boolean {
  return m.type === 'put' && m.table === table && m.cells.some((c) => c.qualifier.length > 4);
}

export class FaultStore implements Store {
  readonly description: string;
  #packed = false;
  /** When the throttled store is free again (ms). */
  #busyUntil = 0;

  constructor(
    private readonly inner: Store,
    private readonly o: FaultOptions,
  ) {
    this.description = `fault(${inner.description})`;
  }

  /** Waits the fixed delay, then, for `writes` mutations, for a throttled store's turn. */
  #delay(writes = 0): Promise<void> {
    let ms = this.o.delayMs ?? 0;
    if (this.o.writesPerSecond && writes > 0) {
      const now = Date.now();
      this.#busyUntil = Math.max(now, this.#busyUntil) + (writes * 1000) / this.o.writesPerSecond;
      ms += this.#busyUntil - now;
    }
    return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
  }

  async batch(mutations: readonly Mutation[]): Promise<void> {
    await this.#delay(mutations.length);
    const crash = this.o.crash;
    const packs = mutations.some((m) => isPackedPut(m, this.o.dataTable));
    const deletes = mutations.some((m) => m.type === 'delete' && m.table === this.o.dataTable);
    if (crash === 'before-pack-put' && packs) die();
    await this.inner.batch(mutations);
    if (crash === 'after-pack-put' && packs) die();
    if (packs) this.#packed = true;
    if (crash === 'after-pack-delete' && this.#packed && deletes) die();
  }

  createTable(spec: TableSpec): Promise<void> {
    return this.inner.createTable(spec);
  }
  deleteTable(name: string): Promise<void> {
    return this.inner.deleteTable(name);
  }
  tableExists(name: string): Promise<boolean> {
    return this.inner.tableExists(name);
  }
  listTables(): Promise<string[]> {
    return this.inner.listTables();
  }
  tableFamilies(name: string): Promise<string[]> {
    return this.inner.tableFamilies(name);
  }
  async get(table: string, row: Buffer, select?: ColumnSelection): Promise<StoredRow | null> {
    await this.#delay();
    return this.inner.get(table, row, select);
  }
  put(table: string, row: Buffer, cells: readonly CellWrite[]): Promise<void> {
    return this.batch([{ type: 'put', table, row, cells }]);
  }
  delete(table: string, row: Buffer, family?: string, qualifiers?: readonly Buffer[]): Promise<void> {
    return this.batch([{ type: 'delete', table, row, family, qualifiers }]);
  }
  atomicIncrement(table: string, row: Buffer, family: string, qualifier: Buffer, delta: bigint): Promise<bigint> {
    return this.inner.atomicIncrement(table, row, family, qualifier, delta);
  }
  append(table: string, row: Buffer, family: string, qualifier: Buffer, value: Buffer): Promise<void> {
    return this.inner.append(table, row, family, qualifier, value);
  }
  compareAndSet(table: string, row: Buffer, cell: CellWrite, expected: Buffer | null): Promise<boolean> {
    return this.inner.compareAndSet(table, row, cell, expected);
  }
  async *scan(table: string, options?: ScanOptions): AsyncIterable<StoredRow[]> {
    for await (const rows of this.inner.scan(table, options)) {
      await this.#delay();
      yield rows;
    }
  }
  flush(): Promise<void> {
    return this.inner.flush();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}
