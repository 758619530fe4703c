/**
 * A posting list of series ids kept in an order the caller defines (the index: TSUID byte order), so
 * a lookup can walk it from the start and stop at its limit. It is a few sorted runs whose sizes at
 * least double from newest to oldest (the logarithmic method): an id goes into a small unsorted
 * buffer; a full buffer is sorted into a run, and runs of similar size are merged. An insert costs
 * O(log n) comparisons amortized, runs that arrive already in order are joined without comparing,
 * and a walk merges at most log2(n / BUFFER) + 2 runs.
 */

/** Orders two series ids; must be a total order consistent over the list's life. */
export type IdOrder = (a: number, b: number) => number;

const BUFFER = 32;

export class SortedIdList {
  /** Sorted runs, oldest (largest) first. */
  #runs: Int32Array[] = [];
  #buffer: Int32Array;
  #buffered = 0;
  #size = 0;

  constructor(capacity = 2) {
    this.#buffer = new Int32Array(Math.min(Math.max(capacity, 1), BUFFER));
  }

  get size(): number {
    return this.#size;
  }

  /** Bytes held by the list's arrays (for the index's memory figure). */
  get byteLength(): number {
    return this.#runs.reduce((n, r) => n + r.byteLength, this.#buffer.byteLength);
  }

  add(id: number, order: IdOrder): void {
    if (this.#buffered === this.#buffer.length) {
      if (this.#buffer.length < BUFFER) {
        const grown = new Int32Array(Math.min(BUFFER, this.#buffer.length * 2));
        grown.set(this.#buffer);
        this.#buffer = grown;
      } else {
        this.#flushBuffer(order);
      }
    }
    this.#buffer[this.#buffered++] = id;
    this.#size++;
  }

  /** Calls `visit` with every id in order until it returns false. */
  forEach(order: IdOrder, visit: (id: number) => boolean): void {
    const runs = this.#buffered > 0 ? [...this.#runs, this.#buffer.slice(0, this.#buffered).sort(order)] : this.#runs;
    if (runs.length === 1) {
      for (const id of runs[0]) if (!visit(id)) return;
      return;
    }
    const at = new Array<number>(runs.length).fill(0);
    for (;;) {
      let best = -1;
      for (let r = 0; r < runs.length; r++) {
        if (at[r] < runs[r].length && (best < 0 || order(runs[r][at[r]], runs[best][at[best]]) < 0)) best = r;
      }
      if (best < 0 || !visit(runs[best][at[best]++])) return;
    }
  }

  #flushBuffer(order: IdOrder): void {
    const run = this.#buffer.slice(0, this.#buffered);
    let inOrder = true;
    for (let i = 1; i < run.length && inOrder; i++) inOrder = order(run[i - 1], run[i]) <= 0;
    this.#runs.push(inOrder ? run : run.sort(order));
    this.#buffered = 0;
    const runs = this.#runs;
    while (runs.length > 1 && runs[runs.length - 2].length <= 2 * runs[runs.length - 1].length) {
      const newer = runs.pop() as Int32Array;
      const older = runs.pop() as Int32Array;
      runs.push(merge(older, newer, order));
    }
  }
}

/** Merges two sorted runs; runs that do not overlap are joined without comparing their insides. */
function merge(a: Int32Array, b: Int32Array, order: IdOrder): Int32Array {
  const out = new Int32Array(a.length + b.length);
  if (order(a[a.length - 1], b[0]) <= 0) {
    out.set(a);
    out.set(b, a.length);
    return out;
  }
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = order(a[i], b[j]) <= 0 ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}
