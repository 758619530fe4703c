/**
 * Allocation-free versions of the commonest downsampling functions, computing exactly what their
 * `runDouble` computes over one bucket (same order of additions, same NaN rules).
 */
export type BucketReducer = (v: Float64Array, from: number, to: number) => number;

/** Sum (or mean) of the non-NaN values; NaN when there are none. */
function sumOf(average: boolean): BucketReducer {
  return (v, from, to) => {
    let s = 0;
    let n = 0;
    for (let i = from; i < to; i++) {
      const x = v[i];
      if (x === x) {
        s += x;
        n++;
      }
    }
    return n === 0 ? NaN : average ? s / n : s;
  };
}

const sum = sumOf(false);
const avg = sumOf(true);

function min(v: Float64Array, from: number, to: number): number {
  let m = v[from] === v[from] ? v[from] : Infinity;
  for (let i = from + 1; i < to; i++) if (v[i] < m) m = v[i];
  return m === Infinity ? NaN : m;
}

function max(v: Float64Array, from: number, to: number): number {
  let m = v[from] === v[from] ? v[from] : -Infinity;
  for (let i = from + 1; i < to; i++) if (v[i] > m) m = v[i];
  return m === -Infinity ? NaN : m;
}

function count(v: Float64Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (v[i] === v[i]) n++;
  return n;
}

const REDUCERS: Readonly<Record<string, BucketReducer>> = {
  sum,
  zimsum: sum,
  pfsum: sum,
  avg,
  min,
  mimmin: min,
  max,
  mimmax: max,
  count,
  first: (v, from) => v[from],
  last: (v, _from, to) => v[to - 1],
};

export function bucketReducer(name: string): BucketReducer | undefined {
  return REDUCERS[name];
}
