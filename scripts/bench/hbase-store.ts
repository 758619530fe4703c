/**
 * Benchmark of the HBase Store against a running HBase: batched puts/s, scan rows/s,
 * increments/s and appends/s. Bounded in count and time; creates one table and deletes it afterwards.
 *
 *   npm run hbase:start && npm run build && node dist/scripts/bench/hbase-store.js [--zk 127.0.0.1:2181] [--rows 200000]
 *
 * The quorum may also come from TSD_TEST_ZK_QUORUM (what the test harness publishes), or from the
 * state file of `npm run hbase:start` (see scripts/hbase).
 */
import { HBaseStore } from '../../src/storage/hbase/hbase-store';
import type { Mutation } from '../../src/storage/store';
import { readHBaseState } from '../hbase/hbase-state';
import { argNumber, argText } from './bench-args';

/** An OpenTSDB-shaped row key: metric UID, base hour, one tagk/tagv pair. */
function rowKey(series: number, hour: number): Buffer {
  const k = Buffer.alloc(13);
  k.writeUIntBE(1 + (series % 50), 0, 3);
  k.writeUInt32BE(1_700_000_000 + hour * 3600 - (1_700_000_000 % 3600), 3);
  k.writeUIntBE(1, 7, 3);
  k.writeUIntBE(series, 10, 3);
  return k;
}

async function timed<T>(label: string, count: number, unit: string, run: () => Promise<T>): Promise<T> {
  const t0 = process.hrtime.bigint();
  const out = await run();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(`${label.padEnd(48)} ${String(count).padStart(8)} ${unit} in ${ms.toFixed(0).padStart(6)} ms = ${Math.round((count * 1000) / ms).toLocaleString('en-US').padStart(9)} ${unit}/s`);
  return out;
}

/** Runs `op(0..count-1)` with `parallel` calls in flight at a time. */
async function concurrently(count: number, parallel: number, op: (n: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) await op(next++);
    }),
  );
}

async function main(): Promise<void> {
  const zkQuorum = argText('zk', process.env.TSD_TEST_ZK_QUORUM ?? readHBaseState()?.zkQuorum ?? '');
  if (!zkQuorum) throw new Error('Cannot run the benchmark: pass --zk host:port, or start HBase with `npm run hbase:start`');
  const rows = argNumber('rows', 200_000);
  const batchSize = argNumber('batch', 1000);
  const inFlight = argNumber('parallel', 4);
  const increments = argNumber('increments', 20_000);
  const store = await HBaseStore.open({ zkQuorum });
  const table = `bench-${Date.now().toString(36)}`;
  await store.createTable({ name: table, families: [{ name: 't', versions: 1, bloomFilter: 'ROW', dataBlockEncoding: 'DIFF', compression: 'NONE' }] });
  try {
    console.log(`HBase store benchmark on ${store.description}, table ${table}`);
    const value = Buffer.from([0x42]);
    const mutations = (from: number): Mutation[] =>
      Array.from({ length: Math.min(batchSize, rows - from) }, (_, i) => {
        const n = from + i;
        const q = Buffer.alloc(2);
        q.writeUInt16BE(((n % 3600) << 4) & 0xffff);
        return { type: 'put', table, row: rowKey(n % 1000, Math.floor(n / 1000)), cells: [{ family: 't', qualifier: q, value }] };
      });
    await timed(`puts, batches of ${batchSize}, ${inFlight} in flight`, rows, 'puts', async () => {
      let next = 0;
      await Promise.all(
        Array.from({ length: inFlight }, async () => {
          for (let from = (next += batchSize) - batchSize; from < rows; from = (next += batchSize) - batchSize) await store.batch(mutations(from));
        }),
      );
    });
    const distinctRows = await timed('scan rows, batches of 128 (OpenTSDB maxNumRows)', rows, 'rows', async () => {
      let n = 0;
      for await (const batch of store.scan(table, { batchSize: 128 })) n += batch.length;
      return n;
    });
    await timed('scan rows, batches of 1024', distinctRows, 'rows', async () => {
      for await (const batch of store.scan(table, { batchSize: 1024 })) void batch;
    });
    await timed('increments, 64 in flight, 8 counters', increments, 'incr', () =>
      concurrently(increments, 64, (n) => store.atomicIncrement(table, Buffer.from([0, n % 8]), 't', Buffer.from('metrics'), 1n)),
    );
    await timed('appends of 2 bytes, 64 in flight, 8 cells', increments, 'appends', () =>
      concurrently(increments, 64, (n) => store.append(table, Buffer.from([1, n % 8]), 't', Buffer.from([0x05, 0, 0]), Buffer.from([n & 0xff, 1]))),
    );
  } finally {
    await store.deleteTable(table);
    await store.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
