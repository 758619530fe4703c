/**
 * The iteration order of a `java.util.HashMap<String, …>`, which decides the field order of several
 * OpenTSDB JSON objects (a group's `tags`, the `tags` echo of `showQuery`, `/api/aggregators`,
 * `/api/config/filters`). Entries iterate by bucket (`spread(String.hashCode()) & (capacity - 1)`), and
 * inside a bucket in insertion order; resizes keep that relative order. Tree bins (8+ collisions in a
 * table of 64+) are not modelled.
 */

/** Java's `String.hashCode()` over UTF-16 code units, as a signed 32-bit int. */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

function tableSizeFor(cap: number): number {
  let n = 1;
  while (n < cap) n *= 2;
  return n;
}

/** Models one HashMap's capacity and insertion sequence; `keys()` gives its iteration order. */
export class JavaHashMap<V> {
  private capacity = 0;
  private threshold: number;
  private readonly entries = new Map<string, V>();

  /** `new HashMap<>()` when `initialCapacity` is undefined, else `new HashMap<>(initialCapacity)`. */
  constructor(initialCapacity?: number) {
    this.threshold = initialCapacity === undefined ? 0 : tableSizeFor(initialCapacity);
  }

  put(key: string, value: V): void {
    if (this.capacity === 0) this.resize();
    if (this.entries.has(key)) {
      this.entries.set(key, value);
      return;
    }
    this.entries.set(key, value);
    if (this.entries.size > this.threshold) this.resize();
  }

  /** `putAll` (and the copy constructor): presizes an empty table for the incoming entries. */
  putAll(other: JavaHashMap<V>): void {
    const s = other.entries.size;
    if (s === 0) return;
    if (this.capacity === 0) {
      const t = Math.floor(s / 0.75 + 1);
      if (t > this.threshold) this.threshold = tableSizeFor(t);
    } else if (s > this.threshold) {
      this.resize();
    }
    for (const [k, v] of other.orderedEntries()) this.put(k, v);
  }

  get size(): number {
    return this.entries.size;
  }

  orderedEntries(): Array<[string, V]> {
    const mask = this.capacity - 1;
    const list = [...this.entries].map(([k, v], seq) => ({ k, v, seq, bucket: spread(k) & mask }));
    list.sort((a, b) => a.bucket - b.bucket || a.seq - b.seq);
    return list.map((e) => [e.k, e.v]);
  }

  keys(): string[] {
    return this.orderedEntries().map(([k]) => k);
  }

  private resize(): void {
    if (this.capacity === 0) {
      this.capacity = this.threshold > 0 ? this.threshold : 16;
      this.threshold = Math.floor(this.capacity * 0.75);
      return;
    }
    const oldCap = this.capacity;
    this.capacity = oldCap * 2;
    this.threshold = oldCap >= 16 ? this.threshold * 2 : Math.floor(this.capacity * 0.75);
  }
}

function spread(key: string): number {
  const h = javaStringHash(key);
  return (h ^ (h >>> 16)) >>> 0;
}
