/**
 * HBase stopped in the middle of an ingest and started again 20 s later (same data, new region server
 * start code, meta reassigned): the TSD stays up and answers, puts wait instead of failing or being
 * dropped, and every point acknowledged by /api/put?sync is stored afterwards. Runs on an HBase of its
 * own, so the other suites' shared HBase is never stopped.
 */
import { restartHBase, startHBase, type HBaseHandle } from '../../scripts/hbase/start-hbase';
import { readMetric } from '../helpers/read-all';
import { Config } from '../../src/config/config';
import { memoryLogger } from '../../src/logging/logger';
import { startDaemon, type Daemon } from '../../src/tsd/daemon';
import { TSDB } from '../../src/tsdb';

describe('HBase outage during ingest', () => {
  let hbase: HBaseHandle;
  let tsdb: TSDB;
  let daemon: Daemon;

  beforeAll(async () => {
    hbase = await startHBase();
    const config = new Config({
      'tsd.network.port': '0',
      'tsd.network.bind': '127.0.0.1',
      'tsd.storage.backend': 'hbase',
      'tsd.storage.hbase.zk_quorum': hbase.zkQuorum,
      'tsd.core.auto_create_metrics': 'true',
    });
    tsdb = await TSDB.open(config, memoryLogger().logger);
    daemon = await startDaemon(tsdb);
  }, 180_000);

  afterAll(async () => {
    await daemon?.close();
    await tsdb?.shutdown();
    await hbase?.stop();
  }, 120_000);

  test('acknowledged points survive HBase being down for 20 s, and the TSD keeps answering', async () => {
    const url = `http://127.0.0.1:${daemon.address.port}`;
    const acked: number[] = [];
    let stop = false;
    const sender = (async () => {
      for (let i = 0; !stop; i++) {
        const res = await fetch(`${url}/api/put?sync`, {
          method: 'POST',
          body: JSON.stringify([{ metric: 'outage.m', timestamp: 1356998400 + i, value: i, tags: { host: 'a' } }]),
        });
        if (res.status === 204) acked.push(i);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    await new Promise((r) => setTimeout(r, 2000));
    const ackedBefore = acked.length;
    const restarted = restartHBase(hbase, 20_000);
    // While HBase is down the TSD itself keeps answering.
    await new Promise((r) => setTimeout(r, 8000));
    const version = await fetch(`${url}/api/version`);
    expect(version.status).toBe(200);
    hbase = await restarted;
    const ackedAtRestart = acked.length;
    // Puts go through again once HBase is back.
    while (acked.length < ackedAtRestart + 5) await new Promise((r) => setTimeout(r, 200));
    stop = true;
    await sender;
    expect(ackedBefore).toBeGreaterThan(5);
    expect(acked.length).toBeGreaterThan(ackedBefore);
    await tsdb.flush();
    const series = await readMetric(tsdb, 'outage.m');
    const stored = new Set([...(series.values().next().value ?? new Map()).keys()]);
    for (const i of acked) expect(stored.has((1356998400 + i) * 1000)).toBe(true);
  }, 300_000);
});
