/**
 * /api/suggest and /api/search/lookup over real sockets, against a TSD on the embedded store with
 * meta tracking off (OpenTSDB's default): lookups come from the series index.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectError, httpJson, type JsonReply } from '../helpers/http-json';
import { startTestTsd, type TestTsd } from '../helpers/tsd-harness';

let tsd: TestTsd;
const dir = mkdtempSync(join(tmpdir(), 'tsd-ts-lookup-'));
const config = { 'tsd.core.auto_create_metrics': 'true', 'tsd.storage.embedded.path': dir };

async function put(points: object[]): Promise<void> {
  const res = await fetch(`${tsd.url}/api/put?sync`, { method: 'POST', body: JSON.stringify(points) });
  expect(res.status).toBe(204);
}

const get = (path: string, init?: RequestInit): Promise<JsonReply> => httpJson(tsd.url, path, init);

beforeAll(async () => {
  tsd = await startTestTsd(config);
  const t = 1356998400;
  // Names are assigned UIDs in this order, so TSUID order is known: sys.cpu.user=1, host=1, web01=1 …
  await put([
    { metric: 'sys.cpu.user', timestamp: t, value: 1, tags: { host: 'web01', cpu: '0' } },
    { metric: 'sys.cpu.user', timestamp: t, value: 1, tags: { host: 'web02', cpu: '0' } },
    { metric: 'sys.cpu.user', timestamp: t + 3600, value: 1, tags: { host: 'web01', cpu: '0' } },
    { metric: 'sys.cpu.user', timestamp: t, value: 1, tags: { host: 'web01', cpu: '1' } },
    { metric: 'sys.cpu.nice', timestamp: t, value: 1, tags: { host: 'web03' } },
    { metric: 'sys.mem', timestamp: t, value: 1, tags: { dc: 'lga', host: 'web01' } },
  ]);
});
afterAll(async () => {
  await tsd.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('/api/suggest', () => {
  test('lists names by prefix in byte order, with max', async () => {
    expect((await get('/api/suggest?type=metrics&q=sys.c')).body).toEqual(['sys.cpu.nice', 'sys.cpu.user']);
    expect((await get('/api/suggest?type=metrics&q=sys&max=2')).body).toEqual(['sys.cpu.nice', 'sys.cpu.user']);
    expect((await get('/api/suggest?type=metrics')).body).toEqual(['sys.cpu.nice', 'sys.cpu.user', 'sys.mem']);
    expect((await get('/api/suggest?type=tagk&q=')).body).toEqual(['cpu', 'dc', 'host']);
    expect((await get('/api/suggest?type=tagv&q=web')).body).toEqual(['web01', 'web02', 'web03']);
    expect((await get('/api/suggest?type=metrics&q=nothing')).body).toEqual([]);
    expect((await get('/api/suggest?type=metrics&q=sys&max=-1')).body).toHaveLength(3);
  });

  test('reads a JSON body on POST, and the legacy /suggest route', async () => {
    const post = await get('/api/suggest', { method: 'POST', body: '{"type":"tagv","q":"web0","max":2}' });
    expect(post.body).toEqual(['web01', 'web02']);
    const legacy = await get('/suggest?type=tagk&q=h');
    expect(legacy.status).toBe(200);
    expect(legacy.body).toEqual(['host']);
  });

  test.each([
    ['/api/suggest', 400, 'Missing parameter <code>type</code>'],
    ['/api/suggest?type=', 400, 'Missing parameter <code>type</code>'],
    ['/api/suggest?type=Metrics', 400, "Invalid 'type' parameter:Metrics"],
    ['/api/suggest?type=metrics&max=ten', 400, "Unable to parse 'max' as a number"],
  ])('GET %s is %i %s', async (path, status, message) => {
    expectError(await get(path), status, message);
  });

  test('POST errors and methods', async () => {
    const noType = await get('/api/suggest', { method: 'POST', body: '{"q":"a"}' });
    expect([noType.status, noType.body.error.message]).toEqual([400, "Missing 'type' parameter"]);
    const empty = await get('/api/suggest', { method: 'POST' });
    expect([empty.status, empty.body.error.message]).toEqual([400, 'Missing message content']);
    const bad = await get('/api/suggest', { method: 'POST', body: '{"type":' });
    expect([bad.status, bad.body.error.message]).toEqual([400, 'Unable to parse the given JSON']);
    const put = await get('/api/suggest?type=metrics', { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.body.error.details).toBe('The HTTP method [PUT] is not permitted for this endpoint');
  });
});

describe('/api/search/lookup', () => {
  test('lists every series of a metric once, in TSUID order, with OpenTSDB fields in order', async () => {
    const { status, text, body } = await get('/api/search/lookup?m=sys.cpu.user');
    expect(status).toBe(200);
    expect(text).toMatch(/^\{"type":"LOOKUP","metric":"sys\.cpu\.user","tags":\[\],"limit":25,"time":\d+\.\d+(E\d+)?,"results":\[/);
    expect(text).toMatch(/\],"startIndex":0,"totalResults":3\}$/);
    const results = body.results as { tsuid: string; metric: string; tags: Record<string, string> }[];
    expect(results.map((r) => r.tags)).toEqual(
      expect.arrayContaining([
        { host: 'web01', cpu: '0' },
        { host: 'web01', cpu: '1' },
        { host: 'web02', cpu: '0' },
      ]),
    );
    const tsuids = results.map((r) => r.tsuid);
    expect(tsuids).toEqual([...tsuids].sort());
    expect(Object.keys(results[0])).toEqual(['tsuid', 'metric', 'tags']);
    expect(tsuids[0]).toMatch(/^[0-9A-F]{30}$/);
  });

  test('tag filters: wildcard values, ORed values, value-only pairs, no metric', async () => {
    const hosts = async (m: string): Promise<string[]> =>
      (await get(`/api/search/lookup?m=${encodeURIComponent(m)}&limit=100`)).body.results.map(
        (r: { metric: string; tags: Record<string, string> }) => `${r.metric}:${Object.entries(r.tags).map(([k, v]) => `${k}=${v}`).sort().join(',')}`,
      ).sort();
    expect(await hosts('sys.cpu.user{cpu=1}')).toEqual(['sys.cpu.user:cpu=1,host=web01']);
    expect(await hosts('sys.cpu.user{host=web02,host=web01,cpu=0}')).toEqual(['sys.cpu.user:cpu=0,host=web01', 'sys.cpu.user:cpu=0,host=web02']);
    expect(await hosts('{dc=*}')).toEqual(['sys.mem:dc=lga,host=web01']);
    expect(await hosts('{*=web03}')).toEqual(['sys.cpu.nice:host=web03']);
    expect(await hosts('*{host=web01,cpu=*}')).toEqual(['sys.cpu.user:cpu=0,host=web01', 'sys.cpu.user:cpu=1,host=web01']);
    const noMetric = await get('/api/search/lookup?m={host=web03}');
    expect('metric' in noMetric.body).toBe(false);
    expect(noMetric.body.tags).toEqual([{ key: 'host', value: 'web03' }]);
  });

  test('limit caps the results in TSUID order', async () => {
    const { body } = await get('/api/search/lookup?m=sys.cpu.user&limit=1');
    expect(body.limit).toBe(1);
    expect(body.totalResults).toBe(1);
    const all = (await get('/api/search/lookup?m=sys.cpu.user')).body.results as { tsuid: string }[];
    expect(body.results[0].tsuid).toBe(all[0].tsuid);
  });

  test('a JSON body is a SearchQuery, echoed with Jackson coercions', async () => {
    const body = '{"metric":"sys.cpu.user","tags":[{"key":"host","value":"web02"}],"limit":"10","useMeta":false,"startIndex":3}';
    const res = await get('/api/search/lookup', { method: 'POST', body });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ metric: 'sys.cpu.user', tags: [{ key: 'host', value: 'web02' }], limit: 10, startIndex: 3, totalResults: 1 });
    const override = await get('/api/search/lookup?method_override=post&m=sys.mem');
    expect(override.body.totalResults).toBe(1);
  });

  test.each([
    ['/api/search/lookup', 400, 'Missing parameter <code>m</code>', undefined],
    ['/api/search/lookup?m={}', 400, 'Unable to parse query', 'Missing metric and tags: {}'],
    ['/api/search/lookup?m=sys{host', 400, 'Unable to parse query', "Missing '}' at the end of: sys{host"],
    ['/api/search/lookup?m=sys{host}', 400, 'Unable to parse query', "When parsing tag 'host': invalid tag: host"],
    ['/api/search/lookup?m=sys{a=b=c}', 400, 'Unable to parse query', "When parsing tag 'a=b=c': invalid tag: a=b=c"],
    ['/api/search/lookup?m=sys.mem&limit=x', 400, "Unable to convert 'limit' to a valid number", undefined],
    ['/api/search/lookup?m=no.such.metric', 404, 'Unable to resolve one or more UIDs', "No such name for 'metrics': 'no.such.metric'"],
    ['/api/search/lookup?m=sys.mem{nokey=*}', 404, 'Unable to resolve one or more UIDs', "No such name for 'tagk': 'nokey'"],
    ['/api/search/lookup?m=sys.mem{host=novalue}', 404, 'Unable to resolve one or more UIDs', "No such name for 'tagv': 'novalue'"],
    ['/api/search/nothing', 400, 'Invalid search query type supplied', 'Unknown type: nothing'],
    ['/api/search', 400, 'Invalid search query type supplied', 'Type provided was null or empty'],
    ['/api/search/tsmeta', 400, 'Missing parameter <code>query</code>', undefined],
    ['/api/search/tsmeta?query=name:*', 400, 'Searching is not enabled', 'Searching has not been enabled on this TSD'],
  ])('GET %s is %i %s', async (path, status, message, details) => {
    expectError(await get(path), status, message, details);
  });

  test('errors of the body and the method', async () => {
    const none = await get('/api/search/lookup', { method: 'POST', body: '{"limit":5,"metric":null}' });
    expect([none.status, none.body.error.message]).toEqual([400, 'Missing metric and tags. Please supply at least one value.']);
    const put = await get('/api/search/lookup?m=sys.mem', { method: 'PUT' });
    expect([put.status, put.body.error.message]).toEqual([400, 'Unsupported method: PUT']);
  });

  test('series written after start are found at once', async () => {
    await put([{ metric: 'late.metric', timestamp: 1356998400, value: 1, tags: { host: 'web09' } }]);
    expect((await get('/api/search/lookup?m=late.metric')).body.totalResults).toBe(1);
  });

  test('a restarted TSD rebuilds the index from the data table', async () => {
    await tsd.stop();
    tsd = await startTestTsd(config);
    const { body } = await get('/api/search/lookup?m=*&limit=0');
    expect(body.totalResults).toBe(6);
    expect(tsd.tsdb.seriesIndexLoader.stats.loaded).toBe(true);
    expect(tsd.tsdb.seriesIndexLoader.stats.rowsScanned).toBeGreaterThanOrEqual(7);
  });
});
