/**
 * Scans across many regions of a pre-split table, forward and reverse, with ranges, small batches
 * and filters: every row comes back once, in order, whatever region boundary it sits next to.
 */
import type { HBaseStore } from '../../src/storage/hbase/hbase-store';
import type { StoredRow } from '../../src/storage/store';
import { collect } from '../storage/conformance';
import { openTestStore } from './hbase-env';

const key = (i: number): Buffer => Buffer.from([i >> 8, i & 0xff, 0x00, 0x0a]);
const hex = (rows: StoredRow[]): string[] => rows.map((r) => r.key.toString('hex'));

describe('HBase scans across regions', () => {
  let store: HBaseStore;
  const table = `regions${Date.now().toString(36)}`;
  const N = 1500;
  const all = Array.from({ length: N }, (_, i) => key(i));
  // 15 boundaries, some exactly on a row, some between rows.
  const splits = Array.from({ length: 15 }, (_, i) => (i % 2 === 0 ? key((i + 1) * 90) : Buffer.concat([key((i + 1) * 90), Buffer.from([0x7f])])));

  beforeAll(async () => {
    store = await openTestStore();
    await store.createTable({ name: table, families: [{ name: 't', versions: 1 }], splitKeys: splits });
    await store.batch(all.map((row, i) => ({ type: 'put' as const, table, row, cells: [{ family: 't', qualifier: Buffer.from([0]), value: Buffer.from(String(i)) }] })));
  });
  afterAll(async () => {
    await store.deleteTable(table);
    await store.close();
  });

  it('the table has one region per split key plus one', async () => {
    const names = new Set<string>();
    for (const k of [Buffer.alloc(0), ...splits]) names.add((await store.client.locate(table, k)).name.toString('latin1'));
    expect(names.size).toBe(16);
  });

  it('scans every row once, in order, forward and reverse, with batches that cross regions', async () => {
    const expected = all.map((k) => k.toString('hex'));
    expect(hex(await collect(store, table))).toEqual(expected);
    expect(hex(await collect(store, table, { reverse: true }))).toEqual([...expected].reverse());
    const sizes: number[] = [];
    for await (const batch of store.scan(table, { batchSize: 7 })) sizes.push(batch.length);
    expect(sizes.slice(0, -1).every((s) => s === 7)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(N);
  });

  it.each([
    [0, 1500],
    [89, 91],
    [90, 181],
    [95, 1200],
    [1349, 1351],
    [700, 700],
  ])('scans the range [%i, %i) forward and reverse', async (from, to) => {
    const expected = all.slice(from, to).map((k) => k.toString('hex'));
    expect(hex(await collect(store, table, { start: key(from), stop: to < N ? key(to) : undefined }))).toEqual(expected);
    // Reverse: start is the highest row returned (inclusive), stop the lower bound (exclusive).
    const rev = await collect(store, table, {
      reverse: true,
      start: to > from ? key(to - 1) : key(from),
      stop: from > 0 ? key(from - 1) : undefined,
    });
    expect(hex(rev)).toEqual(to > from ? [...expected].reverse() : [key(from).toString('hex')]);
  });

  it('applies a filter in every region', async () => {
    const rows = await collect(store, table, { filter: { type: 'keyRegexp', pattern: '(?s)^.\\x00' }, batchSize: 50 });
    const expected = all.filter((k) => k[1] === 0).map((k) => k.toString('hex'));
    expect(hex(rows)).toEqual(expected);
    const rev = await collect(store, table, { reverse: true, filter: { type: 'keyRegexp', pattern: '(?s)^.\\x00' } });
    expect(hex(rev)).toEqual([...expected].reverse());
  });
});
