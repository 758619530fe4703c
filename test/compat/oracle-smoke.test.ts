/**
 * The reference OpenTSDB 2.4.1 answers over HTTP on JDK 17: writes, reads, UID assignment,
 * lookup (UniqueId.uidToString → javax.xml.bind.DatatypeConverter, absent from JDK 11+ unless
 * jaxb-api is on the classpath) and suggest.
 */
import { getOracle, Oracle } from './oracle';

interface Point {
  metric: string;
  timestamp: number;
  value: number;
  tags: Record<string, string>;
}

const METRIC = 'smoke.cpu.user';
const POINTS: Point[] = [
  { metric: METRIC, timestamp: 1700000000, value: 42, tags: { host: 'web01' } },
  { metric: METRIC, timestamp: 1700000010, value: 43.5, tags: { host: 'web01' } },
  { metric: METRIC, timestamp: 1700000020, value: 7, tags: { host: 'web02' } },
];
const HOSTS = [...new Set(POINTS.map((p) => p.tags.host as string))].sort();
const HEX_UID = /^[0-9A-F]{6}$/;

let oracle: Oracle;

async function call(path: string, init?: RequestInit): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${oracle.url}${path}`, { ...init, signal: AbortSignal.timeout(20_000) });
  return { status: res.status, body: await res.json() };
}
const post = (path: string, body: unknown): Promise<{ status: number; body: unknown }> =>
  call(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

interface Series {
  metric: string;
  tags: Record<string, string>;
  aggregateTags: string[];
  dps: Record<string, number>;
  tsuids?: string[];
}

async function queryByHost(extra = ''): Promise<Series[]> {
  const m = encodeURIComponent(`sum:${METRIC}{host=*}`);
  const { status, body } = await call(`/api/query?start=1699999000&end=1700001000&m=${m}${extra}`);
  expect(status).toBe(200);
  return (body as Series[]).sort((a, b) => String(a.tags.host).localeCompare(String(b.tags.host)));
}

beforeAll(async () => {
  oracle = await getOracle();
  const { status, body } = await post('/api/put?details&sync', POINTS);
  expect({ status, body }).toEqual({ status: 200, body: { success: POINTS.length, failed: 0, errors: [] } });
}, 180_000);

describe('reference OpenTSDB 2.4.1', () => {
  it('GET /api/query returns the points POST /api/put stored, one series per host', async () => {
    const expected = HOSTS.map((host) => {
      const mine = POINTS.filter((p) => p.tags.host === host);
      return { metric: METRIC, tags: { host }, aggregateTags: [],
        dps: Object.fromEntries(mine.map((p) => [String(p.timestamp), p.value])) };
    });
    expect(await queryByHost()).toEqual(expected);
  });

  it('GET /api/uid/assign assigns new names and refuses a metric that exists', async () => {
    const fresh = await call('/api/uid/assign?metric=smoke.new.metric&tagk=smoke_dc&tagv=lon1');
    expect(fresh.status).toBe(200);
    expect(fresh.body).toEqual({
      metric: { 'smoke.new.metric': expect.stringMatching(HEX_UID) },
      tagk: { smoke_dc: expect.stringMatching(HEX_UID) },
      tagv: { lon1: expect.stringMatching(HEX_UID) },
    });
    const [series] = await queryByHost('&show_tsuids=true');
    const existingUid = (series?.tsuids?.[0] ?? '').slice(0, 6);
    const again = await call(`/api/uid/assign?metric=${METRIC}`);
    expect(again).toEqual({ status: 400, body: {
      metric: {}, metric_errors: { [METRIC]: `Name already exists with UID: ${existingUid}` },
    } });
  });

  it('POST /api/search/lookup on the data table lists each series with its TSUID', async () => {
    const { status, body } = await post('/api/search/lookup', { metric: METRIC, useMeta: false });
    expect(status).toBe(200);
    const tsuids = (await queryByHost('&show_tsuids=true')).map((s) => s.tsuids?.[0]);
    expect(body).toMatchObject({ type: 'LOOKUP', metric: METRIC, totalResults: HOSTS.length });
    const results = (body as { results: Array<{ tsuid: string; tags: { host: string } }> }).results;
    const sorted = [...results].sort((a, b) => a.tags.host.localeCompare(b.tags.host));
    expect(sorted).toEqual(HOSTS.map((host, i) => ({ tsuid: tsuids[i], metric: METRIC, tags: { host } })));
  });

  it('GET /api/search/lookup scans tsdb-meta (the query string cannot set use_meta), empty here', async () => {
    const { status, body } = await call(`/api/search/lookup?m=${METRIC}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ type: 'LOOKUP', metric: METRIC, results: [], totalResults: 0 });
  });

  it('GET /api/suggest completes metric names and tag values by prefix', async () => {
    expect((await call('/api/suggest?type=metrics&q=smoke.cpu')).body).toEqual([METRIC]);
    expect((await call('/api/suggest?type=tagv&q=web')).body).toEqual(HOSTS);
  });
});
