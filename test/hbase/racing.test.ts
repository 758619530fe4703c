/**
 * Two HBaseStore instances (two clients, as two TSDs on one cluster) racing on the same cells:
 * increments are never lost nor doubled, and compare-and-set lets exactly one writer win.
 */
import type { HBaseStore } from '../../src/storage/hbase/hbase-store';
import { randomBytes } from 'node:crypto';
import { incrementCall } from '../../src/storage/hbase/calls/mutate';
import { randomLong } from '../../src/storage/hbase/proto/long';
import { openTestStore } from './hbase-env';

describe('two HBase stores racing', () => {
  let a: HBaseStore;
  let b: HBaseStore;
  const table = `race${Date.now().toString(36)}`;
  const q = (s: string): Buffer => Buffer.from(s);

  beforeAll(async () => {
    [a, b] = await Promise.all([openTestStore(), openTestStore()]);
    await a.createTable({ name: table, families: [{ name: 'id', versions: 1 }, { name: 'name', versions: 1 }] });
  });
  afterAll(async () => {
    await a.deleteTable(table);
    await Promise.all([a.close(), b.close()]);
  });

  it('counts every increment of both stores exactly once', async () => {
    const row = Buffer.from([0]);
    const each = 400;
    const results = await Promise.all(
      Array.from({ length: each * 2 }, (_, i) => (i % 2 === 0 ? a : b).atomicIncrement(table, row, 'id', q('metrics'), 1n)),
    );
    expect(new Set(results.map(String)).size).toBe(each * 2);
    expect(results.reduce((m, v) => (v > m ? v : m), 0n)).toBe(BigInt(each * 2));
    expect((await b.get(table, row))?.cells[0].value.readBigInt64BE(0)).toBe(BigInt(each * 2));
  });

  it('lets exactly one of many racing writers create each absent cell', async () => {
    for (let round = 0; round < 5; round++) {
      const row = Buffer.from(`name${round}`);
      const wins = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          (i % 2 === 0 ? a : b).compareAndSet(table, row, { family: 'id', qualifier: q('metrics'), value: Buffer.from(`uid${i}`) }, null),
        ),
      );
      expect(wins.filter(Boolean)).toHaveLength(1);
      const winner = wins.indexOf(true);
      expect((await (round % 2 === 0 ? b : a).get(table, row))?.cells[0].value.toString()).toBe(`uid${winner}`);
    }
  });

  it('moves a value forward only from the value each racer expects', async () => {
    const row = Buffer.from('cas-chain');
    const cell = (v: number) => ({ family: 'name', qualifier: q('v'), value: Buffer.from([v]) });
    expect(await a.compareAndSet(table, row, cell(0), null)).toBe(true);
    // Both stores race to advance 0→1→…→20; each step can be taken by one racer only.
    let taken = 0;
    for (let v = 0; v < 20; v++) {
      const [x, y] = await Promise.all([a.compareAndSet(table, row, cell(v + 1), Buffer.from([v])), b.compareAndSet(table, row, cell(v + 1), Buffer.from([v]))]);
      expect(Number(x) + Number(y)).toBe(1);
      taken++;
    }
    expect(taken).toBe(20);
    expect((await b.get(table, row))?.cells[0].value[0]).toBe(20);
  });

  it('applies a resent increment once when it carries the same nonce (a retry after a lost answer)', async () => {
    const row = Buffer.from('nonce');
    const nonce = { group: a.client.nonceGroup, nonce: randomLong(randomBytes) };
    const call = incrementCall(table, row, 'id', q('tagk'), 5n, nonce);
    expect(await a.client.send(call)).toBe(5n);
    await a.client.send(call); // the same increment again, as a retry would send it
    expect((await a.get(table, row))?.cells[0].value.readBigInt64BE(0)).toBe(5n);
    expect(await a.atomicIncrement(table, row, 'id', q('tagk'), 5n)).toBe(10n);
  });
});
