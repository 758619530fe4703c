/**
 * Grafana's Go backend for OpenTSDB (Grafana 11+ and grafana-opentsdb-datasource, tsdbVersion 1–4):
 * CheckHealth and the resource handlers the query editor and variables go through. The backend
 * builds its own requests (Go's url.Values encoding) and re-shapes the answers: it sorts aggregator
 * names, keeps only the keys of the filter map, and turns lookups into sorted tag key/value lists.
 */
import { startTestTsd, type TestTsd } from '../helpers/tsd-harness';
import {
  fetchQuery,
  GRAFANA_AGGREGATOR_FALLBACK,
  GRAFANA_FILTER_FALLBACK,
  goQuery,
  goSortedSet,
  seedGrafanaSeries,
  tagValuesM,
  type LookupReply,
} from '../helpers/grafana-client';
import { EVERY_OPTION, goFramesArrays, goFramesMap, goSubQuery, Q0, seedCounters, TAG_MODE } from '../helpers/grafana-query';

const LOOKUP_LIMIT = 1000;
let tsd: TestTsd;

beforeAll(async () => {
  tsd = await startTestTsd({ 'tsd.core.auto_create_metrics': 'true' });
  await seedGrafanaSeries(tsd.url);
  await seedCounters(tsd.url);
});
afterAll(() => tsd.stop());

/** http.NewRequest(GET) as the handlers send it; Go's client asks for gzip and decodes it. */
async function goGet(pathAndQuery: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${tsd.url}${pathAndQuery}`, { headers: { 'User-Agent': 'Go-http-client/1.1', 'Accept-Encoding': 'gzip' } });
  return { status: res.status, body: await res.json() };
}

/** json.Unmarshal into the Go type: fails when the shape does not fit. */
function asStringArray(v: unknown): string[] {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new Error(`cannot unmarshal into []string: ${JSON.stringify(v)}`);
  return v;
}

function asLookup(v: unknown): LookupReply {
  const r = v as LookupReply;
  if (!Array.isArray(r.results)) throw new Error('cannot unmarshal results');
  for (const x of r.results) {
    if (typeof x.tags !== 'object' || Object.values(x.tags).some((t) => typeof t !== 'string')) throw new Error('cannot unmarshal tags into map[string]string');
  }
  return r;
}

test('the encoding is url.Values.Encode: sorted keys, QueryEscape', () => {
  expect(goQuery({ q: 'cpu', type: 'metrics' })).toBe('q=cpu&type=metrics');
  expect(goQuery({ m: 'sys.cpu.user{host=*,dc=lga}', limit: 1000 })).toBe('limit=1000&m=sys.cpu.user%7Bhost%3D%2A%2Cdc%3Dlga%7D');
});

test('CheckHealth: GET /api/suggest?q=cpu&type=metrics must be exactly 200', async () => {
  const { status } = await goGet(`/api/suggest?${goQuery({ q: 'cpu', type: 'metrics' })}`);
  expect(status).toBe(200);
});

test('HandleSuggestQuery passes the browser\'s query string through', async () => {
  const { status, body } = await goGet(`/api/suggest?${fetchQuery({ type: 'metrics', q: 'sys.cpu', max: LOOKUP_LIMIT })}`);
  expect(status).toBe(200);
  expect(asStringArray(body)).toEqual(['sys.cpu.system', 'sys.cpu.user']);
  expect(asStringArray((await goGet(`/api/suggest?${fetchQuery({ type: 'tagv', q: 'web0', max: LOOKUP_LIMIT })}`)).body)).toEqual(['web01', 'web02', 'web03']);
});

test('HandleAggregatorsQuery and HandleFiltersQuery', async () => {
  const aggregators = asStringArray((await goGet('/api/aggregators')).body).sort();
  expect(aggregators).toEqual(expect.arrayContaining(GRAFANA_AGGREGATOR_FALLBACK));
  const filters = (await goGet('/api/config/filters')).body as Record<string, unknown>;
  expect(typeof filters).toBe('object');
  expect(Object.keys(filters).sort()).toEqual([...GRAFANA_FILTER_FALLBACK].sort());
});

test('HandleKeyLookup (type=key): lookup m=<metric>&limit=1000, tag keys sorted', async () => {
  const { status, body } = await goGet(`/api/search/lookup?${goQuery({ m: 'sys.cpu.user', limit: '1000' })}`);
  expect(status).toBe(200);
  expect(goSortedSet(asLookup(body).results.flatMap((r) => Object.keys(r.tags)))).toEqual(['cpu', 'dc', 'host']);
});

test('HandleKeyValueLookup (type=keyvalue): m=<metric>{key=*,...}&limit=<lookupLimit>, values sorted', async () => {
  const { m, key } = tagValuesM('sys.cpu.user', 'host, dc=lga');
  const { status, body } = await goGet(`/api/search/lookup?${goQuery({ m, limit: String(LOOKUP_LIMIT) })}`);
  expect(status).toBe(200);
  expect(goSortedSet(asLookup(body).results.map((r) => r.tags[key]))).toEqual(['web01', 'web02']);
});

test('a lookup error reaches Grafana as the TSD\'s status and JSON', async () => {
  const { status, body } = await goGet(`/api/search/lookup?${goQuery({ m: 'nope.metric', limit: '1000' })}`);
  expect(status).toBe(404);
  expect((body as { error: { message: string } }).error.message).toBe('Unable to resolve one or more UIDs');
});

/** CreateRequest: one POST per target, Content-Type application/json, `?arrays=true` for tsdbVersion 4. */
async function postQuery(tsdbVersion: number, body: object): Promise<unknown> {
  const res = await fetch(`${tsd.url}/api/query${tsdbVersion === 4 ? '?arrays=true' : ''}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Accept-Encoding': 'gzip', 'User-Agent': 'Go-http-client/1.1' },
    body: JSON.stringify(body),
  });
  // ParseResponse: any non-2xx status fails the query.
  if (Math.floor(res.status / 100) !== 2) throw new Error(`request failed, status: ${res.status}`);
  return res.json();
}

test('QueryData, tsdbVersion 4: start/end in seconds, ?arrays=true, dps as [][]float64', async () => {
  const body = { start: Q0, end: Q0 + 600, queries: [goSubQuery(EVERY_OPTION, 60000)] };
  const frames = goFramesArrays(await postQuery(4, body));
  expect(frames).toHaveLength(3);
  expect(frames[0].points[1]).toEqual([(Q0 + 60) * 1000, 1]);
});

test('QueryData, tsdbVersion 1-3: dps as map[string]float64 keyed by seconds', async () => {
  const frames = goFramesMap(await postQuery(2, { start: Q0, end: Q0 + 600, queries: [goSubQuery({ ...TAG_MODE, aggregator: 'max' }, 0)] }));
  expect(frames).toEqual([{ metric: 'app.hits', points: Array.from({ length: 10 }, (_, i) => [(Q0 + i * 60) * 1000, 1000 + i * 60]) }]);
});

test('the Grafana 7-10 backend: start/end in ms, no arrays, blank interval means 1m, dropResets on a plain rate', async () => {
  const target = { ...EVERY_OPTION, downsampleInterval: '', counterMax: '', counterResetValue: '', downsampleFillPolicy: 'none' };
  const query = goSubQuery(target, 0);
  expect(query).toMatchObject({ downsample: '1m-avg', rateOptions: { counter: true, dropResets: true } });
  const frames = goFramesMap(await postQuery(2, { start: Q0 * 1000, end: (Q0 + 600) * 1000, queries: [query] }));
  expect(frames).toHaveLength(3);
  expect(frames.every((f) => f.points.every(([, v]) => v === 1))).toBe(true);
});
