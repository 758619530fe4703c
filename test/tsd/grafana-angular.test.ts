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
import {
  annotationEvents,
  browserQueryBody,
  browserSeries,
  browserSubQuery,
  EVERY_OPTION,
  mapToTargets,
  Q0,
  seedCounters,
  TAG_MODE,
  type GrafanaTarget,
  type QueryElement,
} from '../helpers/grafana-query';

let tsd: TestTsd;
const LOOKUP_LIMIT = 1000;

beforeAll(async () => {
  tsd = await startTestTsd({ 'tsd.core.auto_create_metrics': 'true' });
  await seedGrafanaSeries(tsd.url);
  await seedCounters(tsd.url);
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

/** One panel refresh: POST /api/query as performTimeSeriesQuery sends it, read as query() reads it. */
async function panel(targets: GrafanaTarget[], tsdbVersion: number): Promise<{ body: Record<string, unknown>; series: { target: string; datapoints: [number, number][] }[] }> {
  const queries = targets.map((t) => browserSubQuery(t, '30s', tsdbVersion));
  const body = browserQueryBody(queries, Q0 * 1000, (Q0 + 600) * 1000, tsdbVersion, 1);
  const res = await fetch(`${tsd.url}/api/query`, { method: 'POST', headers: { 'Content-Type': 'application/json;charset=utf-8' }, body: JSON.stringify(body) });
  const elements = (await res.json()) as QueryElement[];
  if (res.status !== 200) throw new Error(`query failed: ${res.status} ${JSON.stringify(elements)}`);
  const groupBy = new Set<string>();
  for (const q of queries) {
    const filters = q.filters as { tagk: string }[] | undefined;
    if (filters && filters.length > 0) filters.forEach((f) => groupBy.add(f.tagk));
    else Object.keys((q.tags as object) ?? {}).forEach((k) => groupBy.add(k));
  }
  const mapping = mapToTargets(elements, targets, tsdbVersion);
  return { body, series: elements.map((md, i) => browserSeries(md, targets[mapping[i] === -1 ? 0 : mapping[i]], groupBy, 1)) };
}

describe('panels and annotations through /api/query', () => {
  test.each([2, 3])('tsdbVersion %i: every editor option, rate of a counter grouped by host', async (version) => {
    const { body, series } = await panel([EVERY_OPTION], version);
    expect(body.showQuery).toBe(version === 3 ? true : undefined);
    expect((body.queries as { downsample: string; rateOptions: object }[])[0]).toMatchObject({
      downsample: '1m-avg-zero',
      rateOptions: { counter: true, counterMax: 1000000, resetValue: 0, dropResets: false },
    });
    expect(series.map((s) => s.target).sort()).toEqual(['hits web01', 'hits web02', 'hits web03']);
    for (const s of series) {
      // Minute buckets; inside the range a rate of 1/s (the edge buckets carry the zero fill's effect).
      expect(s.datapoints.every(([, t]) => t % 60000 === 0)).toBe(true);
      expect(s.datapoints.slice(1, -1).map(([v]) => v)).toEqual(Array(s.datapoints.length - 2).fill(1));
      expect(s.datapoints.length).toBeGreaterThan(5);
    }
  });

  test('tsdbVersion 1: tag mode, no downsampling, mapped back by metric and tag values', async () => {
    const { body, series } = await panel([TAG_MODE], 1);
    expect((body.queries as object[])[0]).toEqual({ metric: 'app.hits', aggregator: 'max', tags: { dc: 'lga' } });
    expect(series).toHaveLength(1);
    expect(series[0].target).toBe('app.hits{dc=lga}');
    expect(series[0].datapoints[0]).toEqual([1000, Q0 * 1000]);
  });

  test('tsdbVersion 3 maps two targets by query.index', async () => {
    const { series } = await panel([TAG_MODE, { ...EVERY_OPTION, alias: 'second $tag_host' }], 3);
    expect(series.map((s) => s.target).sort()).toEqual(['app.hits{dc=lga}', 'second web01', 'second web02', 'second web03']);
  });

  test('annotations: the series annotation and, when "global" is ticked, the global one', async () => {
    const body = browserQueryBody([{ aggregator: 'sum', metric: 'app.hits' }], Q0 * 1000, (Q0 + 600) * 1000, 2, 1);
    const elements = (await (await fetch(`${tsd.url}/api/query`, { method: 'POST', body: JSON.stringify(body) })).json()) as QueryElement[];
    expect(annotationEvents(elements, false)).toEqual([{ text: 'web01 restarted', time: (Q0 + 120) * 1000 }]);
    expect(annotationEvents(elements, true)).toEqual([{ text: 'deploy', time: (Q0 + 300) * 1000 }]);
  });
});
