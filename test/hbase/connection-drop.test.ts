/**
 * A region server connection that drops under load: every call in flight on it fails at once, is
 * retried on a new connection, and the workload completes with nothing lost or doubled.
 */
import type { HBaseStore } from '../../src/storage/hbase/hbase-store';
import { collect } from '../storage/conformance';
import { openTestStore } from './hbase-env';

describe('HBase connection drops', () => {
  let store: HBaseStore;
  const table = `drop${Date.now().toString(36)}`;

  beforeAll(async () => {
    store = await openTestStore();
    await store.createTable({ name: table, families: [{ name: 't', versions: 1 }] });
  });
  afterAll(async () => {
    await store.deleteTable(table);
    await store.close();
  });

  it('retries the calls in flight on a dropped socket, exactly once for increments', async () => {
    const region = await store.client.locate(table, Buffer.alloc(0));
    const retriesBefore = store.client.stats.retries;
    const work = [
      ...Array.from({ length: 300 }, (_, i) => store.put(table, Buffer.from(`p${String(i).padStart(4, '0')}`), [{ family: 't', qualifier: Buffer.from('q'), value: Buffer.from([i & 0xff]) }])),
      ...Array.from({ length: 300 }, () => store.atomicIncrement(table, Buffer.from('counter'), 't', Buffer.from('n'), 1n)),
    ];
    // Drop the socket while those calls are in flight.
    const conn = await store.client.connection('ClientService', region.host, region.port);
    for (let i = 0; i < 1000 && conn.inFlight < 100; i++) await new Promise((r) => setImmediate(r));
    const inFlight = conn.inFlight;
    conn.close();
    await Promise.all(work);
    expect(inFlight).toBeGreaterThanOrEqual(100);
    expect(store.client.stats.retries).toBeGreaterThan(retriesBefore);
    const rows = await collect(store, table, { start: Buffer.from('p'), stop: Buffer.from('q') });
    expect(rows).toHaveLength(300);
    expect((await store.get(table, Buffer.from('counter')))?.cells[0].value.readBigInt64BE(0)).toBe(300n);
  });
});
