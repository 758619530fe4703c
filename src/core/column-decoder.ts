/**
 * Walks a data column — a single point cell or a compacted cell of many — and hands each point to a
 * sink without building an object per point (the query path reads millions). Mirrors RowSeq.Iterator:
 * the walk follows the qualifiers; value lengths come from their flags; a compacted value's trailing
 * meta byte is never read as a value.
 */
import { IllegalDataError, decodeValue } from './value-codec';
import { inMilliseconds, offsetMs, valueLength } from './qualifier';
import { FLAGS_MASK } from './const';

export interface PointSink {
  /** `value` is a number, or a bigint for integers beyond 2^53. */
  add(timestampMs: number, value: number | bigint, isInteger: boolean): void;
}

/** Calls `visit` for each sub-point: its qualifier bounds, value bounds, offset and flags. */
export function walkColumn(
  qualifier: Buffer,
  value: Buffer,
  visit: (qAt: number, qWidth: number, vAt: number, vLen: number, offsetMs: number, flags: number) => void,
): void {
  let q = 0;
  let v = 0;
  while (q < qualifier.length) {
    const width = inMilliseconds(qualifier, q) ? 4 : 2;
    if (q + width > qualifier.length) throw new IllegalDataError(`Truncated qualifier ${qualifier.toString('hex')}`);
    const flags = qualifier[q + width - 1] & FLAGS_MASK;
    const len = valueLength(flags);
    if (v + len > value.length) {
      throw new IllegalDataError(`Value too short for qualifier ${qualifier.toString('hex')}: ${value.length} bytes`);
    }
    visit(q, width, v, len, offsetMs(qualifier, q), flags);
    q += width;
    v += len;
  }
  // A compacted value carries one meta byte; older writers (BatchedDataPoints) left it out.
  if (v !== value.length && v !== value.length - 1) {
    throw new IllegalDataError(`Value of ${value.length} bytes does not match qualifier ${qualifier.toString('hex')}`);
  }
}

/** Decodes every point of a column whose row starts at `baseTimeMs` into `sink`. */
export function decodeColumn(qualifier: Buffer, value: Buffer, baseTimeMs: number, sink: PointSink): void {
  walkColumn(qualifier, value, (_qAt, _w, vAt, vLen, off, flags) => {
    const p = decodeValue(value, vAt, flags, vLen);
    sink.add(baseTimeMs + off, p.value, p.isInteger);
  });
}
