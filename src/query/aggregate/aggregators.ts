/**
 * The 35 aggregators of OpenTSDB 2.4.1 (`src/core/Aggregators.java`): each with its interpolation for
 * the cross-series merge, its double routine (NaN-aware, also used for downsampling) and its integer
 * routine with Java long semantics. Registry names are case-sensitive.
 */
import { JavaHashMap } from '../../java/java-hash-map';
import { doubleToLong, fromBig, isSafe, LONG_MAX_BIG, LONG_MIN_BIG, toBig, type Long } from '../int64';
import { percentile, type Estimation } from './percentile';

export type Interpolation = 'LERP' | 'ZIM' | 'MAX' | 'MIN' | 'PREV';

export interface Aggregator {
  readonly name: string;
  readonly interpolation: Interpolation;
  /** `runDouble` over v[0..n), in series (or time) order. May reorder v. */
  runDouble(v: Float64Array, n: number): number;
  /** `runLong` over safe integers v[0..n). May reorder v. */
  runLong(v: Float64Array, n: number): Long;
  /** `runLong` over any int64 values, for the rare inputs beyond 2^53. */
  runLongBig(v: bigint[]): Long;
}

type DoubleFn = (v: Float64Array, n: number) => number;
type BigFn = (v: bigint[]) => Long;

const wrapSum = (v: bigint[]): Long => fromBig(v.reduce((a, b) => BigInt.asIntN(64, a + b), 0n));

/** Exact sum of safe integers, or null when a partial sum leaves the safe range. */
function safeSum(v: Float64Array, n: number, square: boolean): number | null {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const x = square ? v[i] * v[i] : v[i];
    s += x;
    if (!isSafe(s) || !isSafe(x)) return null;
  }
  return s;
}

const toBigs = (v: Float64Array, n: number): bigint[] => Array.from(v.subarray(0, n), (x) => BigInt(x));

function sumDouble(v: Float64Array, n: number, square: boolean): number {
  let s = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (x === x) {
      s += square ? x * x : x;
      count++;
    }
  }
  return count === 0 ? NaN : s;
}

function extreme(v: Float64Array, n: number, max: boolean): number {
  let m = v[0];
  if (m !== m) m = max ? -Infinity : Infinity;
  for (let i = 1; i < n; i++) {
    const x = v[i];
    if (x === x && (max ? x > m : x < m)) m = x;
  }
  return m === (max ? -Infinity : Infinity) ? NaN : m;
}

/** Welford's population std-dev (OpenTSDB's StdDev, after John D. Cook). */
function stdDev(next: (i: number) => number, n: number, skipNaN: boolean): number {
  let i = 0;
  let oldMean = next(i++);
  while (skipNaN && oldMean !== oldMean && i < n) oldMean = next(i++);
  if (oldMean !== oldMean) return NaN;
  if (i >= n) return 0;
  let count = 2;
  let m2 = 0;
  for (; i < n; i++) {
    const x = next(i);
    if (skipNaN && x !== x) continue;
    const newMean = oldMean + (x - oldMean) / count;
    m2 += (x - oldMean) * (x - newMean);
    oldMean = newMean;
    count++;
  }
  return count === 2 ? 0 : Math.sqrt(m2 / (count - 1));
}

function diffDouble(v: Float64Array, n: number): number {
  let i = 0;
  let first = v[i++];
  while (first !== first && i < n) first = v[i++];
  if (first !== first) return NaN;
  return i >= n ? 0 : v[n - 1] - first;
}

function make(
  name: string,
  interpolation: Interpolation,
  runDouble: DoubleFn,
  runLong: (v: Float64Array, n: number) => Long | null,
  runLongBig: BigFn,
): Aggregator {
  return {
    name,
    interpolation,
    runDouble,
    runLong: (v, n) => runLong(v, n) ?? runLongBig(toBigs(v, n)),
    runLongBig,
  };
}

const sum = (name: string, interp: Interpolation): Aggregator =>
  make(name, interp, (v, n) => sumDouble(v, n, false), (v, n) => safeSum(v, n, false), wrapSum);

const extremeAgg = (name: string, interp: Interpolation, max: boolean): Aggregator =>
  make(
    name,
    interp,
    (v, n) => extreme(v, n, max),
    (v, n) => sentinelToLong(extreme(v, n, max)),
    (v) => fromBig(v.reduce((a, b) => ((max ? b > a : b < a) ? b : a))),
  );

function percentileAgg(name: string, p: number, estimation: Estimation): Aggregator {
  const overDoubles = (v: Float64Array, n: number, type: Estimation): number => percentile(v, n, p, type);
  return make(
    name,
    'LERP',
    (v, n) => {
      let m = 0;
      for (let i = 0; i < n; i++) if (v[i] === v[i]) v[m++] = v[i];
      return m === 0 ? NaN : overDoubles(v, m, 'LEGACY'); // runDouble ignores the estimation type
    },
    (v, n) => doubleToLong(overDoubles(v, n, estimation)),
    (v) => doubleToLong(overDoubles(Float64Array.from(v, Number), v.length, estimation)),
  );
}

function median(): Aggregator {
  return make(
    'median',
    'LERP',
    (v, n) => {
      let m = 0;
      for (let i = 0; i < n; i++) if (v[i] === v[i]) v[m++] = v[i];
      return m === 0 ? NaN : v.subarray(0, m).sort()[m >> 1];
    },
    (v, n) => v.subarray(0, n).sort()[n >> 1],
    (v) => fromBig([...v].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))[v.length >> 1]),
  );
}

const LIST: Aggregator[] = [
  sum('sum', 'LERP'),
  extremeAgg('min', 'LERP', false),
  extremeAgg('max', 'LERP', true),
  make(
    'avg',
    'LERP',
    (v, n) => {
      const s = sumDouble(v, n, false);
      let count = 0;
      for (let i = 0; i < n; i++) if (v[i] === v[i]) count++;
      return count === 0 ? NaN : s / count;
    },
    (v, n) => {
      const s = safeSum(v, n, false);
      return s === null ? null : Math.trunc(s / n);
    },
    (v) => fromBig(toBig(wrapSum(v)) / BigInt(v.length)),
  ),
  make(
    'none',
    'ZIM',
    (v, n) => onlyValue(v[0], n),
    (v, n) => onlyValue(v[0], n),
    (v) => fromBig(onlyValue(v[0], v.length)),
  ),
  median(),
  make(
    'mult',
    'LERP',
    (v, n) => v.subarray(0, n).reduce((a, b) => a * b),
    (v, n) => {
      let p = v[0];
      for (let i = 1; i < n; i++) if (!isSafe((p *= v[i]))) return null;
      return p;
    },
    (v) => fromBig(v.reduce((a, b) => BigInt.asIntN(64, a * b))),
  ),
  make(
    'dev',
    'LERP',
    (v, n) => stdDev((i) => v[i], n, true),
    (v, n) => doubleToLong(stdDev((i) => v[i], n, false)),
    (v) => doubleToLong(stdDev((i) => Number(v[i]), v.length, false)),
  ),
  make(
    'diff',
    'LERP',
    diffDouble,
    (v, n) => (n === 1 ? 0 : isSafe(v[n - 1] - v[0]) ? v[n - 1] - v[0] : null),
    (v) => (v.length === 1 ? 0 : fromBig(v[v.length - 1] - v[0])),
  ),
  make(
    'count',
    'ZIM',
    (v, n) => {
      let c = 0;
      for (let i = 0; i < n; i++) if (v[i] === v[i]) c++;
      return c;
    },
    (_v, n) => n,
    (v) => v.length,
  ),
  sum('zimsum', 'ZIM'),
  extremeAgg('mimmin', 'MAX', false),
  extremeAgg('mimmax', 'MIN', true),
  make('first', 'ZIM', (v) => v[0], (v) => v[0], (v) => fromBig(v[0])),
  make('last', 'ZIM', (v, n) => v[n - 1], (v, n) => v[n - 1], (v) => fromBig(v[v.length - 1])),
  sum('pfsum', 'PREV'),
  make(
    'squareSum',
    'ZIM',
    (v, n) => sumDouble(v, n, true),
    (v, n) => safeSum(v, n, true),
    (v) => fromBig(v.reduce((a, b) => BigInt.asIntN(64, a + BigInt.asIntN(64, b * b)), 0n)),
  ),
];

for (const [p, key] of [[99.9, '999'], [99, '99'], [95, '95'], [90, '90'], [75, '75'], [50, '50']] as const) {
  LIST.push(percentileAgg(`p${key}`, p, 'LEGACY'));
  LIST.push(percentileAgg(`ep${key}r3`, p, 'R_3'));
  LIST.push(percentileAgg(`ep${key}r7`, p, 'R_7'));
}

/** The MAX/MIN interpolation sentinels travel as ±2^63 doubles; give them back as exact longs. */
function sentinelToLong(m: number): Long {
  return m >= 9223372036854775807 ? LONG_MAX_BIG : m <= -9223372036854775808 ? LONG_MIN_BIG : m;
}

function onlyValue<T>(v: T, n: number): T {
  if (n > 1) throw new Error('More than one value in aggregator');
  return v;
}

const REGISTRY = new Map(LIST.map((a) => [a.name, a]));

/** `Aggregators.get(name)`, or undefined for an unknown (case-sensitive) name. */
export function findAggregator(name: string): Aggregator | undefined {
  return REGISTRY.get(name);
}

/** `/api/aggregators`: the names in the order Java's `HashMap` keySet gives them. */
export function aggregatorNames(): string[] {
  const map = new JavaHashMap<true>(8);
  for (const name of ['sum', 'min', 'max', 'avg', 'none', 'median', 'mult', 'dev', 'diff', 'count',
    'zimsum', 'mimmin', 'mimmax', 'first', 'last', 'pfsum', 'squareSum']) map.put(name, true);
  for (const key of ['999', '99', '95', '90', '75', '50']) map.put(`p${key}`, true);
  for (const key of ['999', '99', '95', '90', '75', '50']) map.put(`ep${key}r3`, true);
  for (const key of ['999', '99', '95', '90', '75', '50']) map.put(`ep${key}r7`, true);
  return map.keys();
}
