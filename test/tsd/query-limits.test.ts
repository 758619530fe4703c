/** The safety OpenTSDB lacks: limits on points and series per query, a time limit, and client aborts. */
import { startTestTsd, type TestTsd } from '../helpers/tsd-harness';

async function load(tsd: TestTsd, series: number, points: number): Promise<void> {
  const body = [];
  for (let s = 0; s < series; s++) for (let i = 0; i < points; i++) body.push({ metric: 'lim.m', timestamp: 1356998400 + i, value: i, tags: { host: `h${s}` } });
  const res = await fetch(`${tsd.url}/api/put?sync`, { method: 'POST', body: JSON.stringify(body) });
  expect(res.status).toBe(204);
}

async function errorOf(res: Response): Promise<{ code: number; message: string; details?: string }> {
  return ((await res.json()) as { error: { code: number; message: string; details?: string } }).error;
}

/**
 * A slow store — the one fake in these tests, for what they do not test: every batch of rows takes
 * 100 ms, so a query is still reading when its limit or its client ends it.
 */
function slowStore(tsd: TestTsd, onBatch: () => void): void {
  const store = tsd.tsdb.store;
  const scan = store.scan.bind(store);
  store.scan = async function* (table, options) {
    for await (const rows of scan(table, { ...options, batchSize: 1 })) {
      onBatch();
      await new Promise((r) => setTimeout(r, 100));
      yield rows;
    }
  };
}

describe('query limits', () => {
  test('too many points or series: 413 with a message that says which limit', async () => {
    const tsd = await startTestTsd({ 'tsd.core.auto_create_metrics': 'true', 'tsd.query.limits.max_points': '100', 'tsd.query.limits.max_series': '3' });
    try {
      await load(tsd, 2, 200);
      const points = await fetch(`${tsd.url}/api/query?start=1356998400&end=1357002000&m=sum:lim.m`);
      expect(points.status).toBe(413);
      expect(await errorOf(points)).toMatchObject({ code: 413, message: 'Query exceeded the limit of 100 data points' });
      await load(tsd, 5, 1);
      const few = await fetch(`${tsd.url}/api/query?start=1356998400&end=1356998401&m=sum:lim.m{host=h4}`);
      expect(few.status).toBe(200);
      const series = await fetch(`${tsd.url}/api/query?start=1356998400&end=1356998401&m=sum:lim.m`);
      expect(series.status).toBe(413);
      expect((await errorOf(series)).message).toMatch(/Query exceeded the limit of (3 series|100 data points)/);
    } finally {
      await tsd.stop();
    }
  });

  test('a fill policy that would emit more than 10 M buckets over all series gets 400 before any is built', async () => {
    const tsd = await startTestTsd({ 'tsd.core.auto_create_metrics': 'true' });
    try {
      await load(tsd, 50, 1);
      // 1 h buckets since 2000 for 50 series make 5.7 M; 60 s buckets over one year for 50 series, 26 M.
      const fine = await fetch(`${tsd.url}/api/query?start=946684800&end=1356998401&m=sum:1h-count-zero:lim.m`);
      expect(fine.status).toBe(200);
      const tooMany = await fetch(`${tsd.url}/api/query?start=1325376000&end=1356998401&m=none:1m-avg-nan:lim.m`);
      expect(tooMany.status).toBe(400);
      expect((await errorOf(tooMany)).message).toMatch(/^Cannot fill 527\d+ buckets of '1m' for each of 50 series \(limit 10000000 per query\)/);
      expect((await fetch(`${tsd.url}/api/version`)).status).toBe(200);
    } finally {
      await tsd.stop();
    }
  });

  test('a query over its time limit gets 408, and the TSD keeps serving', async () => {
    const tsd = await startTestTsd({ 'tsd.core.auto_create_metrics': 'true', 'tsd.query.timeout': '300' });
    try {
      await load(tsd, 20, 20);
      await tsd.tsdb.compactor.runOnce(true);
      slowStore(tsd, () => undefined);
      const res = await fetch(`${tsd.url}/api/query?start=1356998400&end=1357002000&m=sum:lim.m{host=*}`);
      expect(res.status).toBe(408);
      expect((await errorOf(res)).message).toBe('Query timed out');
      expect((await fetch(`${tsd.url}/api/version`)).status).toBe(200);
    } finally {
      await tsd.stop();
    }
  });

  test('a client that goes away stops its query', async () => {
    const tsd = await startTestTsd({ 'tsd.core.auto_create_metrics': 'true' });
    try {
      await load(tsd, 50, 20);
      await tsd.tsdb.compactor.runOnce(true); // into the store, where the slow scan below reads them
      let batches = 0;
      slowStore(tsd, () => batches++);
      const ac = new AbortController();
      const pending = fetch(`${tsd.url}/api/query?start=1356998400&end=1357002000&m=none:lim.m`, { signal: ac.signal }).catch((e: Error) => e);
      while (batches === 0) await new Promise((r) => setTimeout(r, 10));
      ac.abort();
      expect((await pending as Error).name).toBe("AbortError");
      const stat = async (): Promise<number> => {
        const lines = (await (await fetch(`${tsd.url}/api/stats`)).json()) as { metric: string; value: string; tags: Record<string, string> }[];
        return Number(lines.find((l) => l.metric === 'tsd.http.query' && l.tags.type === 'aborted')?.value);
      };
      for (let i = 0; i < 100 && (await stat()) === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await stat()).toBe(1);
      // It stopped early: far fewer batches than the 50 rows it would have read.
      expect(batches).toBeLessThan(10);
    } finally {
      await tsd.stop();
    }
  });
});
