/**
 * Grafana's AngularJS OpenTSDB datasource (Grafana 2.x–7.0, tsdbVersion 1–3): the exact discovery
 * requests it sends through `$http` (sorted, Angular-encoded parameters) and what it makes of the
 * answers: metricFindQuery variables, the editor's aggregator and filter lists, "Test datasource".
 */
import { startTestTsd, type TestTsd } from '../helpers/tsd-harness';
import {
  angularQuery,
  asTextValues,
  browserTagKeys,
  browserTagValues,
  GRAFANA_AGGREGATOR_FALLBACK,
  GRAFANA_FILTER_FALLBACK,
  seedGrafanaSeries,
  tagValuesM,
  type LookupReply,
} from '../helpers/grafana-client';

let tsd: TestTsd;
const LOOKUP_LIMIT = 1000;

beforeAll(async () => {
  tsd = await startTestTsd({ 'tsd.core.auto_create_metrics': 'true' });
  await seedGrafanaSeries(tsd.url);
});
afterAll(() => tsd.stop());

/** backendSrv.datasourceRequest({method:'GET', url, params}); a non-2xx answer rejects. */
async function angularGet<T>(path: string, params?: Record<string, string | number>): Promise<T> {
  const url = params ? `${tsd.url}${path}?${angularQuery(params)}` : `${tsd.url}${path}`;
  const res = await fetch(url, { headers: { Accept: 'application/json, text/plain, */*' } });
  if (res.status < 200 || res.status > 299) throw new Error(`datasourceRequest failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** _performSuggestQuery(query, type) */
const suggest = (q: string, type: string): Promise<string[]> => angularGet('/api/suggest', { type, q, max: LOOKUP_LIMIT });

describe('metricFindQuery template variables', () => {
  test('the encoding is the one $http produces', () => {
    expect(angularQuery({ type: 'metrics', q: 'sys', max: 1000 })).toBe('max=1000&q=sys&type=metrics');
    expect(angularQuery({ m: 'sys.cpu.user{host=*,dc=lga}', limit: 1000 })).toBe('limit=1000&m=sys.cpu.user%7Bhost%3D*,dc%3Dlga%7D');
  });

  test('metrics(sys.cpu) lists metric names', async () => {
    expect(asTextValues(await suggest('sys.cpu', 'metrics'))).toEqual([{ text: 'sys.cpu.system' }, { text: 'sys.cpu.user' }]);
  });

  test('suggest_tagk(d) and suggest_tagv(web) list tag keys and values', async () => {
    expect(await suggest('d', 'tagk')).toEqual(['dc']);
    expect(await suggest('web', 'tagv')).toEqual(['web01', 'web02', 'web03']);
    expect(await suggest('', 'tagk')).toEqual(['cpu', 'dc', 'host']);
  });

  test('tag_names(sys.cpu.user) collects the tag keys of the lookup results', async () => {
    const reply = await angularGet<LookupReply>('/api/search/lookup', { m: 'sys.cpu.user', limit: 1000 });
    expect(browserTagKeys(reply).sort()).toEqual(['cpu', 'dc', 'host']);
  });

  test('tag_values(sys.cpu.user, host) and tag_values(sys.cpu.user, host, dc=lga)', async () => {
    const all = tagValuesM('sys.cpu.user', 'host');
    const reply = await angularGet<LookupReply>('/api/search/lookup', { m: all.m, limit: LOOKUP_LIMIT });
    expect(browserTagValues(reply, all.key).sort()).toEqual(['web01', 'web02', 'web03']);
    const lga = tagValuesM('sys.cpu.user', 'host, dc=lga');
    expect(lga.m).toBe('sys.cpu.user{host=*,dc=lga}');
    const lgaReply = await angularGet<LookupReply>('/api/search/lookup', { m: lga.m, limit: LOOKUP_LIMIT });
    expect(browserTagValues(lgaReply, lga.key).sort()).toEqual(['web01', 'web02']);
  });

  test('a variable on an unknown metric fails the way the UI shows it (error.message)', async () => {
    await expect(angularGet('/api/search/lookup', { m: 'no.such.metric', limit: 1000 })).rejects.toThrow(/404 .*Unable to resolve one or more UIDs/);
  });
});

describe('query editor and data source settings', () => {
  test('getAggregators(): an array, sorted client-side, holding every fallback name', async () => {
    const aggregators = (await angularGet<string[]>('/api/aggregators')).sort();
    expect(Array.isArray(aggregators)).toBe(true);
    expect(aggregators).toEqual(expect.arrayContaining(GRAFANA_AGGREGATOR_FALLBACK));
  });

  test('getFilterTypes() (tsdbVersion >= 2): the keys of /api/config/filters, sorted', async () => {
    const filters = Object.keys(await angularGet<Record<string, unknown>>('/api/config/filters')).sort();
    expect(filters).toEqual([...GRAFANA_FILTER_FALLBACK].sort());
  });

  test('the metric box suggests through metrics(<typed text>)', async () => {
    expect(await suggest('sys.m', 'metrics')).toEqual(['sys.mem.free']);
  });

  test('"Save & Test": suggest for cpu with max=1000 answers 2xx', async () => {
    const res = await fetch(`${tsd.url}/api/suggest?${angularQuery({ type: 'metrics', q: 'cpu', max: 1000 })}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(['cpu.idle']);
  });
});
