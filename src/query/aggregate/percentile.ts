/**
 * commons-math3 3.4.1 `Percentile` as OpenTSDB's percentile aggregators call it: LEGACY, R-3 and R-7
 * estimation on the sorted sample (Percentile.EstimationType.index/estimate).
 */

export type Estimation = 'LEGACY' | 'R_3' | 'R_7';

/** `FastMath.rint`: round half to even. */
function rint(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** `new Percentile(p).withEstimationType(type).evaluate(values)`; sorts `values` in place. */
export function percentile(values: Float64Array, n: number, p: number, type: Estimation): number {
  if (n === 0) return NaN;
  const work = values.subarray(0, n);
  if (n === 1) return work[0];
  work.sort();
  const q = p / 100;
  let pos: number;
  if (type === 'LEGACY') pos = q === 1 ? n : q * (n + 1);
  else if (type === 'R_3') pos = q <= 0.5 / n ? 0 : rint(n * q);
  else pos = q === 1 ? n : 1 + (n - 1) * q;
  if (pos < 1) return work[0];
  if (pos >= n) return work[n - 1];
  const floor = Math.floor(pos);
  const lower = work[floor - 1];
  const upper = work[floor];
  return lower + (pos - floor) * (upper - lower);
}
