import { SeriesIndex } from '../../../src/meta/series-index';
import type { SeriesQuery, TagConstraint } from '../../../src/meta/series-query';
import { SortedIdList } from '../../../src/meta/sorted-id-list';

const W = { metricWidth: 3, tagkWidth: 3, tagvWidth: 3 };
const uid = (n: number): Buffer => Buffer.from([(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);

/** A TSUID from a metric number and [tagk, tagv] numbers (pairs sorted by tagk, as row keys are). */
function tsuid(metric: number, pairs: [number, number][]): Buffer {
  const sorted = [...pairs].sort((a, b) => a[0] - b[0]);
  return Buffer.concat([uid(metric), ...sorted.map(([k, v]) => Buffer.concat([uid(k), uid(v)]))]);
}

/** A deterministic pseudo-random generator, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The reference answer: filter every series with the lookup rules, sort by bytes, cut at the limit. */
function reference(all: Buffer[], q: SeriesQuery): string[] {
  const pairsOf = (t: Buffer): [string, string][] => {
    const out: [string, string][] = [];
    for (let at = 3; at < t.length; at += 6) out.push([t.toString('hex', at, at + 3), t.toString('hex', at + 3, at + 6)]);
    return out;
  };
  const hex = (b: Buffer | null): string | null => (b ? b.toString('hex') : null);
  const keyed = new Map<string, Set<string> | null>();
  const values: string[] = [];
  for (const c of q.tags) {
    const k = hex(c.tagk);
    const v = hex(c.tagv);
    if (k === null) {
      if (v !== null) values.push(v);
      continue;
    }
    if (!keyed.has(k)) keyed.set(k, v === null ? null : new Set([v]));
    else if (v === null) keyed.set(k, null);
    else keyed.get(k)?.add(v);
  }
  const hits = all.filter((t) => {
    if (q.metric && !t.subarray(0, 3).equals(q.metric)) return false;
    const pairs = pairsOf(t);
    for (const [k, vs] of keyed) {
      const p = pairs.find(([pk]) => pk === k);
      if (!p || (vs && !vs.has(p[1]))) return false;
    }
    return values.length === 0 || pairs.some(([, v]) => values.includes(v));
  });
  hits.sort(Buffer.compare);
  return (q.limit > 0 ? hits.slice(0, q.limit) : hits).map((t) => t.toString('hex'));
}

describe('SeriesIndex', () => {
  test('keeps each TSUID once and refuses malformed ones', () => {
    const index = new SeriesIndex(W);
    expect(index.add(tsuid(1, [[1, 1]]))).toBe(true);
    expect(index.add(tsuid(1, [[1, 1]]))).toBe(false);
    expect(index.add(Buffer.from('0000010000', 'hex'))).toBe(false);
    expect(index.size).toBe(1);
    expect(index.tsuid(0).toString('hex')).toBe('000001000001000001');
  });

  test('answers lookups in TSUID byte order, whatever the order series arrived in', () => {
    const index = new SeriesIndex(W);
    const series = [tsuid(2, [[1, 3]]), tsuid(1, [[1, 2], [2, 1]]), tsuid(1, [[1, 2]]), tsuid(1, [[1, 1]])];
    for (const s of series) index.add(s);
    const got = index.lookup({ metric: null, tags: [], limit: 0 }).map((id) => index.tsuid(id).toString('hex'));
    expect(got).toEqual([...series].sort(Buffer.compare).map((s) => s.toString('hex')));
  });

  test('matches the reference rules on random series and random queries', () => {
    const rand = rng(42);
    const pick = (n: number): number => 1 + Math.floor(rand() * n);
    const index = new SeriesIndex(W);
    const all: Buffer[] = [];
    for (let i = 0; i < 6000; i++) {
      const keys = new Set<number>();
      const n = pick(4);
      while (keys.size < n) keys.add(pick(6));
      const t = tsuid(pick(5), [...keys].map((k) => [k, pick(40)]));
      if (index.add(t)) all.push(t);
    }
    expect(index.size).toBe(all.length);
    for (let i = 0; i < 400; i++) {
      const tags: TagConstraint[] = [];
      const n = Math.floor(rand() * 4);
      for (let j = 0; j < n; j++) {
        const r = rand();
        tags.push({ tagk: r < 0.15 ? null : uid(pick(6)), tagv: r > 0.15 && r < 0.4 ? null : uid(pick(40)) });
      }
      const q: SeriesQuery = { metric: rand() < 0.7 ? uid(pick(6)) : null, tags, limit: rand() < 0.5 ? pick(50) : 0 };
      const got = index.lookup(q).map((id) => index.tsuid(id).toString('hex'));
      expect(got).toEqual(reference(all, q));
    }
  });

  test('a lookup naming an unknown UID or one of the wrong width finds nothing', () => {
    const index = new SeriesIndex(W);
    index.add(tsuid(1, [[1, 1]]));
    expect(index.lookup({ metric: uid(9), tags: [], limit: 0 })).toEqual([]);
    expect(index.lookup({ metric: Buffer.from([1]), tags: [], limit: 0 })).toEqual([]);
    expect(index.lookup({ metric: null, tags: [{ tagk: uid(1), tagv: uid(7) }], limit: 0 })).toEqual([]);
  });
});

describe('SortedIdList', () => {
  test('walks ids in the given order across merges and unsorted tails', () => {
    const rand = rng(7);
    const keys: number[] = [];
    const order = (a: number, b: number): number => keys[a] - keys[b];
    const list = new SortedIdList();
    for (let id = 0; id < 20000; id++) {
      keys.push(Math.floor(rand() * 1e9));
      list.add(id, order);
      if (id % 997 === 0) {
        const seen: number[] = [];
        list.forEach(order, (x) => seen.push(keys[x]) > 0);
        expect(seen).toEqual([...seen].sort((a, b) => a - b));
        expect(seen.length).toBe(id + 1);
      }
    }
    const first: number[] = [];
    list.forEach(order, (x) => first.push(x) < 5);
    expect(first.map((x) => keys[x])).toEqual([...keys].sort((a, b) => a - b).slice(0, 5));
  });
});
