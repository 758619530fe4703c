/**
 * The rows this TSD is writing and has not packed yet, by row key, with the bookkeeping the compactor
 * needs: memory held, the oldest WAL segment still holding unpacked points, and an index by metric so
 * queries can merge unpacked points of the series they read.
 */
import { OpenRow } from '../open-row';

export interface OpenRowMeta {
  /** Whether the store may already hold cells of this row that must be merged when packing. */
  mergeWithStore: boolean;
  /** WAL segment of the row's oldest unpacked point (log mode), and its id within its segment. */
  walSegment: number;
  walFirstSegment: number;
  walId: number;
  /** Set once the row is packed and removed; a series holding it must look its row up again. */
  packed: boolean;
}

export type TrackedRow = OpenRow & OpenRowMeta;

export class OpenRows {
  readonly #rows = new Map<string, TrackedRow>();
  readonly #byMetric = new Map<string, Set<TrackedRow>>();
  #bytes = 0;

  constructor(private readonly metricOf: (key: Buffer) => Buffer) {}

  get size(): number {
    return this.#rows.size;
  }

  /** Approximate bytes held by unpacked points. */
  get bytes(): number {
    return this.#bytes;
  }

  get(key: string): TrackedRow | undefined {
    return this.#rows.get(key);
  }

  /** Creates the row for `rowKey` (latin1 `key`). */
  create(key: string, rowKey: Buffer, baseTime: number, meta: OpenRowMeta): TrackedRow {
    const row = Object.assign(new OpenRow(rowKey, baseTime), meta) as TrackedRow;
    this.#rows.set(key, row);
    const metric = this.metricOf(rowKey).toString('latin1');
    let set = this.#byMetric.get(metric);
    if (!set) this.#byMetric.set(metric, (set = new Set()));
    set.add(row);
    this.#bytes += row.bytes;
    return row;
  }

  /** Accounts for a row's growth after points were added. */
  grew(bytes: number): void {
    this.#bytes += bytes;
  }

  remove(key: string): void {
    const row = this.#rows.get(key);
    if (!row) return;
    this.#rows.delete(key);
    this.#bytes -= row.bytes;
    const metric = this.metricOf(row.key).toString('latin1');
    const set = this.#byMetric.get(metric);
    set?.delete(row);
    if (set && set.size === 0) this.#byMetric.delete(metric);
  }

  values(): IterableIterator<TrackedRow> {
    return this.#rows.values();
  }

  /** Unpacked rows of a metric whose base time is in [fromBase, toBase). */
  *forMetric(metricUid: Buffer, fromBase: number, toBase: number): Generator<TrackedRow> {
    const set = this.#byMetric.get(metricUid.toString('latin1'));
    if (!set) return;
    for (const row of set) if (row.baseTime >= fromBase && row.baseTime < toBase) yield row;
  }

  /** The oldest WAL segment still holding unpacked points, or Infinity when none does. */
  oldestWalSegment(): number {
    let min = Infinity;
    for (const row of this.#rows.values()) if (row.walFirstSegment < min) min = row.walFirstSegment;
    return min;
  }
}
