/**
 * One series' points as a stage of the per-series pipeline sees them (raw span → downsampler → rate):
 * parallel arrays, timestamps ascending, `ints` null when every value is a double.
 */
export interface SeriesPoints {
  readonly ts: Float64Array;
  readonly vals: Float64Array;
  readonly ints: Uint8Array | null;
  readonly n: number;
}

/** Collects points of a stage's output; grows geometrically. */
export class PointsBuilder {
  private ts: Float64Array;
  private vals: Float64Array;
  n = 0;

  constructor(capacity = 16) {
    this.ts = new Float64Array(Math.max(4, capacity));
    this.vals = new Float64Array(Math.max(4, capacity));
  }

  push(t: number, v: number): void {
    if (this.n === this.ts.length) {
      const ts = new Float64Array(this.n * 2);
      ts.set(this.ts);
      this.ts = ts;
      const vals = new Float64Array(this.n * 2);
      vals.set(this.vals);
      this.vals = vals;
    }
    this.ts[this.n] = t;
    this.vals[this.n++] = v;
  }

  /** The collected points, all doubles. */
  build(): SeriesPoints {
    return { ts: this.ts.subarray(0, this.n), vals: this.vals.subarray(0, this.n), ints: null, n: this.n };
  }
}

/** Index of the first point with ts >= t (a Span's `seek`). */
export function seek(points: SeriesPoints, t: number): number {
  let lo = 0;
  let hi = points.n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (points.ts[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
