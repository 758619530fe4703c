/**
 * Packs each row this TSD wrote into OpenTSDB's compacted cell once its hour is over and no point has
 * arrived for a moment (tsd.storage.enable_compaction), from the points kept in memory — no read of
 * the row, unless the store may hold cells the TSD did not write (rows older than this process, rows
 * packed early, rows replayed from the log), which are merged with OpenTSDB's rules first.
 *
 * Under memory pressure the idlest rows are packed early; a later point for such a row starts a new
 * open row that is merged with the stored cell when it closes.
 */
import type { Logger } from '../../logging/logger';
import type { Cell, Mutation, Store } from '../../storage/store';
import { planCompaction } from '../compaction';
import { DATA_FAMILY, MAX_TIMESPAN } from '../const';
import type { RowKeyCodec } from '../row-key';
import { walkColumn } from '../column-decoder';
import type { DataPointWriter, WriteMode } from './data-point-writer';
import type { OpenRows, TrackedRow } from './open-rows';
import type { WriteAheadLog } from './wal';

export interface CompactorOptions {
  readonly mode: WriteMode;
  readonly store: Store;
  readonly table: string;
  readonly codec: RowKeyCodec;
  readonly openRows: OpenRows;
  readonly writer: DataPointWriter;
  readonly wal?: WriteAheadLog;
  /** tsd.storage.enable_compaction */
  readonly enabled: boolean;
  /** tsd.storage.fix_duplicates */
  readonly fixDuplicates: boolean;
  /** A closed hour's row is packed once it received no point for this long. */
  readonly idleMs: number;
  /** Bytes of unpacked points held in memory before the idlest rows are packed early. */
  readonly maxOpenBytes: number;
  readonly intervalMs: number;
  /** Rows packed per store batch. */
  readonly batchRows: number;
  readonly logger: Logger;
  readonly nowMs?: () => number;
}

export interface CompactorStats {
  rowsPacked: number;
  rowsMerged: number;
  rowsPackedEarly: number;
  cellsDeleted: number;
  duplicateRows: number;
  errors: number;
  passes: number;
}

export class Compactor {
  readonly stats: CompactorStats = { rowsPacked: 0, rowsMerged: 0, rowsPackedEarly: 0, cellsDeleted: 0, duplicateRows: 0, errors: 0, passes: 0 };
  #timer: NodeJS.Timeout | null = null;
  /** Stored rows a query found in need of compaction (OpenTSDB compacts them on read). */
  readonly #rewrite = new Map<string, Buffer>();
  #running: Promise<void> | null = null;
  readonly #now: () => number;

  constructor(private readonly o: CompactorOptions) {
    this.#now = o.nowMs ?? Date.now;
  }

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.runOnce(), this.o.intervalMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  /**
   * Queues a stored row that a read found uncompacted (several cells, fix-ups, duplicates), as
   * OpenTSDB's read path compacts rows older than an hour; the next pass merges and rewrites it.
   */
  rewriteLater(key: Buffer, baseTime: number): void {
    if (!this.o.enabled || this.o.mode === 'append') return;
    if (baseTime + MAX_TIMESPAN > Math.floor(this.#now() / 1000) - 1) return;
    const k = key.toString('latin1');
    if (this.o.openRows.get(k) || this.#rewrite.size >= 100_000) return;
    this.#rewrite.set(k, Buffer.from(key));
  }

  /**
   * Forgets the unpacked points of rows a query is deleting, so that no later pack writes them back
   * over the delete. Waits for a pass in flight, whose packed cells the caller's delete then removes.
   * (In log mode the points also stay in their log segment until it is released: a crash before then
   * replays them.)
   */
  async discard(keys: readonly Buffer[]): Promise<void> {
    await this.#running;
    for (const key of keys) {
      const k = key.toString('latin1');
      this.#rewrite.delete(k);
      const row = this.o.openRows.get(k);
      if (!row) continue;
      this.o.openRows.remove(k);
      row.packed = true;
    }
  }

  /** One pass: packs the rows that are due (or every row with `all`, at shutdown). */
  runOnce(all = false): Promise<void> {
    if (this.#running) return this.#running.then(() => (all ? this.runOnce(true) : undefined));
    this.#running = this.#pass(all).finally(() => (this.#running = null));
    return this.#running;
  }

  async #pass(all: boolean): Promise<void> {
    this.stats.passes++;
    const nowMs = this.#now();
    const nowSec = Math.floor(nowMs / 1000);
    const due: TrackedRow[] = [];
    for (const row of this.o.openRows.values()) {
      const hourOver = row.baseTime + MAX_TIMESPAN <= nowSec - 1;
      if (all || (hourOver && nowMs - row.lastWriteMs >= this.o.idleMs)) due.push(row);
    }
    let early: TrackedRow[] = [];
    if (!all && this.o.openRows.bytes > this.o.maxOpenBytes) {
      const chosen = new Set(due);
      const rest = [...this.o.openRows.values()].filter((r) => !chosen.has(r)).sort((a, b) => a.lastWriteMs - b.lastWriteMs);
      let bytes = this.o.openRows.bytes - due.reduce((n, r) => n + r.bytes, 0);
      for (const r of rest) {
        if (bytes <= this.o.maxOpenBytes * 0.8) break;
        early.push(r);
        bytes -= r.bytes;
      }
    }
    for (let i = 0; i < due.length; i += this.o.batchRows) await this.#packRows(due.slice(i, i + this.o.batchRows), false);
    for (let i = 0; i < early.length; i += this.o.batchRows) await this.#packRows(early.slice(i, i + this.o.batchRows), true);
    early = [];
    await this.#rewriteStored();
    this.#forgetOldEarlyPacks(nowSec);
    if (this.o.wal) this.o.wal.releaseBefore(this.o.openRows.oldestWalSegment());
  }

  async #packRows(rows: TrackedRow[], early: boolean): Promise<void> {
    const puts: Mutation[] = [];
    const deletes: Mutation[] = [];
    // Points may still arrive while the pack waits on the store: a row that grew is kept open.
    const packedPoints = rows.map((r) => r.points);
    // Rows that must be merged with stored cells each read their row; those reads run together.
    await Promise.all(
      rows.map(async (row) => {
        try {
          await this.#plan(row, puts, deletes);
        } catch (e) {
          this.stats.errors++;
          this.o.logger.warn('Cannot compact row', { row: row.key.toString('hex').toUpperCase(), error: (e as Error).message });
          // In log mode the points exist nowhere else: store them as single cells rather than lose them.
          if (this.o.mode !== 'cells') puts.push(this.#singleCells(row));
        }
      }),
    );
    try {
      if (puts.length > 0) await this.o.store.batch(puts);
      if (deletes.length > 0) await this.o.store.batch(deletes);
    } catch (e) {
      // Keep the rows open: the next pass tries again, and the log still holds their points.
      this.stats.errors++;
      this.o.logger.error('Cannot write packed rows', { rows: rows.length, error: (e as Error).message });
      return;
    }
    rows.forEach((row, i) => {
      const k = row.key.toString('latin1');
      if (row.points !== packedPoints[i]) {
        // The stored cell lacks the newer points; the row keeps all of them and merges next time.
        row.mergeWithStore = true;
        return;
      }
      this.o.openRows.remove(k);
      row.packed = true;
      if (early) {
        this.o.writer.packedEarly.add(k);
        this.stats.rowsPackedEarly++;
      }
    });
    this.o.writer.recheck();
  }

  /** Adds the mutations that store one row's points. */
  async #plan(row: TrackedRow, puts: Mutation[], deletes: Mutation[]): Promise<void> {
    const { table, mode } = this.o;
    if (!this.o.enabled) {
      if (mode === 'log') puts.push(this.#singleCells(row));
      return;
    }
    const packed = row.pack();
    if (packed.duplicates > 0 && !this.o.fixDuplicates && mode === 'cells') {
      // OpenTSDB's compaction fails on differing duplicates and leaves the cells; so do we.
      this.stats.duplicateRows++;
      return;
    }
    if (row.mergeWithStore) {
      const stored = await this.o.store.get(table, row.key, { families: [DATA_FAMILY] });
      if (stored && stored.cells.length > 0) {
        const mine: Cell = { family: DATA_FAMILY, qualifier: packed.qualifier, value: packed.value, timestamp: this.#now() + 1 };
        const plan = planCompaction(table, row.key, [...stored.cells, mine], { fixDuplicates: this.o.fixDuplicates || mode === 'log' });
        this.stats.rowsMerged++;
        const storedQualifiers = new Set(stored.cells.map((c) => c.qualifier.toString('latin1')));
        // No put in the plan: either the merged column is stored already (a crash after the packed put,
        // then replayed), or the row cannot be rewritten (an append column) and our points need a cell.
        const mergedStored = stored.cells.some((c) => c.qualifier.equals(plan.merged.qualifier) && c.value.equals(plan.merged.value));
        if (plan.put) puts.push(plan.put);
        else if (!mergedStored) puts.push(this.#put(row.key, packed.qualifier, packed.value));
        if (plan.delete?.type === 'delete' && plan.delete.qualifiers) {
          const doomed = plan.delete.qualifiers.filter((q) => storedQualifiers.has(q.toString('latin1')));
          if (doomed.length > 0) deletes.push({ ...plan.delete, qualifiers: doomed });
          this.stats.cellsDeleted += doomed.length;
        }
        this.stats.rowsPacked++;
        return;
      }
    }
    const loose = mode === 'cells' ? row.pointQualifiers() : [];
    const onlyCell = loose.length === 1 && loose[0].equals(packed.qualifier);
    if (!onlyCell) puts.push(this.#put(row.key, packed.qualifier, packed.value));
    const doomed = loose.filter((q) => !q.equals(packed.qualifier));
    if (doomed.length > 0) {
      deletes.push({ type: 'delete', table, row: row.key, family: DATA_FAMILY, qualifiers: dedupe(doomed) });
      this.stats.cellsDeleted += doomed.length;
    }
    this.stats.rowsPacked++;
  }

  /** Compacts the stored rows queued by reads: read, merge with OpenTSDB's rules, write, delete. */
  async #rewriteStored(): Promise<void> {
    if (this.#rewrite.size === 0) return;
    const keys = [...this.#rewrite.values()].slice(0, this.o.batchRows);
    for (const k of keys) this.#rewrite.delete(k.toString('latin1'));
    await Promise.all(
      keys.map(async (key) => {
        try {
          const stored = await this.o.store.get(this.o.table, key, { families: [DATA_FAMILY] });
          if (!stored) return;
          const plan = planCompaction(this.o.table, key, stored.cells, { fixDuplicates: this.o.fixDuplicates });
          if (plan.put) await this.o.store.batch([plan.put]);
          if (plan.delete) await this.o.store.batch([plan.delete]);
          if (plan.put || plan.delete) this.stats.rowsMerged++;
        } catch (e) {
          this.stats.errors++;
          this.o.logger.warn('Cannot compact stored row', { row: key.toString('hex').toUpperCase(), error: (e as Error).message });
        }
      }),
    );
  }

  #put(row: Buffer, qualifier: Buffer, value: Buffer): Mutation {
    return { type: 'put', table: this.o.table, row, cells: [{ family: DATA_FAMILY, qualifier, value }] };
  }

  /** Every point of a row as its own cell (compaction off, or a row that cannot be packed). */
  #singleCells(row: TrackedRow): Mutation {
    const q = row.rawQualifiers();
    const v = row.rawValues();
    const cells: { family: string; qualifier: Buffer; value: Buffer }[] = [];
    walkColumn(q, v, (qAt, qW, vAt, vL) => cells.push({ family: DATA_FAMILY, qualifier: q.subarray(qAt, qAt + qW), value: v.subarray(vAt, vAt + vL) }));
    return { type: 'put', table: this.o.table, row: row.key, cells };
  }

  #forgetOldEarlyPacks(nowSec: number): void {
    const set = this.o.writer.packedEarly;
    if (set.size === 0) return;
    for (const k of set) {
      if (this.o.codec.baseTime(Buffer.from(k, 'latin1')) + 2 * MAX_TIMESPAN < nowSec) set.delete(k);
    }
  }
}

function dedupe(qualifiers: Buffer[]): Buffer[] {
  const seen = new Set<string>();
  return qualifiers.filter((q) => {
    const k = q.toString('latin1');
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
