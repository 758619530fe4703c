/**
 * Collects one series' points as rows arrive (a PointSink), in typed arrays that grow by doubling,
 * and hands them to the engine as a Span: ascending unique timestamps. Rows normally arrive in time
 * order; unpacked rows merged from memory may not, and are put in order at the end.
 */
import type { PointSink } from '../core/column-decoder';
import type { Annotation } from '../meta/annotation';
import type { Span } from '../query';

export class SpanBuilder implements PointSink {
  #ts = new Float64Array(64);
  #values = new Float64Array(64);
  #ints = new Uint8Array(64);
  #size = 0;
  #ordered = true;
  readonly annotations: Annotation[] = [];

  constructor(readonly sortKey: string) {}

  get size(): number {
    return this.#size;
  }

  add(timestampMs: number, value: number | bigint, isInteger: boolean): void {
    if (this.#size === this.#ts.length) this.#grow();
    const i = this.#size++;
    if (i > 0 && timestampMs <= this.#ts[i - 1]) this.#ordered = false;
    this.#ts[i] = timestampMs;
    // Longs beyond 2^53 reach the engine rounded, its one documented loss.
    this.#values[i] = typeof value === 'bigint' ? Number(value) : value;
    this.#ints[i] = isInteger ? 1 : 0;
  }

  #grow(): void {
    const n = this.#ts.length * 2;
    const ts = new Float64Array(n);
    ts.set(this.#ts);
    const values = new Float64Array(n);
    values.set(this.#values);
    const ints = new Uint8Array(n);
    ints.set(this.#ints);
    this.#ts = ts;
    this.#values = values;
    this.#ints = ints;
  }

  build(tsuid: string, metric: string, tags: Record<string, string>, tagkOrder: string[]): Span {
    let ts = this.#ts.subarray(0, this.#size);
    let values = this.#values.subarray(0, this.#size);
    let ints = this.#ints.subarray(0, this.#size);
    if (!this.#ordered) {
      // Stable sort by time; of equal timestamps the first read wins.
      const order = Array.from({ length: this.#size }, (_, i) => i).sort((a, b) => ts[a] - ts[b] || a - b);
      const kept = order.filter((idx, k) => k === 0 || ts[order[k - 1]] !== ts[idx]);
      ts = Float64Array.from(kept, (i) => ts[i]);
      values = Float64Array.from(kept, (i) => values[i]);
      ints = Uint8Array.from(kept, (i) => ints[i]);
    }
    return { tsuid, metric, tags, tagkOrder, sortKey: this.sortKey, timestamps: ts, values, isInteger: ints, annotations: this.annotations };
  }
}
