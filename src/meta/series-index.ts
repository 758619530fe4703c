/**
 * The set of series (TSUIDs: metric UID + sorted tag UID pairs) the store holds, in memory, so that
 * `/api/search/lookup` works without OpenTSDB's meta tables (TimeSeriesLookup scans tsdb-meta, which a
 * stock TSD leaves empty). Bounded memory: every TSUID lives once in one byte arena; a hash table of
 * ids finds duplicates; posting lists by metric, by tag key and by tag pair hold 4-byte ids kept in
 * TSUID byte order (the order of tsdb-meta rows), so a lookup walks its most selective list and stops
 * at its limit.
 */
import { SortedIdList, type IdOrder } from './sorted-id-list';
import { compileSeriesQuery, type SeriesQuery } from './series-query';

export interface UidWidths {
  readonly metricWidth: number;
  readonly tagkWidth: number;
  readonly tagvWidth: number;
}

const EMPTY = new SortedIdList(0);

/**
 * A posting list, or the one id of a list that has a single series (most tag pairs of
 * high-cardinality tags), which saves an object per such pair.
 */
type Posting = SortedIdList | number;

/** Keys of UIDs up to 6 bytes are exact numbers (cheap to hash); wider ones are latin1 strings. */
type PostingKey = number | string;

function keyOf(bytes: Uint8Array | Buffer, from: number, to: number): PostingKey {
  if (to - from > 6) return Buffer.from(bytes.buffer, bytes.byteOffset + from, to - from).toString('latin1');
  let k = 0;
  for (let i = from; i < to; i++) k = k * 256 + bytes[i];
  return k;
}

function postingSize(p: Posting | undefined): number {
  return p === undefined ? 0 : typeof p === 'number' ? 1 : p.size;
}

export class SeriesIndex {
  #arena = Buffer.alloc(1 << 16);
  #used = 0;
  /** offsets[id] is where series id starts in the arena; offsets[size] is where the next one goes. */
  #offsets = new Uint32Array(1024);
  #size = 0;
  /** Open addressing: id + 1 per slot, 0 = empty. */
  #slots = new Int32Array(2048);
  readonly #all = new SortedIdList();
  readonly #byMetric = new Map<PostingKey, Posting>();
  readonly #byTagk = new Map<PostingKey, Posting>();
  readonly #byPair = new Map<PostingKey, Posting>();
  readonly #pairWidth: number;
  /** TSUID byte order (unsigned, shorter first on a common prefix), as HBase orders tsdb-meta rows. */
  readonly order: IdOrder = (a, b) => {
    const arena = this.#arena;
    const offsets = this.#offsets;
    const aEnd = offsets[a + 1];
    const bEnd = offsets[b + 1];
    for (let i = offsets[a], j = offsets[b]; i < aEnd && j < bEnd; i++, j++) {
      const d = arena[i] - arena[j];
      if (d !== 0) return d;
    }
    return aEnd - offsets[a] - (bEnd - offsets[b]);
  };

  constructor(readonly widths: UidWidths) {
    this.#pairWidth = widths.tagkWidth + widths.tagvWidth;
  }

  get size(): number {
    return this.#size;
  }

  /** Approximate bytes held by the arena, the offsets, the hash table and the posting lists. */
  get memoryBytes(): number {
    let lists = this.#all.byteLength;
    for (const map of [this.#byMetric, this.#byTagk, this.#byPair]) {
      // A map entry costs about 40 bytes; a list object about 100 more than its arrays.
      for (const [k, l] of map) lists += 40 + (typeof k === 'string' ? k.length : 0) + (typeof l === 'number' ? 0 : 100 + l.byteLength);
    }
    return this.#arena.length + this.#offsets.byteLength + this.#slots.byteLength + lists;
  }

  /** Whether `bytes[from, to)` has a TSUID's shape: a metric and whole tag pairs. */
  validTsuid(bytes: Uint8Array, from = 0, to = bytes.length): boolean {
    const tags = to - from - this.widths.metricWidth;
    return tags >= 0 && tags % this.#pairWidth === 0;
  }

  /** Adds the TSUID in `tsuid[from, to)`; returns false if it is known (or malformed). */
  add(tsuid: Uint8Array, from = 0, to = tsuid.length): boolean {
    if (!this.validTsuid(tsuid, from, to)) return false;
    const hash = hashBytes(tsuid, from, to);
    const mask = this.#slots.length - 1;
    let slot = hash & mask;
    for (let s = this.#slots[slot]; s !== 0; s = this.#slots[slot]) {
      if (this.#equals(s - 1, tsuid, from, to)) return false;
      slot = (slot + 1) & mask;
    }
    const id = this.#append(tsuid, from, to);
    this.#slots[slot] = id + 1;
    if ((this.#size << 1) > this.#slots.length) this.#rehash();
    this.#post(id);
    return true;
  }

  /** A copy of a series' TSUID bytes. */
  tsuid(id: number): Buffer {
    return Buffer.from(this.#arena.subarray(this.#offsets[id], this.#offsets[id + 1]));
  }

  /**
   * The series matching `query`, in TSUID order, at most `query.limit` of them (all when the limit
   * is 0 or less): TimeSeriesLookup's answer from a complete tsdb-meta table.
   */
  lookup(query: SeriesQuery): number[] {
    const q = compileSeriesQuery(query, this.widths);
    if (q === null) return [];
    let source: Posting = this.#all;
    let sourceSize = this.#all.size;
    const consider = (p: Posting | undefined): void => {
      const size = postingSize(p);
      if (size < sourceSize) [source, sourceSize] = [p ?? EMPTY, size];
    };
    if (q.metric) consider(this.#byMetric.get(keyOf(q.metric, 0, q.metric.length)));
    for (const c of q.keyed) {
      const tagk = keyOf(c.tagk, 0, c.tagk.length);
      consider(c.tagvs?.length === 1 ? this.#byPair.get(keyOf(Buffer.concat([c.tagk, c.tagvs[0]]), 0, this.#pairWidth)) : this.#byTagk.get(tagk));
    }
    const out: number[] = [];
    const limit = query.limit > 0 ? query.limit : Infinity;
    const arena = this.#arena;
    const offsets = this.#offsets;
    const visit = (id: number): boolean => {
      if (q.matches(arena, offsets[id], offsets[id + 1])) out.push(id);
      return out.length < limit;
    };
    if (typeof source === 'number') visit(source);
    else source.forEach(this.order, visit);
    return out;
  }

  #equals(id: number, bytes: Uint8Array, from: number, to: number): boolean {
    const start = this.#offsets[id];
    if (this.#offsets[id + 1] - start !== to - from) return false;
    const arena = this.#arena;
    for (let i = 0; i < to - from; i++) if (arena[start + i] !== bytes[from + i]) return false;
    return true;
  }

  #append(bytes: Uint8Array, from: number, to: number): number {
    const len = to - from;
    if (this.#used + len > this.#arena.length) {
      const grown = Buffer.alloc(Math.max(this.#arena.length * 2, this.#used + len));
      this.#arena.copy(grown, 0, 0, this.#used);
      this.#arena = grown;
    }
    const arena = this.#arena;
    for (let i = 0, at = this.#used; i < len; i++, at++) arena[at] = bytes[from + i];
    const id = this.#size;
    if (id + 2 > this.#offsets.length) {
      const grown = new Uint32Array(this.#offsets.length * 2);
      grown.set(this.#offsets);
      this.#offsets = grown;
    }
    this.#offsets[id] = this.#used;
    this.#used += len;
    this.#offsets[id + 1] = this.#used;
    this.#size++;
    return id;
  }

  #rehash(): void {
    const slots = new Int32Array(this.#slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.#size; id++) {
      let slot = hashBytes(this.#arena, this.#offsets[id], this.#offsets[id + 1]) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    this.#slots = slots;
  }

  /** Enters a new series into the posting lists of its metric, tag keys and tag pairs. */
  #post(id: number): void {
    const { metricWidth, tagkWidth } = this.widths;
    const start = this.#offsets[id];
    const end = this.#offsets[id + 1];
    const arena = this.#arena;
    this.#all.add(id, this.order);
    this.#postTo(this.#byMetric, keyOf(arena, start, start + metricWidth), id);
    for (let at = start + metricWidth; at < end; at += this.#pairWidth) {
      this.#postTo(this.#byTagk, keyOf(arena, at, at + tagkWidth), id);
      this.#postTo(this.#byPair, keyOf(arena, at, at + this.#pairWidth), id);
    }
  }

  #postTo(map: Map<PostingKey, Posting>, key: PostingKey, id: number): void {
    const p = map.get(key);
    if (p === undefined) map.set(key, id);
    else if (typeof p !== 'number') p.add(id, this.order);
    else {
      const list = new SortedIdList();
      list.add(p, this.order);
      list.add(id, this.order);
      map.set(key, list);
    }
  }
}

/** FNV-1a over bytes[from, to). */
function hashBytes(bytes: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}
