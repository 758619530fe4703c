/**
 * Reads the rows of a scan plan and turns each into one data column (SaltScanner + the in-memory
 * compaction of TSDB.compact): a row that is already one clean cell is used as stored; any other row
 * is merged with OpenTSDB's rules. Unpacked points this TSD holds in memory (log mode) are merged in,
 * so a query sees every acknowledged point.
 */
import { compileFilter } from '../../storage/filters';
import type { Cell, Store } from '../../storage/store';
import { DATA_FAMILY } from '../const';
import { classifyCells } from '../row-cells';
import { mergeRow } from '../row-merge';
import type { RowKeyCodec } from '../row-key';
import type { OpenRows } from '../write/open-rows';
import type { ScanRange } from './scan-plan';

export interface ReadRow {
  readonly key: Buffer;
  readonly baseTime: number;
  /** The row's data points as one column (no meta byte needed; it may be present). */
  readonly qualifier: Buffer;
  readonly value: Buffer;
  readonly annotations: readonly Cell[];
  /** Whether the stored form should be rewritten (compaction on read). */
  readonly needsRewrite: boolean;
  readonly hasAppend: boolean;
}

export interface ReadOptions {
  readonly fixDuplicates: boolean;
  readonly signal?: AbortSignal;
  readonly batchSize?: number;
  /** Unpacked rows to merge, when the write path keeps points in memory only. */
  readonly openRows?: OpenRows;
  readonly metricUid: Buffer;
}

/** Fast path: one data cell, no append, nothing to fix (a 2-byte cell whose flags match its value). */
function singleCleanCell(cells: readonly Cell[]): Cell | null {
  if (cells.length !== 1) return null;
  const c = cells[0];
  const q = c.qualifier;
  if (q.length === 0 || q.length % 2 !== 0) return null;
  if (q.length === 2 && (q[1] & 0x07) + 1 !== c.value.length) return null;
  return c;
}

function toReadRow(codec: RowKeyCodec, key: Buffer, cells: readonly Cell[], fixDuplicates: boolean): ReadRow | null {
  const clean = singleCleanCell(cells);
  if (clean) {
    return { key, baseTime: codec.baseTime(key), qualifier: clean.qualifier, value: clean.value, annotations: [], needsRewrite: false, hasAppend: false };
  }
  const classified = classifyCells(cells);
  if (classified.data.length === 0 && classified.appends.length === 0) {
    if (classified.annotations.length === 0) return null;
    return { key, baseTime: codec.baseTime(key), qualifier: Buffer.alloc(0), value: Buffer.alloc(0), annotations: classified.annotations, needsRewrite: false, hasAppend: false };
  }
  const m = mergeRow(cells, { fixDuplicates, rowKey: key });
  return { key, baseTime: codec.baseTime(key), qualifier: m.qualifier, value: m.value, annotations: m.annotations, needsRewrite: m.needsRewrite, hasAppend: m.hasAppend };
}

export async function* readRows(
  store: Store,
  table: string,
  codec: RowKeyCodec,
  scans: readonly ScanRange[],
  options: ReadOptions,
): AsyncGenerator<ReadRow> {
  const overlay = new Map<string, Cell>();
  if (options.openRows && scans.length > 0) {
    const filter = compileFilter(scans[0].filter);
    const from = codec.baseTime(padKey(scans[0].start, codec));
    const to = codec.baseTime(padKey(scans[0].stop, codec));
    const now = Date.now();
    for (const row of options.openRows.forMetric(options.metricUid, from, to)) {
      if (filter.row(row.key) === false) continue;
      const packed = row.pack();
      overlay.set(row.key.toString('latin1'), { family: DATA_FAMILY, qualifier: packed.qualifier, value: packed.value, timestamp: now + 1 });
    }
  }
  for (const scan of scans) {
    for await (const batch of store.scan(table, {
      start: scan.start,
      stop: scan.stop,
      filter: scan.filter,
      families: [DATA_FAMILY],
      batchSize: options.batchSize ?? 128,
      signal: options.signal,
    })) {
      options.signal?.throwIfAborted();
      for (const stored of batch) {
        let cells = stored.cells;
        if (overlay.size > 0) {
          const k = stored.key.toString('latin1');
          const mine = overlay.get(k);
          if (mine) {
            overlay.delete(k);
            cells = [...cells, mine];
          }
        }
        const row = toReadRow(codec, stored.key, cells, options.fixDuplicates);
        if (row) yield row;
      }
    }
  }
  for (const [k, cell] of overlay) {
    const key = Buffer.from(k, 'latin1');
    const row = toReadRow(codec, key, [cell], options.fixDuplicates);
    if (row) yield row;
  }
}

/** A scan bound is [salt][metric][time]; read its base time. */
function padKey(bound: Buffer, codec: RowKeyCodec): Buffer {
  return bound.length >= codec.prefixLength ? bound : Buffer.concat([bound, Buffer.alloc(codec.prefixLength - bound.length)]);
}
