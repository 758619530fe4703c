/**
 * The write path from a validated point to storage. Every point joins its row's OpenRow so the
 * compactor can pack the row later without reading it back. How the point is made durable depends on
 * the mode:
 *
 * - `cells` (any store; the one mode on a shared HBase): the point is also written as its own cell,
 *   exactly as OpenTSDB writes it, so other TSDs and OpenTSDB itself see it at once. Cells are batched
 *   per event-loop turn.
 * - `log` (the embedded store, which one process owns): the point goes to the write-ahead log only,
 *   and reaches the store once, inside its row's packed cell. That spares OpenTSDB's write
 *   amplification (write a cell, read the row, write the packed cell, delete the cells).
 *
 * - `append` (tsd.storage.enable_appends): each point is appended to its row's 050000 column, as
 *   OpenTSDB's append mode does; rows are not packed.
 *
 * `flush()` resolves once every point added before it is durable against a killed process.
 */
import type { CellWrite, Mutation, Store } from '../../storage/store';
import { APPEND_QUALIFIER, baseTimeOf, DATA_FAMILY, isMilliseconds, MAX_TIMESPAN } from '../const';
import { buildQualifier } from '../qualifier';
import type { RowKeyCodec } from '../row-key';
import type { SeriesId } from '../series-resolver';
import type { EncodedValue } from '../value-codec';
import type { OpenRows, TrackedRow } from './open-rows';
import { WalRecordBuilder, type WriteAheadLog } from './wal';

export type WriteMode = 'cells' | 'log' | 'append';

export interface WriterStats {
  pointsAdded: number;
  storeBatches: number;
  storeErrors: number;
  walRecords: number;
  /** Total and worst time of the durable writes (log appends or cell batches), ms. */
  flushMsTotal: number;
  flushMsMax: number;
}

export interface WriterOptions {
  readonly mode: WriteMode;
  readonly store: Store;
  readonly table: string;
  readonly codec: RowKeyCodec;
  readonly openRows: OpenRows;
  readonly wal?: WriteAheadLog;
  /** Rows whose hour ended before this (s) may already hold stored cells: they are merged when packed. */
  readonly startedAtSec: number;
  readonly nowMs?: () => number;
  /** Called when a cell batch fails (mode `cells`): the points are reported lost, as OpenTSDB's async errors. */
  readonly onStoreError?: (error: unknown, points: number) => void;
  /** Points queued but not durable beyond which `writable()` waits. */
  readonly highWaterPoints?: number;
}

/** A SeriesId remembers its current row, so consecutive points of a series skip the row lookup. */
type SeriesCursor = SeriesId & { row?: TrackedRow };

const WAL_SEGMENT_BYTES = 64 * 1024 * 1024;

export class DataPointWriter {
  readonly stats: WriterStats = { pointsAdded: 0, storeBatches: 0, storeErrors: 0, walRecords: 0, flushMsTotal: 0, flushMsMax: 0 };
  readonly #record = new WalRecordBuilder();
  /** Cells of this turn by row (mode `cells`): one Put per row and turn, however many points. */
  #cells = new Map<TrackedRow, CellWrite[]>();
  #appends: [Buffer, Buffer][] = [];
  #queuedPoints = 0;
  #inflightPoints = 0;
  #scheduled = false;
  #nextWalId = 1;
  /** Ticks scheduled or writing; cell batches are chained so they reach the store in order. */
  readonly #inflight = new Set<Promise<void>>();
  #chain: Promise<void> = Promise.resolve();
  #drained: (() => void)[] = [];
  /** Set by close(): a failing batch then gives up instead of retrying forever. */
  #closed = false;
  readonly #now: () => number;
  /** Wall-clock ms read once per turn: rows note when they were last written, to the turn. */
  #clock: number;
  /** Packed-early rows: a later point for the same row must merge with the stored packed cell. */
  readonly packedEarly = new Set<string>();

  constructor(private readonly o: WriterOptions) {
    this.#now = o.nowMs ?? Date.now;
    this.#clock = this.#now();
    if (o.mode === 'log' && !o.wal) throw new RangeError('Cannot write in log mode without a write-ahead log');
  }

  get mode(): WriteMode {
    return this.o.mode;
  }

  /** Points accepted but not yet durable. */
  get backlog(): number {
    return this.#queuedPoints + this.#inflightPoints;
  }

  /** Adds one point of `series` at `timestamp` (s or ms). Validation happened before. */
  addPoint(series: SeriesId, timestamp: number, value: EncodedValue): void {
    const s = series as SeriesCursor;
    const millis = isMilliseconds(timestamp);
    const seconds = millis ? Math.floor(timestamp / 1000) : timestamp;
    const baseTime = seconds - (seconds % MAX_TIMESPAN);
    if (this.o.mode === 'append') {
      const key = this.o.codec.withBaseTime(series.keyTemplate, baseTime);
      this.#appends.push([key, Buffer.concat([buildQualifier(timestamp, baseTime, value.flags), value.bytes])]);
      this.#accepted();
      return;
    }
    let row = s.row;
    if (!row || row.baseTime !== baseTime || row.packed) {
      row = this.#rowFor(s, baseTime);
      s.row = row;
    }
    const offsetMs = millis ? timestamp - baseTime * 1000 : (timestamp - baseTime) * 1000;
    const grew = row.add(offsetMs, millis, value.flags, value.bytes, this.#clock);
    if (grew !== 0) this.o.openRows.grew(grew);
    if (this.o.mode === 'log') this.#logPoint(row, millis ? 4 : 2, value.bytes);
    else {
      const qualifier = Buffer.from(row.qualifierBuffer.subarray(row.lastQualifierAt, row.lastQualifierAt + (millis ? 4 : 2)));
      const cell = { family: DATA_FAMILY, qualifier, value: value.bytes };
      const pending = this.#cells.get(row);
      if (pending) pending.push(cell);
      else this.#cells.set(row, [cell]);
    }
    this.#accepted();
  }

  #accepted(): void {
    this.stats.pointsAdded++;
    this.#queuedPoints++;
    if (!this.#scheduled) this.#schedule();
  }

  #rowFor(series: SeriesId, baseTime: number): TrackedRow {
    const key = this.o.codec.withBaseTime(series.keyTemplate, baseTime);
    const k = key.toString('latin1');
    const existing = this.o.openRows.get(k);
    if (existing) return existing;
    // The store may already hold cells of this row when its hour began before this process, when it was
    // packed early, or when its hour is over (a late point for a row that was packed at its close).
    const hourOver = baseTime + MAX_TIMESPAN <= Math.floor(this.#now() / 1000) - 1;
    const mergeWithStore = baseTime < this.o.startedAtSec || hourOver || this.packedEarly.has(k);
    return this.o.openRows.create(k, key, baseTime, { mergeWithStore, walSegment: -1, walFirstSegment: Infinity, walId: 0, packed: false });
  }

  #logPoint(row: TrackedRow, qualifierLength: number, value: Buffer): void {
    const wal = this.o.wal as WriteAheadLog;
    if (row.walSegment !== wal.currentSegment || row.walSegment < 0) {
      if (wal.full) this.#rotate();
      row.walSegment = wal.currentSegment;
      row.walId = this.#nextWalId++;
      if (row.walFirstSegment === Infinity) row.walFirstSegment = row.walSegment;
      this.#record.defineRow(row.walId, row.key);
    }
    this.#record.point(row.walId, row.qualifierBuffer, row.lastQualifierAt, qualifierLength, value);
  }

  #rotate(): void {
    const wal = this.o.wal as WriteAheadLog;
    if (this.#record.length > 0) {
      wal.append(this.#record.take());
      this.stats.walRecords++;
    }
    wal.rotate();
    this.#nextWalId = 1;
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    this.#clock = this.#now();
    const tick = new Promise<void>((resolve) => setImmediate(() => resolve(this.#flushTick())));
    this.#inflight.add(tick);
    void tick.then(() => this.#inflight.delete(tick));
  }

  #flushTick(): Promise<void> {
    this.#scheduled = false;
    const points = this.#queuedPoints;
    this.#queuedPoints = 0;
    if (this.o.mode === 'log') {
      const wal = this.o.wal as WriteAheadLog;
      if (this.#record.length > 0) {
        const t0 = performance.now();
        if (wal.currentSegment === 0) wal.rotate();
        wal.append(this.#record.take());
        this.stats.walRecords++;
        this.#timed(t0);
      }
      this.#wakeWriters();
      return Promise.resolve();
    }
    const { table } = this.o;
    const batch: Mutation[] = [];
    for (const [row, cells] of this.#cells) batch.push({ type: 'put', table, row: row.key, cells: lastPerQualifier(cells) });
    const appends = this.#appends;
    this.#cells = new Map();
    this.#appends = [];
    if (batch.length === 0 && appends.length === 0) return Promise.resolve();
    this.#inflightPoints += points;
    this.#chain = this.#chain.then(() => this.#storeUntilDone(batch, appends, points));
    return this.#chain;
  }

  /**
   * Writes one turn's cells, retrying with backoff for as long as the store fails: the points stay
   * queued (and, past the high-water mark, input stops being read) rather than being dropped, so an
   * outage of the store delays points instead of losing them.
   */
  async #storeUntilDone(batch: Mutation[], appends: [Buffer, Buffer][], points: number): Promise<void> {
    const { store, table } = this.o;
    let delayMs = 100;
    const t0 = performance.now();
    try {
      for (;;) {
        try {
          if (batch.length > 0) await store.batch(batch);
          batch = [];
          if (appends.length > 0) await Promise.all(appends.map(([row, pair]) => store.append(table, row, DATA_FAMILY, APPEND_QUALIFIER, pair)));
          this.stats.storeBatches++;
          this.#timed(t0);
          return;
        } catch (e) {
          this.stats.storeErrors++;
          this.o.onStoreError?.(e, points);
          if (this.#closed) throw e;
          await new Promise((r) => setTimeout(r, delayMs));
          delayMs = Math.min(delayMs * 2, 10_000);
        }
      }
    } finally {
      this.#inflightPoints -= points;
      this.#wakeWriters();
    }
  }

  #timed(t0: number): void {
    const ms = performance.now() - t0;
    this.stats.flushMsTotal += ms;
    if (ms > this.stats.flushMsMax) this.stats.flushMsMax = ms;
  }

  #wakeWriters(): void {
    if (this.backlog <= (this.o.highWaterPoints ?? 50_000) / 2) this.#drained.splice(0).forEach((f) => f());
  }

  /** Resolves once every point added so far is durable (in the log, or stored as cells). */
  async flush(): Promise<void> {
    await Promise.all([...this.#inflight]);
  }

  /** Whether the backlog has reached the high-water mark (callers should stop reading input). */
  get saturated(): boolean {
    return this.backlog >= (this.o.highWaterPoints ?? 50_000);
  }

  /** Resolves at once when the backlog is below the high-water mark, else when it has drained to half. */
  writable(): Promise<void> {
    if (this.backlog < (this.o.highWaterPoints ?? 50_000)) return Promise.resolve();
    return new Promise((resolve) => this.#drained.push(resolve));
  }

  /** Stops retrying failed batches (shutdown): what cannot be stored is reported, not retried. */
  close(): void {
    this.#closed = true;
  }

  /** Re-adds a point read back from the log at start; it stays in its old segment. */
  restore(rowKey: Buffer, qualifier: Buffer, value: Buffer, segment: number): void {
    const k = rowKey.toString('latin1');
    const baseTime = this.o.codec.baseTime(rowKey);
    const row =
      this.o.openRows.get(k) ??
      this.o.openRows.create(k, Buffer.from(rowKey), baseTime, { mergeWithStore: true, walSegment: -1, walFirstSegment: segment, walId: 0, packed: false });
    if (segment < row.walFirstSegment) row.walFirstSegment = segment;
    const grew = row.addQualified(qualifier, value, this.#now());
    if (grew !== 0) this.o.openRows.grew(grew);
  }
}

/** A Put holds one version per column: of points rewritten in one turn, the last one stands. */
function lastPerQualifier(cells: CellWrite[]): CellWrite[] {
  if (cells.length < 2) return cells;
  const byQualifier = new Map<string, CellWrite>();
  for (const c of cells) byQualifier.set(c.qualifier.toString('latin1'), c);
  return byQualifier.size === cells.length ? cells : [...byQualifier.values()];
}
