/**
 * Merges every data column of one row into one compacted column, as OpenTSDB's compaction does
 * (CompactionQueue.Compaction, storage spec §7.2–7.3): points ordered by time offset in milliseconds,
 * the newest cell winning on equal offsets; equal offsets with different value bytes are an error
 * ("Duplicate timestamp") unless fix_duplicates, which keeps the newest. The append column joins the
 * merge (its later pairs replace earlier ones) but makes the row read-only for write-back.
 */
import type { Cell } from '../storage/store';
import { MS_MIXED_COMPACT } from './const';
import { walkColumn } from './column-decoder';
import { classifyCells, fixupSingleCell } from './row-cells';
import { IllegalDataError } from './value-codec';

export interface MergeOptions {
  /** tsd.storage.fix_duplicates: keep the newest of differing duplicates instead of failing. */
  readonly fixDuplicates: boolean;
  /** Rendered into the duplicate error, as OpenTSDB names the row. */
  readonly rowKey?: Buffer;
}

export interface MergedRow {
  /** The compacted column (empty buffers when the row holds no data point). */
  readonly qualifier: Buffer;
  readonly value: Buffer;
  readonly pointCount: number;
  /** Qualifiers of the data cells that took part; compaction deletes those it does not rewrite. */
  readonly sourceQualifiers: Buffer[];
  /** True when the stored form differs from `qualifier`/`value` (several cells, fix-ups, duplicates). */
  readonly needsRewrite: boolean;
  /** Rows with an append column are merged for reads but never written back (§8.1). */
  readonly hasAppend: boolean;
  readonly annotations: Cell[];
  /** Differing duplicates resolved by fix_duplicates. */
  readonly duplicatesFixed: number;
}

interface Entry {
  offsetMs: number;
  ts: number;
  order: number;
  q: Buffer;
  qAt: number;
  qWidth: number;
  v: Buffer;
  vAt: number;
  vLen: number;
}

/** Parses an append column: `q1 v1 q2 v2 ...`, later pairs replacing earlier ones at equal offsets. */
function appendEntries(cell: Cell, order: number, out: Entry[]): void {
  const blob = cell.value;
  const byOffset = new Map<number, Entry>();
  let at = 0;
  while (at < blob.length) {
    const width = (blob[at] & 0xf0) === 0xf0 ? 4 : 2;
    if (at + width > blob.length) throw new IllegalDataError('Truncated append column');
    const q = blob.subarray(at, at + width);
    const len = (q[width - 1] & 0x07) + 1;
    if (at + width + len > blob.length) throw new IllegalDataError('Truncated value in append column');
    let offset = 0;
    walkColumn(q, blob.subarray(at + width, at + width + len), (_qa, _qw, _va, _vl, off) => (offset = off));
    byOffset.set(offset, { offsetMs: offset, ts: cell.timestamp, order, q: blob, qAt: at, qWidth: width, v: blob, vAt: at + width, vLen: len });
    at += width + len;
  }
  out.push(...byOffset.values());
}

export function mergeRow(cells: readonly Cell[], options: MergeOptions): MergedRow {
  const row = classifyCells(cells);
  const entries: Entry[] = [];
  let fixed = false;
  const sourceQualifiers: Buffer[] = [];
  row.data.forEach((raw, order) => {
    const { cell, fixed: f } = fixupSingleCell(raw);
    fixed ||= f;
    sourceQualifiers.push(raw.qualifier);
    walkColumn(cell.qualifier, cell.value, (qAt, qWidth, vAt, vLen, offsetMs) => {
      entries.push({ offsetMs, ts: cell.timestamp, order, q: cell.qualifier, qAt, qWidth, v: cell.value, vAt, vLen });
    });
  });
  row.appends.forEach((cell, i) => appendEntries(cell, row.data.length + i, entries));

  entries.sort((a, b) => a.offsetMs - b.offsetMs || b.ts - a.ts || b.order - a.order);
  const kept: Entry[] = [];
  let duplicates = 0;
  for (const e of entries) {
    const last = kept[kept.length - 1];
    if (last && last.offsetMs === e.offsetMs) {
      const same = e.vLen === last.vLen && e.v.compare(last.v, last.vAt, last.vAt + last.vLen, e.vAt, e.vAt + e.vLen) === 0;
      if (!same) {
        if (!options.fixDuplicates) {
          throw new IllegalDataError(
            `Duplicate timestamp for key=${options.rowKey?.toString('hex').toUpperCase() ?? '?'}, ms_offset=${e.offsetMs}, ` +
              `older=${e.v.subarray(e.vAt, e.vAt + e.vLen).toString('hex').toUpperCase()}, ` +
              `newer=${last.v.subarray(last.vAt, last.vAt + last.vLen).toString('hex').toUpperCase()}; ` +
              `set tsd.storage.fix_duplicates=true to fix it.`,
          );
        }
        duplicates++;
      }
      continue;
    }
    kept.push(e);
  }

  let qLen = 0;
  let vLen = 0;
  let seconds = false;
  let millis = false;
  for (const e of kept) {
    qLen += e.qWidth;
    vLen += e.vLen;
    if (e.qWidth === 4) millis = true;
    else seconds = true;
  }
  const meta = kept.length > 1 ? 1 : 0;
  const qualifier = Buffer.allocUnsafe(qLen);
  const value = Buffer.allocUnsafe(vLen + meta);
  let qa = 0;
  let va = 0;
  for (const e of kept) {
    qa += e.q.copy(qualifier, qa, e.qAt, e.qAt + e.qWidth);
    va += e.v.copy(value, va, e.vAt, e.vAt + e.vLen);
  }
  if (meta) value[va] = seconds && millis ? MS_MIXED_COMPACT : 0;

  const single = row.data.length === 1 && row.appends.length === 0;
  return {
    qualifier,
    value,
    pointCount: kept.length,
    sourceQualifiers,
    needsRewrite: !single || fixed || kept.length !== entries.length,
    hasAppend: row.appends.length > 0,
    annotations: row.annotations,
    duplicatesFixed: duplicates,
  };
}
