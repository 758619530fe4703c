/**
 * Regions split under a running write+scan workload: writers and scanners keep going through the
 * split (NotServingRegion → relocate → retry, scanners reopened from their last row) and no row is
 * lost or returned twice.
 */
import type { HBaseStore } from '../../src/storage/hbase/hbase-store';
import { collect } from '../storage/conformance';
import { openTestStore } from './hbase-env';

const ROUNDS = 30;
const PER_ROUND = 200;
/** Row keys spread over the whole first byte, so every region gets writes. */
const rowKey = (round: number, i: number): Buffer => Buffer.from([(i * 37 + round) & 0xff, round, i >> 8, i & 0xff]);

describe('HBase region split during writes and scans', () => {
  let store: HBaseStore;
  const table = `split${Date.now().toString(36)}`;

  beforeAll(async () => {
    store = await openTestStore();
    await store.createTable({ name: table, families: [{ name: 't', versions: 1 }], splitKeys: [Buffer.from([0x80])] });
  });
  afterAll(async () => {
    await store.deleteTable(table);
    await store.close();
  });

  it('loses no row while both regions split', async () => {
    let written = 0;
    let writing = true;
    const scanCounts: number[] = [];
    let writesDuringSplit = -1;

    const writer = (async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const muts = Array.from({ length: PER_ROUND }, (_, i) => ({
          type: 'put' as const,
          table,
          row: rowKey(round, i),
          cells: [{ family: 't', qualifier: Buffer.from([0]), value: Buffer.from(`${round}/${i}`) }],
        }));
        await store.batch(muts);
        written += PER_ROUND;
        // Single puts and gets go through the split too.
        await store.put(table, rowKey(round, 0), [{ family: 't', qualifier: Buffer.from([1]), value: Buffer.from('single') }]);
        expect((await store.get(table, rowKey(round, 1)))?.cells[0].value.toString()).toBe(`${round}/1`);
      }
      writing = false;
    })();

    const scanner = (async () => {
      while (writing) {
        const before = written;
        const rows = await collect(store, table, { batchSize: 50 });
        const keys = rows.map((r) => r.key.toString('hex'));
        expect(new Set(keys).size).toBe(keys.length);
        expect([...keys].sort()).toEqual(keys);
        expect(rows.length).toBeGreaterThanOrEqual(before);
        scanCounts.push(rows.length);
      }
    })();

    const splitter = (async () => {
      while (written < (ROUNDS * PER_ROUND) / 3) await new Promise((r) => setTimeout(r, 10));
      const low = await store.client.locate(table, Buffer.from([0x10]));
      const high = await store.client.locate(table, Buffer.from([0x90]));
      const before = written;
      await Promise.all([store.admin.splitRegion(low, Buffer.from([0x40])), store.admin.splitRegion(high, Buffer.from([0xc0]))]);
      writesDuringSplit = written - before;
    })();

    await Promise.all([writer, scanner, splitter]);

    const regionNames = new Set<string>();
    for (const b of [0x00, 0x40, 0x80, 0xc0]) regionNames.add((await store.client.locate(table, Buffer.from([b]))).name.toString('latin1'));
    expect(regionNames.size).toBe(4);

    const rows = await collect(store, table);
    expect(rows).toHaveLength(ROUNDS * PER_ROUND);
    const expected = new Set<string>();
    for (let round = 0; round < ROUNDS; round++) for (let i = 0; i < PER_ROUND; i++) expected.add(rowKey(round, i).toString('hex'));
    expect(new Set(rows.map((r) => r.key.toString('hex')))).toEqual(expected);
    const reversed = await collect(store, table, { reverse: true });
    expect(reversed.map((r) => r.key.toString('hex'))).toEqual(rows.map((r) => r.key.toString('hex')).reverse());
    expect(scanCounts.length).toBeGreaterThan(0);
    // The workload really ran through the splits.
    expect(writesDuringSplit).toBeGreaterThan(0);
  }, 180_000);

  it.each([false, true])('resumes a scan (reverse: %s) from its last row when its region splits under it', async (reverse) => {
    const t = `${table}-mid${reverse ? 'r' : 'f'}`;
    await store.createTable({ name: t, families: [{ name: 't', versions: 1 }] });
    const keys = Array.from({ length: 600 }, (_, i) => Buffer.from([i >> 8, i & 0xff]));
    await store.batch(keys.map((row) => ({ type: 'put' as const, table: t, row, cells: [{ family: 't', qualifier: Buffer.from([0]), value: row }] })));
    const seen: string[] = [];
    let split = false;
    const retriesBefore = store.client.stats.retries;
    for await (const batch of store.scan(t, { batchSize: 25, reverse })) {
      seen.push(...batch.map((r) => r.key.toString('hex')));
      if (!split) {
        split = true;
        // The open scanner's region goes away; the next call must relocate and reopen after the last row.
        await store.admin.splitRegion(await store.client.locate(t, Buffer.alloc(0)), Buffer.from([0x01, 0x00]));
      }
    }
    const expected = keys.map((k) => k.toString('hex'));
    expect(seen).toEqual(reverse ? expected.reverse() : expected);
    expect(store.client.stats.retries).toBeGreaterThan(retriesBefore); // the scanner did lose its region
    expect((await store.client.locate(t, Buffer.from([0x01, 0x00]))).startKey.toString('hex')).toBe('0100');
    await store.deleteTable(t);
  }, 120_000);
});
