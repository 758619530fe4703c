/**
 * The TSD on a real HBase: ingest through a region split of the data table, and two TSD processes
 * assigning the same new names at once.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { readMetric } from '../helpers/read-all';
import { startTestTsd, telnet, type TestTsd } from '../helpers/tsd-harness';
import { HBaseStore } from '../../src/storage/hbase/hbase-store';
import { collect } from '../storage/conformance';

describe('TSD on HBase', () => {
  let tsd: TestTsd;
  beforeAll(async () => {
    tsd = await startTestTsd({ 'tsd.core.auto_create_metrics': 'true' }, 'hbase');
  });
  afterAll(() => tsd.stop());

  test('a split of the data table in the middle of an ingest loses no point', async () => {
    const store = tsd.tsdb.store as HBaseStore;
    const table = tsd.tsdb.tables.data;
    const STEPS = 60;
    const HOSTS = 200;
    const ingest = (async () => {
      for (let step = 0; step < STEPS; step++) {
        let text = '';
        for (let h = 0; h < HOSTS; h++) text += `put split.metric${h % 4} ${1356998400 + step * 10} ${step} host=h${h}\n`;
        await telnet(tsd.port, `${text}version\n`, 2);
      }
    })();
    // Split once a third of the data is in, at a key in the middle of the metrics' rows.
    while (tsd.tsdb.writer.stats.pointsAdded < (STEPS * HOSTS) / 3) await new Promise((r) => setTimeout(r, 20));
    await tsd.tsdb.flush();
    const metric2 = await tsd.tsdb.uids.metrics.getId('split.metric2');
    const region = await store.client.locate(table, metric2);
    await store.admin.splitRegion(region, metric2);
    await ingest;
    await tsd.tsdb.flush();
    const after = await store.client.locate(table, metric2);
    expect(after.startKey.equals(metric2)).toBe(true);
    let total = 0;
    for (let m = 0; m < 4; m++) {
      const series = await readMetric(tsd.tsdb, `split.metric${m}`);
      expect(series.size).toBe(HOSTS / 4);
      for (const pts of series.values()) total += pts.size;
    }
    expect(total).toBe(STEPS * HOSTS);
    // Compaction over the split regions leaves one cell per row.
    await tsd.tsdb.compactor.runOnce(true);
    const rows = await collect(store, table);
    // 600 s of points: one hour, so one row per series.
    expect(rows.length).toBe(HOSTS);
    for (const r of rows) expect(r.cells).toHaveLength(1);
  }, 180_000);

  test('two TSD processes assign the same 1,000 new names concurrently without duplicates', async () => {
    const names = Array.from({ length: 1000 }, (_, i) => `race.metric.${i}`);
    const child = (): Promise<Record<string, string>> =>
      new Promise((resolveP, reject) => {
        const script = `
          const { Config } = require('./dist/src/config/config');
          const { TSDB } = require('./dist/src/tsdb');
          const { memoryLogger } = require('./dist/src/logging/logger');
          const config = new Config(JSON.parse(process.argv[1]));
          TSDB.open(config, memoryLogger().logger).then(async (tsdb) => {
            const names = JSON.parse(process.argv[2]);
            const ids = await Promise.all(names.map((n) => tsdb.uids.metrics.getOrCreateId(n)));
            const out = {};
            names.forEach((n, i) => (out[n] = ids[i].toString('hex')));
            process.stdout.write(JSON.stringify(out));
            await tsdb.shutdown();
          }).catch((e) => { console.error(e); process.exit(1); });`;
        const config = { ...tsdConfigOf(tsd), 'tsd.core.auto_create_metrics': 'true' };
        const p = spawn(process.execPath, ['-e', script, JSON.stringify(config), JSON.stringify(names)], { cwd: resolve(__dirname, '../..') });
        let out = '';
        let err = '';
        p.stdout.on('data', (d: Buffer) => (out += d.toString()));
        p.stderr.on('data', (d: Buffer) => (err += d.toString()));
        p.on('exit', (code) => (code === 0 ? resolveP(JSON.parse(out) as Record<string, string>) : reject(new Error(err))));
      });
    const [a, b] = await Promise.all([child(), child()]);
    for (const n of names) expect(a[n]).toBe(b[n]);
    expect(new Set(Object.values(a)).size).toBe(1000);
    // The UID table agrees: one UID per name, and each of those UIDs names it back.
    const uidTable = tsd.tsdb.tables.uid;
    for (const n of names.slice(0, 50)) {
      const reverse = await tsd.tsdb.store.get(uidTable, Buffer.from(a[n], 'hex'), { columns: [{ family: 'name', qualifiers: [Buffer.from('metrics')] }] });
      expect(reverse?.cells[0].value.toString()).toBe(n);
    }
  }, 180_000);
});

/** The storage settings of a test TSD, for another process to open the same tables. */
function tsdConfigOf(t: TestTsd): Record<string, string> {
  const keys = ['tsd.storage.backend', 'tsd.storage.hbase.zk_quorum', 'tsd.storage.hbase.zk_basedir', 'tsd.storage.hbase.data_table', 'tsd.storage.hbase.uid_table', 'tsd.storage.hbase.tree_table', 'tsd.storage.hbase.meta_table'];
  return Object.fromEntries(keys.map((k) => [k, t.tsdb.config.getString(k)]));
}
