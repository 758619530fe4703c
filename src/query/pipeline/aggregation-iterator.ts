/**
 * OpenTSDB 2.4.1's `AggregationIterator`, step for step: merges a group's series in time order; at each
 * output timestamp every series between its first and last point contributes its exact value or one
 * interpolated by the aggregator's method (LERP, ZIM, MAX, MIN, PREV); in rate mode series contribute
 * their latest rate from the start. A timestamp is computed in integer mode unless rate is on or any
 * current or next point of any unfinished series is a float. Only timestamps inside [start, end] are
 * evaluated, as the serializer never asks for the others.
 *
 * Like the Java class, each series keeps a "current" and a "next" slot; they live in flat typed arrays.
 */
import type { Aggregator } from '../aggregate/aggregators';
import { javaDoubleToString } from '../../java/java-double';
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

/** The two slots per series. `live` is Java's "current timestamp != 0"; an ended next is +Infinity. */
class Slots {
  readonly curT: Float64Array;
  readonly curV: Float64Array;
  readonly curF: Uint8Array;
  readonly live: Uint8Array;
  readonly nextT: Float64Array;
  readonly nextV: Float64Array;
  readonly nextF: Uint8Array;
  readonly pos: Int32Array;
  readonly ended: number[] = [];
  /** Float flags over live current slots and all next slots: integer mode iff 0. */
  floats = 0;

  constructor(private readonly series: readonly SeriesPoints[]) {
    const k = series.length;
    this.curT = new Float64Array(k);
    this.curV = new Float64Array(k);
    this.curF = new Uint8Array(k);
    this.live = new Uint8Array(k);
    this.nextT = new Float64Array(k).fill(Infinity);
    this.nextV = new Float64Array(k);
    this.nextF = new Uint8Array(k);
    this.pos = new Int32Array(k);
  }

  /** Puts point `p` of series `i` in its next slot, or marks the series ended. */
  load(i: number, p: number): void {
    const s = this.series[i];
    this.pos[i] = p;
    if (p < s.n) {
      this.nextT[i] = s.ts[p];
      this.nextV[i] = s.vals[p];
      this.nextF[i] = s.ints !== null && s.ints[p] === 1 ? 0 : 1;
      this.floats += this.nextF[i];
    } else {
      this.nextT[i] = Infinity;
      this.nextF[i] = 0;
      this.ended.push(i);
    }
  }

  moveToNext(i: number): void {
    if (this.live[i] === 1) this.floats -= this.curF[i];
    this.curT[i] = this.nextT[i];
    this.curV[i] = this.nextV[i];
    this.curF[i] = this.nextF[i];
    // An integer point at t=0 leaves Java's timestamp slot at 0, which reads as "no current value".
    this.live[i] = this.curT[i] === 0 && this.curF[i] === 0 ? 0 : 1;
    this.load(i, this.pos[i] + 1);
  }

  /** Start of Java's next(): series whose last point was consumed stop contributing. */
  expire(): void {
    for (const i of this.ended) {
      if (this.live[i] === 1) this.floats -= this.curF[i];
      this.live[i] = 0;
    }
    this.ended.length = 0;
  }
}

export function aggregate(series: readonly SeriesPoints[], agg: Aggregator, isRate: boolean, w: MergeWindow): MergedPoints {
  const k = series.length;
  const slots = new Slots(series);
  for (let i = 0; i < k; i++) {
    slots.load(i, seek(series[i], w.scanStartMs));
    if (isRate && slots.nextT[i] !== Infinity) slots.moveToNext(i);
  }
  const out: MergedPoints = { ts: [], vals: [], ints: [], big: null };
  const values = new Float64Array(k);
  const nextT = slots.nextT;
  for (;;) {
    slots.expire();
    let current = -1;
    let min = Infinity;
    let multiple = false;
    for (let i = 0; i < k; i++) {
      const t = nextT[i];
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
    slots.moveToNext(current);
    if (multiple) for (let i = current + 1; i < k; i++) if (nextT[i] === min) slots.moveToNext(i);
    if (min < w.startMs || min > w.endMs) continue;
    out.ts.push(min);
    if (!isRate && slots.floats === 0) pushLong(out, longValue(slots, current, min, agg, values));
    else {
      out.vals.push(doubleValue(slots, current, min, agg, isRate, values));
      out.ints.push(0);
    }
  }
  return out;
}

function doubleValue(s: Slots, current: number, x: number, agg: Aggregator, isRate: boolean, values: Float64Array): number {
  const { live, curT, curV, nextT, nextV } = s;
  const interpolation = agg.interpolation;
  let m = 0;
  for (let i = 0; i < live.length; i++) {
    if (live[i] === 0) continue;
    const y0 = curV[i];
    const x0 = curT[i];
    if (i === current || isRate || x === x0) {
      values[m++] = y0;
      continue;
    }
    const x1 = nextT[i];
    const y1 = nextV[i];
    if (x === x1) values[m++] = y1;
    else if (interpolation === 'LERP') values[m++] = y0 + ((x - x0) * (y1 - y0)) / (x1 - x0);
    else if (interpolation === 'ZIM') values[m++] = 0;
    else if (interpolation === 'MAX') values[m++] = DOUBLE_MAX;
    else if (interpolation === 'MIN') values[m++] = -DOUBLE_MAX;
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

function longValue(s: Slots, current: number, x: number, agg: Aggregator, values: Float64Array): Long {
  const { live, curT, curV, nextT, nextV } = s;
  let m = 0;
  let big: Long[] | null = null;
  for (let i = 0; i < live.length; i++) {
    if (live[i] === 0) continue;
    let v: Long = curV[i];
    const x0 = curT[i];
    if (i !== current && x !== x0) {
      const x1 = nextT[i];
      if (x === x1) v = nextV[i];
      else if (agg.interpolation === 'LERP') v = lerpLong(x, x0, v, x1, nextV[i]);
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

function pushLong(out: MergedPoints, v: Long): void {
  out.ints.push(1);
  if (typeof v === 'number') {
    out.vals.push(v);
    return;
  }
  out.big ??= new Map();
  out.big.set(out.ts.length - 1, v);
  out.vals.push(Number(v));
}
