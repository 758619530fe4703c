/** /api/query/last with meta tracking off: the newest point, from stored rows and from memory. */
import { startTestTsd, type TestTsd } from '../helpers/tsd-harness';

describe.each(['embedded', 'hbase'] as const)('/api/query/last on the %s store', (backend) => {
  let tsd: TestTsd;
  beforeAll(async () => {
    tsd = await startTestTsd({ 'tsd.core.auto_create_metrics': 'true' }, backend);
  });
  afterAll(() => tsd.stop());

  const put = async (points: object[]): Promise<void> => {
    const res = await fetch(`${tsd.url}/api/put?sync`, { method: 'POST', body: JSON.stringify(points) });
    expect(res.status).toBe(204);
  };

  test('finds the last point of a series days back, and the unpacked newest one, without meta tracking', async () => {
    const now = Math.floor(Date.now() / 1000);
    await put([
      { metric: 'last.m', timestamp: now - 3 * 86400, value: 1, tags: { host: 'old' } },
      { metric: 'last.m', timestamp: now - 3 * 86400 + 10, value: 2.5, tags: { host: 'old' } },
      { metric: 'last.m', timestamp: now - 7200, value: 7, tags: { host: 'new' } },
    ]);
    await tsd.tsdb.compactor.runOnce(true);
    await put([{ metric: 'last.m', timestamp: now - 5, value: 9, tags: { host: 'new' } }]);
    const res = await fetch(`${tsd.url}/api/query/last?timeseries=last.m{host=old}&timeseries=last.m{host=new}&resolve`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { metric: string; timestamp: number; value: string; tags: Record<string, string>; tsuid: string }[];
    expect(body.map((p) => [p.tags.host, p.timestamp, p.value])).toEqual([
      ['old', (now - 3 * 86400 + 10) * 1000, '2.5'],
      ['new', (now - 5) * 1000, '9'],
    ]);
    expect(body[0].metric).toBe('last.m');
    // By TSUID, unresolved: no metric or tags in the answer.
    const byTsuid = (await (await fetch(`${tsd.url}/api/query/last?tsuids=${body[1].tsuid}`)).json()) as object[];
    expect(byTsuid).toEqual([{ timestamp: (now - 5) * 1000, value: '9', tsuid: body[1].tsuid }]);
    // back_scan bounds how far back it looks.
    const bounded = (await (await fetch(`${tsd.url}/api/query/last?timeseries=last.m{host=old}&back_scan=24`)).json()) as object[];
    expect(bounded).toEqual([]);
  });

  test('errors as OpenTSDB words them', async () => {
    const missing = await fetch(`${tsd.url}/api/query/last`);
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toBe('Missing sub queries');
    const unknown = await fetch(`${tsd.url}/api/query/last?timeseries=nope{host=a}`);
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toBe("No such name for 'metrics': 'nope'");
  });
});
