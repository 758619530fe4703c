/**
 * OpenTSDB 2.4.1's `AggregationIterator`, step for step: merges a group's series in time order; at each
 * output timestamp every series between its first and last point contributes its exact value or one
 * interpolated by the aggregator's method (LERP, ZIM, MAX, MIN, PREV); in rate mode series contribute
 * their latest rate from the start. A timestamp is computed in integer mode unless rate is on or any
 * current or next point of any unfinished series is a float. Only timestamps inside [start, end] are
 * evaluated, as the serializer never asks for the others.
 */
import type { Aggregator } from '../aggregate/aggregators';
import { javaDoubleToString } from '../java-double';
import { isSafe, lerpLong, LONG_MAX_BIG, LONG_MIN_BIG, toBig, type Long } from '../int64';
import { QueryError } from '../query-error';
import { seek, type SeriesPoints } from './series-points';

export interface MergeWindow {
  /** Scan window in ms: points before the start are skipped, none after the end is merged. */
  readonly scanStartMs: number;
  readonly scanEndMs: number;
  /** Query range in ms, both inclusive: the timestamps that are evaluated. */
  readonly startMs: number;
  readonly endMs: number;
}

export interface MergedPoints {
  readonly ts: number[];
  readonly vals: number[];
  readonly ints: number[];
  /** Integer results beyond 2^53, by point index. */
  big: Map<number, bigint> | null;
}

const DOUBLE_MAX = 1.7976931348623157e308;
const LONG_SENTINEL = 9223372036854775807; // ±2^63 as doubles stand for Long.MAX/MIN_VALUE

export function aggregate(series: readonly SeriesPoints[], agg: Aggregator, isRate: boolean, w: MergeWindow): MergedPoints {
  const k = series.length;
  const cur = new Int32Array(k).fill(-1);
  const next = new Int32Array(k).fill(-1);
  const ended: number[] = [];
  const out: MergedPoints = { ts: [], vals: [], ints: [], big: null };
  let floats = 0;
  const isFloat = (i: number, idx: number): number => (idx >= 0 && (series[i].ints?.[idx] ?? 0) === 0 ? 1 : 0);
  const active = (i: number): boolean => {
    const c = cur[i];
    return c >= 0 && !(series[i].ts[c] === 0 && series[i].ints?.[c] === 1);
  };
  const moveToNext = (i: number): void => {
    if (active(i)) floats -= isFloat(i, cur[i]);
    cur[i] = next[i];
    next[i] = cur[i] + 1 < series[i].n ? cur[i] + 1 : -1;
    floats += isFloat(i, next[i]);
    if (next[i] < 0) ended.push(i);
  };
  for (let i = 0; i < k; i++) {
    const first = seek(series[i], w.scanStartMs);
    if (first >= series[i].n) continue;
    next[i] = first;
    floats += isFloat(i, first);
    if (isRate) moveToNext(i);
  }
  const values = new Float64Array(k);
  for (;;) {
    for (const i of ended) {
      if (next[i] < 0 && active(i)) floats -= isFloat(i, cur[i]);
      if (next[i] < 0) cur[i] = -1;
    }
    ended.length = 0;
    let current = -1;
    let min = Infinity;
    let multiple = false;
    for (let i = 0; i < k; i++) {
      if (next[i] < 0) continue;
      const t = series[i].ts[next[i]];
      if (t > w.scanEndMs) continue;
      if (t < min) {
        min = t;
        current = i;
        multiple = false;
      } else if (t === min) {
        multiple = true;
      }
    }
    if (current < 0) break;
    moveToNext(current);
    if (multiple) for (let i = current + 1; i < k; i++) if (next[i] >= 0 && series[i].ts[next[i]] === min) moveToNext(i);
    if (min < w.startMs || min > w.endMs) continue;
    if (!isRate && floats === 0) pushLong(out, min, longValue(series, cur, next, active, current, min, agg, values));
    else pushDouble(out, min, doubleValue(series, cur, next, active, current, min, agg, isRate, values));
  }
  return out;
}

function doubleValue(
  series: readonly SeriesPoints[],
  cur: Int32Array,
  next: Int32Array,
  active: (i: number) => boolean,
  current: number,
  x: number,
  agg: Aggregator,
  isRate: boolean,
  values: Float64Array,
): number {
  let m = 0;
  for (let i = 0; i < series.length; i++) {
    if (!active(i)) continue;
    const s = series[i];
    const c = cur[i];
    const y0 = s.vals[c];
    const x0 = s.ts[c];
    if (i === current || isRate || x === x0) {
      values[m++] = y0;
      continue;
    }
    const x1 = s.ts[next[i]];
    const y1 = s.vals[next[i]];
    if (x === x1) values[m++] = y1;
    else if (agg.interpolation === 'LERP') values[m++] = y0 + ((x - x0) * (y1 - y0)) / (x1 - x0);
    else if (agg.interpolation === 'ZIM') values[m++] = 0;
    else if (agg.interpolation === 'MAX') values[m++] = DOUBLE_MAX;
    else if (agg.interpolation === 'MIN') values[m++] = -DOUBLE_MAX;
    else values[m++] = y0;
  }
  if (m === 0) throw noMoreValues();
  const v = agg.runDouble(values, m);
  if (v === Infinity || v === -Infinity) {
    const message = `Got Infinity: ${javaDoubleToString(v)} in this aggregation of ${m} series`;
    throw new QueryError(message, 400, message);
  }
  return v;
}

function longValue(
  series: readonly SeriesPoints[],
  cur: Int32Array,
  next: Int32Array,
  active: (i: number) => boolean,
  current: number,
  x: number,
  agg: Aggregator,
  values: Float64Array,
): Long {
  let m = 0;
  let big: Long[] | null = null;
  for (let i = 0; i < series.length; i++) {
    if (!active(i)) continue;
    const s = series[i];
    const c = cur[i];
    let v: Long = s.vals[c];
    const x0 = s.ts[c];
    if (i !== current && x !== x0) {
      const x1 = s.ts[next[i]];
      if (x === x1) v = s.vals[next[i]];
      else if (agg.interpolation === 'LERP') v = lerpLong(x, x0, v, x1, s.vals[next[i]]);
      else if (agg.interpolation === 'ZIM') v = 0;
      else if (agg.interpolation === 'MAX') v = LONG_SENTINEL;
      else if (agg.interpolation === 'MIN') v = -LONG_SENTINEL;
    }
    if (big === null && typeof v === 'number' && (isSafe(v) || Math.abs(v) === LONG_SENTINEL)) values[m++] = v;
    else (big ??= Array.from(values.subarray(0, m))).push(v);
  }
  if (big !== null) return agg.runLongBig(big.map(longToBig));
  if (m === 0) throw noMoreValues();
  return agg.runLong(values, m);
}

function longToBig(v: Long): bigint {
  if (v === LONG_SENTINEL) return LONG_MAX_BIG;
  if (v === -LONG_SENTINEL) return LONG_MIN_BIG;
  return toBig(v);
}

function noMoreValues(): QueryError {
  return new QueryError('no more values in this aggregation', 400, 'no more values in this aggregation');
}

function pushDouble(out: MergedPoints, t: number, v: number): void {
  out.ts.push(t);
  out.vals.push(v);
  out.ints.push(0);
}

function pushLong(out: MergedPoints, t: number, v: Long): void {
  out.ts.push(t);
  out.ints.push(1);
  if (typeof v === 'number') {
    out.vals.push(v);
    return;
  }
  out.big ??= new Map();
  out.big.set(out.ts.length - 1, v);
  out.vals.push(Number(v));
}
