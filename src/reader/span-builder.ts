/**
 * Collects one series' points as rows arrive (a PointSink), in typed arrays that grow by doubling,
 * and hands them to the engine as a Span: ascending unique timestamps. Rows normally arrive in time
 * order; unpacked rows merged from memory may not, and are put in order at the end.
 */
import type { PointSink } from '../core/column-decoder';
import { IllegalDataError } from '../core/value-codec';
import type { Annotation } from '../meta/annotation';
import type { Span } from '../query';

function badFloat(len: number): never {
  throw new IllegalDataError(`Floating point value with ${len} bytes`);
}

/** A big-endian signed integer of 1, 2, 4 or 8 bytes as a double (exact up to 2^53). */
function readLong(b: Buffer, at: number, len: number): number {
  switch (len) {
    case 1:
      return (b[at] << 24) >> 24;
    case 2:
      return ((b[at] << 24) >> 16) | b[at + 1];
    case 4:
      return (b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3];
    case 8:
      return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) * 4294967296 + (((b[at + 4] << 24) | (b[at + 5] << 16) | (b[at + 6] << 8) | b[at + 7]) >>> 0);
    default:
      throw new IllegalDataError(`Integer value with ${len} bytes`);
  }
}

const EMPTY_F64 = new Float64Array(0);
const EMPTY_U8 = new Uint8Array(0);

export class SpanBuilder implements PointSink {
  #ts = EMPTY_F64;
  #values = EMPTY_F64;
  #ints = EMPTY_U8;
  #columns: { qualifier: Buffer; value: Buffer; baseMs: number }[] = [];
  #columnPoints = 0;
  #size = 0;
  #ordered = true;
  readonly annotations: Annotation[] = [];

  constructor(
    readonly sortKey: string,
    /** The salt bytes of the series' rows (latin1), '' when unsalted. */
    readonly salt = '',
  ) {}

  get size(): number {
    return this.#size + this.#columnPoints;
  }

  add(timestampMs: number, value: number | bigint, isInteger: boolean): void {
    this.#decodeColumns();
    if (this.#size === this.#ts.length) this.#grow(16);
    const i = this.#size++;
    if (i > 0 && timestampMs <= this.#ts[i - 1]) this.#ordered = false;
    this.#ts[i] = timestampMs;
    // Longs beyond 2^53 reach the engine rounded, its one documented loss.
    this.#values[i] = typeof value === 'bigint' ? Number(value) : value;
    this.#ints[i] = isInteger ? 1 : 0;
  }

  /**
   * Takes every point of a data column (a single cell or a compacted one) of the row starting at
   * `baseMs`. Columns are kept and decoded once at build() into arrays of the exact size: the hot
   * path of a query, with no object per point and no growing copies. Returns the points counted.
   */
  addColumn(qualifier: Buffer, value: Buffer, baseMs: number): number {
    let count = 0;
    for (let q = 0; q < qualifier.length; q += (qualifier[q] & 0xf0) === 0xf0 ? 4 : 2) count++;
    this.#columns.push({ qualifier, value, baseMs });
    this.#columnPoints += count;
    return count;
  }

  /**
   * Decodes the kept columns after any points added one by one. The qualifier layout is spelled out
   * here rather than through core/qualifier's offsetMs/qualifierFlags/qualifierWidth: calling them per
   * point made the 1,000-series query bench 14 % slower (646 → 739 ms p50, scripts/bench/query.ts).
   */
  #decodeColumns(): void {
    if (this.#columns.length === 0) return;
    while (this.#size + this.#columnPoints > this.#ts.length) this.#grow(this.#size + this.#columnPoints);
    const ts = this.#ts;
    const values = this.#values;
    const ints = this.#ints;
    let i = this.#size;
    let last = i > 0 ? ts[i - 1] : -Infinity;
    for (const { qualifier, value, baseMs } of this.#columns) {
      let v = 0;
      for (let q = 0; q < qualifier.length; i++) {
        let offset: number;
        let flags: number;
        if ((qualifier[q] & 0xf0) === 0xf0) {
          offset = ((qualifier[q] & 0x0f) << 18) | (qualifier[q + 1] << 10) | (qualifier[q + 2] << 2) | (qualifier[q + 3] >> 6);
          flags = qualifier[q + 3] & 0x0f;
          q += 4;
        } else {
          offset = ((qualifier[q] << 4) | (qualifier[q + 1] >> 4)) * 1000;
          flags = qualifier[q + 1] & 0x0f;
          q += 2;
        }
        const len = (flags & 0x07) + 1;
        if (v + len > value.length) throw new IllegalDataError(`Value too short for qualifier ${qualifier.toString('hex')}`);
        const t = baseMs + offset;
        if (t <= last) this.#ordered = false;
        last = t;
        ts[i] = t;
        if ((flags & 0x08) !== 0) {
          values[i] = len === 4 ? value.readFloatBE(v) : len === 8 ? value.readDoubleBE(v) : badFloat(len);
          ints[i] = 0;
        } else {
          values[i] = readLong(value, v, len);
          ints[i] = 1;
        }
        v += len;
      }
    }
    this.#size = i;
    this.#columns = [];
    this.#columnPoints = 0;
  }

  #grow(atLeast = 0): void {
    const n = Math.max(this.#ts.length * 2, atLeast);
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
    this.#decodeColumns();
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
    return { tsuid, metric, tags, tagkOrder, sortKey: this.sortKey, salt: this.salt, timestamps: ts, values, isInteger: ints, annotations: this.annotations };
  }
}
