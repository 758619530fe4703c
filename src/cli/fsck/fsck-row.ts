/**
 * Checks one data-table row as OpenTSDB's Fsck worker does (fsckKey, fsckRow, fsckDataPoints): the
 * row key's shape and UIDs, every cell's kind, then the points in time order — duplicates (kept:
 * oldest cell, or newest with --last-write-wins), value encodings — and with --fix writes the row's
 * repaired compacted cell before deleting the cells it replaces.
 */
import type { Logger } from '../../logging/logger';
import type { Cell, Mutation, StoredRow } from '../../storage/store';
import { ANNOTATION_PREFIX, APPEND_PREFIX, DATA_FAMILY, MS_MIXED_COMPACT } from '../../core/const';
import { toHex } from '../../core/row-key';
import type { TSDB } from '../../tsdb';
import { javaByteArray, NoSuchUniqueId } from '../../uid/errors';
import { javaDoubleToString } from '../../java/java-double';
import { CorruptCompactionError, describeCell, inMs, isFloat, offsetMs, splitCompacted, type FsckPoint } from './fsck-cells';
import type { FsckCounters } from './fsck-counters';
import type { FsckOptions } from './fsck-options';
import { fsckFloat, fsckInteger, type RowRepair } from './fsck-values';
import { javaDateString } from '../java-date';

const signed = (b: number): number => (b << 24) >> 24;

function pointValue(p: FsckPoint): string {
  const v = p.value;
  if (isFloat(p.qualifier)) return v.length === 4 ? javaDoubleToString(v.readFloatBE(0)) : v.length === 8 ? javaDoubleToString(v.readDoubleBE(0)) : javaByteArray(v);
  if (v.length === 1) return String(v.readInt8(0));
  if (v.length === 2) return String(v.readInt16BE(0));
  if (v.length === 4) return String(v.readInt32BE(0));
  return v.length === 8 ? String(v.readBigInt64BE(0)) : javaByteArray(v);
}

export class FsckRowChecker {
  /** Series whose UIDs resolved already. */
  readonly #resolved = new Set<string>();

  constructor(
    private readonly tsdb: TSDB,
    private readonly options: FsckOptions,
    private readonly counters: FsckCounters,
    private readonly logger: Logger,
  ) {}

  get #table(): string {
    return this.tsdb.tables.data;
  }

  async #apply(m: Mutation): Promise<void> {
    await this.tsdb.store.batch([m]);
  }

  /** Checks one row; resolves whether it held data points. */
  async check(row: StoredRow): Promise<boolean> {
    if (this.#globalAnnotations(row)) return false;
    if (!(await this.#checkKey(row.key))) return false;
    const points = new Map<number, FsckPoint[]>();
    const queued: Mutation[] = [];
    let compactRow = false;
    const base = this.tsdb.codec.baseTime(row.key) * 1000;
    const add = (p: FsckPoint): void => {
      const ts = base + offsetMs(p.qualifier);
      const list = points.get(ts);
      if (list) list.push(p);
      else points.set(ts, [p]);
    };
    for (const cell of row.cells) {
      this.counters.kvsProcessed++;
      if (this.#checkCell(row.key, cell, add, queued)) compactRow = true;
    }
    for (const m of queued) await this.#apply(m);
    if (points.size === 0) return false;
    await this.#checkPoints(row.key, points, compactRow);
    return true;
  }

  /**
   * Rows of metric UID 0 without tags hold global annotations, not a series: counted, not checked
   * (OpenTSDB's full scan reports them as orphans, and --delete-orphans would delete them).
   */
  #globalAnnotations(row: StoredRow): boolean {
    const { codec } = this.tsdb;
    if (row.key.length !== codec.prefixLength || !codec.metric(row.key).every((b) => b === 0)) return false;
    for (const c of row.cells) {
      this.counters.kvsProcessed++;
      if (c.qualifier[0] === ANNOTATION_PREFIX) this.counters.annotations++;
    }
    return true;
  }

  async #checkKey(key: Buffer): Promise<boolean> {
    const { codec } = this.tsdb;
    const { fix } = this.options;
    if (key.length < codec.prefixLength || (key.length - codec.prefixLength) % codec.tagPairWidth !== 0) {
      this.logger.error(`Invalid row key.\n\tKey: ${toHex(key)}`);
      this.counters.badKey++;
      if (fix && this.options.deleteBadRows) {
        await this.#apply({ type: 'delete', table: this.#table, row: key });
        this.counters.badKeyFixed++;
      }
      return false;
    }
    const tsuid = codec.tsuid(key).toString('latin1');
    if (this.#resolved.has(tsuid)) return true;
    const { uids } = this.tsdb;
    let what = 'the metric';
    try {
      await uids.metrics.getName(codec.metric(key));
      what = 'the a tagk or tagv';
      for (const [k, v] of codec.tags(key)) await Promise.all([uids.tagk.getName(k), uids.tagv.getName(v)]);
    } catch (e) {
      if (!(e instanceof NoSuchUniqueId)) throw e;
      this.logger.error(`Unable to resolve ${what} from the row key.\n\tKey: ${toHex(key)}\n\t${e.message}`);
      this.counters.orphans++;
      if (fix && this.options.deleteOrphans) {
        await this.#apply({ type: 'delete', table: this.#table, row: key });
        this.counters.orphansFixed++;
      }
      return false;
    }
    this.#resolved.add(tsuid);
    return true;
  }

  /** Sorts one cell; returns true for a compacted cell (the row is then rewritten on --fix). */
  #checkCell(key: Buffer, cell: Cell, add: (p: FsckPoint) => void, queued: Mutation[]): boolean {
    const q = cell.qualifier;
    const { fix, deleteUnknownColumns, deleteBadCompacts } = this.options;
    const deleteThis = (): Mutation => ({ type: 'delete', table: this.#table, row: key, family: cell.family, qualifiers: [q] });
    if (q.length < 2 || (q.length % 2 !== 0 && q.length !== 3 && q.length !== 5)) {
      this.counters.unknown++;
      this.logger.error(`${q.length < 2 ? 'Invalid qualifier, must be on 2 bytes or more.' : 'Unknown qualifier, must be 2, 3, 5 or an even number of bytes.'}\n\t${describeCell(key, cell)}`);
      if (fix && deleteUnknownColumns) {
        queued.push(deleteThis());
        this.counters.unknownFixed++;
      }
      return false;
    }
    if (q.length % 2 !== 0) {
      if (q[0] === ANNOTATION_PREFIX) this.counters.annotations++;
      else if (q[0] === APPEND_PREFIX) this.counters.appendDatapoints++;
      else {
        this.logger.warn(`Found an object possibly from a future version of OpenTSDB\n\t${describeCell(key, cell)}`);
        this.counters.future++;
      }
      return false;
    }
    if ((q.length === 4 && !inMs(q)) || q.length > 4) {
      if (cell.value.length === 0 || signed(cell.value[cell.value.length - 1]) > MS_MIXED_COMPACT) {
        this.counters.badCompactedColumns++;
        this.logger.error(`The last byte of a compacted should be 0 or 1. Either this value is corrupted or it was written by a future version of OpenTSDB.\n\t${describeCell(key, cell)}`);
        return false;
      }
      try {
        const points = splitCompacted(key, cell);
        points.forEach(add);
        if (!Buffer.concat(points.map((p) => p.qualifier)).equals(q)) {
          this.logger.error(`Compacted column was out of order or requires a fixup: ${describeCell(key, cell)}`);
          this.counters.fixableCompactedColumns++;
        }
        return true;
      } catch (e) {
        if (!(e instanceof CorruptCompactionError)) throw e;
        this.counters.badCompactedColumns++;
        this.logger.error(e.message);
        if (fix && deleteBadCompacts) {
          queued.push(deleteThis());
          this.counters.badCompactedColumnsDeleted++;
        }
        return false;
      }
    }
    add({ cell, compacted: false, qualifier: q, value: cell.value });
    return false;
  }

  /** fsckDataPoints: duplicates and values in time order, then the rewrite of the row. */
  async #checkPoints(key: Buffer, points: Map<number, FsckPoint[]>, compactRow: boolean): Promise<void> {
    const { options, counters, logger } = this;
    const newQ: Buffer[] = [];
    const newV: Buffer[] = [];
    const queued: Mutation[] = [];
    const repair: RowRepair = {
      key,
      table: this.#table,
      options,
      counters,
      logger,
      compacting: compactRow || options.compact,
      appendPoint: (q, v) => {
        newQ.push(q);
        newV.push(v);
      },
      queue: (m) => void queued.push(m),
    };
    /** Every data column that took part, by qualifier: deleted once the new cell is written. */
    const columns = new Map<string, Cell>();
    let seconds = false;
    let millis = false;
    let hasDuplicates = false;
    let uncorrected = false;
    let fixedByRewrite = 0;
    const keep = (p: FsckPoint): void => {
      counters.validDatapoints++;
      if (isFloat(p.qualifier) ? fsckFloat(repair, p) : fsckInteger(repair, p)) uncorrected = true;
      if (inMs(p.qualifier)) millis = true;
      else seconds = true;
      columns.set(p.cell.qualifier.toString('latin1'), p.cell);
    };
    for (const ts of [...points.keys()].sort((a, b) => a - b)) {
      const list = points.get(ts) as FsckPoint[];
      if (list.length === 1) {
        keep(list[0]);
        continue;
      }
      hasDuplicates = true;
      list.sort((a, b) => a.cell.timestamp - b.cell.timestamp);
      const kept = options.lastWriteWins ? list[list.length - 1] : list[0];
      const describe = (p: FsckPoint): string =>
        `    write time: (${p.cell.timestamp} - ${javaDateString(p.cell.timestamp)})  compacted: (${p.compacted})  qualifier: ${javaByteArray(p.cell.qualifier)}`;
      const lines = [`More than one column had a value for the same timestamp: (${ts} - ${javaDateString(ts)})`, `    row key: (${toHex(key)})`];
      lines.push(`${describe(kept)} value: ${pointValue(kept)} <--- keep ${options.lastWriteWins ? 'latest' : 'oldest'}`);
      keep(kept);
      for (const p of list) {
        if (p === kept) continue;
        counters.duplicates++;
        lines.push(`${describe(p)} value: ${pointValue(p)}`);
        columns.set(p.cell.qualifier.toString('latin1'), p.cell);
        if (!options.fix || !options.resolveDupes) continue;
        if (compactRow) fixedByRewrite++;
        else if (!p.compacted) {
          queued.push({ type: 'delete', table: this.#table, row: key, family: p.cell.family, qualifiers: [p.cell.qualifier] });
          counters.duplicatesFixed++;
        }
      }
      logger.info(lines.join('\n'));
    }
    for (const m of queued) await this.#apply(m);
    if ((hasDuplicates && !options.resolveDupes) || (uncorrected && !options.deleteBadValues)) {
      logger.warn('One or more errors found in row that were not marked for repair');
      return;
    }
    if (!(repair.compacting && options.fix && newQ.length > 0)) return;
    await this.#rewrite(key, newQ, newV, seconds && millis, columns);
    counters.duplicatesFixed += fixedByRewrite;
  }

  /** Writes the row's new compacted cell, then deletes every other data column that took part. */
  async #rewrite(key: Buffer, qs: Buffer[], vs: Buffer[], mixed: boolean, columns: Map<string, Cell>): Promise<void> {
    const qualifier = Buffer.concat(qs);
    // A lone point is stored as a plain cell: no meta byte.
    const value = qs.length === 1 ? Buffer.concat(vs) : Buffer.concat([...vs, Buffer.from([mixed ? MS_MIXED_COMPACT : 0])]);
    const existing = columns.get(qualifier.toString('latin1'));
    if (!existing || !existing.value.equals(value)) {
      if (existing) this.logger.info(`Overwriting compacted column with new value: \n    row key: (${toHex(key)})\n    qualifier: ${toHex(qualifier)}\n    value: ${toHex(value)}`);
      await this.#apply({ type: 'put', table: this.#table, row: key, cells: [{ family: DATA_FAMILY, qualifier, value }] });
    }
    columns.delete(qualifier.toString('latin1'));
    if (columns.size === 0) return;
    await this.#apply({ type: 'delete', table: this.#table, row: key, family: DATA_FAMILY, qualifiers: [...columns.values()].map((c) => c.qualifier) });
  }
}
