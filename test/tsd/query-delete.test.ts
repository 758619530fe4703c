/**
 * Deleting through /api/query (tsd.http.query.allow_delete): the answer carries the deleted points,
 * and afterwards they are gone for good — including points of rows still open in memory, which a
 * later pack must not write back (log mode on the embedded store, cells mode on HBase).
 */
import { startTestTsd, telnet, type TestTsd } from '../helpers/tsd-harness';

describe.each(['embedded', 'hbase'] as const)('delete through /api/query on the %s backend', (backend) => {
  let tsd: TestTsd;
  beforeAll(async () => {
    tsd = await startTestTsd({ 'tsd.core.auto_create_metrics': 'true', 'tsd.http.query.allow_delete': 'true' }, backend);
  });
  afterAll(() => tsd?.stop());

  const dps = async (metric: string, start: number | string): Promise<unknown> => {
    const res = await fetch(`${tsd.url}/api/query?start=${start}&m=sum:${metric}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { dps: unknown }[]).map((r) => r.dps);
  };

  test('points of an open row stay deleted after the compactor runs', async () => {
    const now = Math.floor(Date.now() / 1000);
    const { lines } = await telnet(tsd.port, `put del.open ${now - 20} 1 host=a\nput del.open ${now - 10} 2 host=a\nversion\n`, 1);
    expect(lines[0]).toMatch(/^net\.opentsdb\.tools /);
    await tsd.tsdb.flush();
    expect(await dps('del.open', '1h-ago')).toEqual([{ [now - 20]: 1, [now - 10]: 2 }]);

    const del = await fetch(`${tsd.url}/api/query?start=1h-ago&m=sum:del.open`, { method: 'DELETE' });
    expect(del.status).toBe(200);
    expect(((await del.json()) as { dps: unknown }[]).map((r) => r.dps)).toEqual([{ [now - 20]: 1, [now - 10]: 2 }]);

    await tsd.tsdb.compactor.runOnce(true);
    expect(await dps('del.open', '1h-ago')).toEqual([]);
    // A point written after the delete is kept, alone.
    await telnet(tsd.port, `put del.open ${now - 5} 3 host=a\nversion\n`, 1);
    await tsd.tsdb.flush();
    await tsd.tsdb.compactor.runOnce(true);
    expect(await dps('del.open', '1h-ago')).toEqual([{ [now - 5]: 3 }]);
  });

  test('packed rows of past hours are deleted; other series stay', async () => {
    const T = 1356998400;
    const { lines } = await telnet(tsd.port, `put del.old ${T} 1 host=a\nput del.old ${T + 60} 2 host=a\nput del.keep ${T} 7 host=a\nversion\n`, 1);
    expect(lines[0]).toMatch(/^net\.opentsdb\.tools /);
    await tsd.tsdb.flush();
    await tsd.tsdb.compactor.runOnce(true);
    const body = JSON.stringify({ start: T, end: T + 3600, delete: true, queries: [{ aggregator: 'sum', metric: 'del.old' }] });
    expect((await fetch(`${tsd.url}/api/query`, { method: 'POST', body })).status).toBe(200);
    await tsd.tsdb.compactor.runOnce(true);
    expect(await dps('del.old', T)).toEqual([]);
    expect(await dps('del.keep', T)).toEqual([{ [T]: 7 }]);
  });
});
