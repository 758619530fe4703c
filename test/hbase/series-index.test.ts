/**
 * The series index on the real HBase: a TSD started on tables another TSD wrote rebuilds its index
 * with a key-only scan of the data table and answers /api/search/lookup from it.
 */
import { startTestTsd, type TestTsd } from '../helpers/tsd-harness';

const TABLE_KEYS = ['tsd.storage.hbase.data_table', 'tsd.storage.hbase.uid_table', 'tsd.storage.hbase.tree_table', 'tsd.storage.hbase.meta_table'];

test('a second TSD on the same HBase tables finds every series written by the first', async () => {
  let tsd: TestTsd = await startTestTsd({ 'tsd.core.auto_create_metrics': 'true' }, 'hbase');
  const tables = Object.fromEntries(TABLE_KEYS.map((k) => [k, tsd.tsdb.config.getString(k)]));
  try {
    const points = [];
    for (let h = 0; h < 20; h++) {
      for (const hour of [0, 3600, 7200]) points.push({ metric: 'hb.index', timestamp: 1700000000 + hour, value: h, tags: { host: `h${h}`, dc: `dc${h % 2}` } });
    }
    const put = await fetch(`${tsd.url}/api/put?sync`, { method: 'POST', body: JSON.stringify(points) });
    expect(put.status).toBe(204);
    await tsd.stop();

    tsd = await startTestTsd({ 'tsd.core.auto_create_metrics': 'true', ...tables }, 'hbase');
    const res = await fetch(`${tsd.url}/api/search/lookup?m=hb.index%7Bdc%3Ddc1%7D&limit=100`);
    const body = (await res.json()) as { totalResults: number; results: { tags: Record<string, string> }[] };
    expect(res.status).toBe(200);
    expect(body.totalResults).toBe(10);
    expect(body.results.every((r) => r.tags.dc === 'dc1')).toBe(true);
    expect(tsd.tsdb.seriesIndexLoader.stats.rowsScanned).toBe(60);
    expect(tsd.tsdb.seriesIndex.size).toBe(20);
  } finally {
    await tsd.stop();
  }
});
