/**
 * The data points Fsck sees in a row: each single cell as stored (fix-ups are fsck's job), and each
 * compacted cell split into its points the way Internal.extractDataPoints does for it — sub-qualifier
 * by sub-qualifier, value lengths from the flags, exactly one trailing meta byte left over, points
 * sorted by time — or an error when the cell cannot be split.
 */
import type { Cell } from '../../storage/store';
import { toHex } from '../../core/row-key';
import { javaByteArray } from '../../uid/errors';

/** One point and the stored cell it came from. */
export interface FsckPoint {
  readonly cell: Cell;
  readonly compacted: boolean;
  /** The point's own qualifier and value (a slice of a compacted cell, or the cell itself). */
  readonly qualifier: Buffer;
  readonly value: Buffer;
}

export class CorruptCompactionError extends Error {
  override name = 'CorruptCompactionError';
}

export const inMs = (q: Buffer, at = 0): boolean => (q[at] & 0xf0) === 0xf0;
/** Flags of a point qualifier (its last byte's low nibble). */
export const flagsOf = (q: Buffer): number => q[inMs(q) ? 3 : 1] & 0x0f;
export const isFloat = (q: Buffer): boolean => (flagsOf(q) & 0x08) !== 0;
/** Value length the qualifier announces. */
export const declaredLength = (q: Buffer): number => (flagsOf(q) & 0x07) + 1;

/** Offset of a point qualifier from its row's base time, in ms. */
export function offsetMs(q: Buffer): number {
  return inMs(q) ? (q.readUInt32BE(0) & 0x0fffffc0) >>> 6 : (q.readUInt16BE(0) >>> 4) * 1000;
}

/** A stored cell as fsck prints it. */
export function describeCell(key: Buffer, c: Cell): string {
  return `KeyValue(key=${toHex(key)}, family=${c.family}, qualifier=${javaByteArray(c.qualifier)}, value=${javaByteArray(c.value)}, timestamp=${c.timestamp})`;
}

/** Splits a compacted cell into its points, sorted by time (stable on equal times). */
export function splitCompacted(key: Buffer, cell: Cell): FsckPoint[] {
  const q = cell.qualifier;
  const v = cell.value;
  const points: FsckPoint[] = [];
  let vAt = 0;
  const corrupt = (): CorruptCompactionError =>
    new CorruptCompactionError(
      `Corrupted value: couldn't break down into individual values (consumed ${vAt} bytes, but was expecting to consume ${v.length - 1}): ${describeCell(key, cell)}`,
    );
  for (let at = 0; at < q.length; ) {
    const width = inMs(q, at) ? 4 : 2;
    if (at + width > q.length) throw corrupt();
    const sub = q.subarray(at, at + width);
    const len = declaredLength(sub);
    if (vAt + len > v.length) throw corrupt();
    points.push({ cell, compacted: true, qualifier: sub, value: v.subarray(vAt, vAt + len) });
    vAt += len;
    at += width;
  }
  if (vAt !== v.length - 1) throw corrupt();
  return points.sort((a, b) => offsetMs(a.qualifier) - offsetMs(b.qualifier));
}
