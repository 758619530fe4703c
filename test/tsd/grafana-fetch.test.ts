/**
 * Grafana's browser-side OpenTSDB datasource of Grafana 7.x–11 (`getBackendSrv().fetch`, tsdbVersion
 * 1–4): the discovery requests in its encoding, in "server" (proxy) access and in "browser" (direct)
 * access, where the TSD's CORS answers decide whether the browser lets the page read the reply.
 */
import { startTestTsd, type TestTsd } from '../helpers/tsd-harness';
import {
  asTextValues,
  browserTagKeys,
  browserTagValues,
  fetchQuery,
  GRAFANA_AGGREGATOR_FALLBACK,
  GRAFANA_FILTER_FALLBACK,
  seedGrafanaSeries,
  tagValuesM,
  type LookupReply,
} from '../helpers/grafana-client';
import { annotationEvents, browserQueryBody, browserSeries, browserSubQuery, EVERY_OPTION, Q0, seedCounters, type QueryElement } from '../helpers/grafana-query';

const GRAFANA_ORIGIN = 'http://grafana.example:3000';
const LOOKUP_LIMIT = 500;
let tsd: TestTsd;

beforeAll(async () => {
  tsd = await startTestTsd({ 'tsd.core.auto_create_metrics': 'true', 'tsd.http.request.cors_domains': GRAFANA_ORIGIN });
  await seedGrafanaSeries(tsd.url);
  await seedCounters(tsd.url);
});
afterAll(() => tsd.stop());

/**
 * _get(relativeUrl, params) in "browser" access with basic auth: the page's origin, the Authorization
 * header (so the browser sends a pre-flight first), Accept as backend_srv sets it.
 */
async function browserGet<T>(path: string, params?: Record<string, string | number>): Promise<T> {
  const url = params ? `${tsd.url}${path}?${fetchQuery(params)}` : `${tsd.url}${path}`;
  const preflight = await fetch(url, {
    method: 'OPTIONS',
    headers: { Origin: GRAFANA_ORIGIN, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
  });
  expect(preflight.status).toBe(200);
  expect(preflight.headers.get('access-control-allow-origin')).toBe(GRAFANA_ORIGIN);
  expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase().split(/,\s*/)).toContain('authorization');
  const res = await fetch(url, { headers: { Origin: GRAFANA_ORIGIN, Authorization: 'Basic dXNlcjpwYXNz', Accept: 'application/json, text/plain, */*' } });
  // The browser hides replies without the allow-origin header from the page.
  expect(res.headers.get('access-control-allow-origin')).toBe(GRAFANA_ORIGIN);
  if (!res.ok) throw new Error(`fetch failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const suggest = (q: string, type: string): Promise<string[]> => browserGet('/api/suggest', { type, q, max: LOOKUP_LIMIT });

test('the encoding is serializeParams: insertion order, encodeURIComponent', () => {
  expect(fetchQuery({ type: 'metrics', q: 'cpu', max: 1000 })).toBe('type=metrics&q=cpu&max=1000');
  expect(fetchQuery({ m: 'sys.cpu.user{host=*,dc=lga}', limit: 1000 })).toBe('m=sys.cpu.user%7Bhost%3D*%2Cdc%3Dlga%7D&limit=1000');
});

test('testDatasource(): suggest cpu with the lookup limit, any 2xx', async () => {
  expect(await suggest('cpu', 'metrics')).toEqual(['cpu.idle']);
});

test('metrics(), suggest_tagk(), suggest_tagv() variables', async () => {
  expect(asTextValues(await suggest('sys.', 'metrics')).map((v) => v.text)).toEqual(['sys.cpu.system', 'sys.cpu.user', 'sys.mem.free']);
  expect(await suggest('h', 'tagk')).toEqual(['host']);
  expect(await suggest('db', 'tagv')).toEqual(['db01']);
});

test('tag_names(sys.cpu.system) and tag_values(sys.cpu.user, dc)', async () => {
  const names = await browserGet<LookupReply>('/api/search/lookup', { m: 'sys.cpu.system', limit: 1000 });
  expect(browserTagKeys(names).sort()).toEqual(['dc', 'host']);
  const { m, key } = tagValuesM('sys.cpu.user', 'dc');
  const values = await browserGet<LookupReply>('/api/search/lookup', { m, limit: LOOKUP_LIMIT });
  expect(browserTagValues(values, key).sort()).toEqual(['lga', 'sjc']);
});

test('tag_values(sys.cpu.user, cpu, host=web03): the extra pairs narrow the lookup', async () => {
  const { m, key } = tagValuesM('sys.cpu.user', 'cpu, host=web03');
  const values = await browserGet<LookupReply>('/api/search/lookup', { m, limit: LOOKUP_LIMIT });
  expect(browserTagValues(values, key)).toEqual(['1']);
});

test('editor lists: aggregators and filter types', async () => {
  expect((await browserGet<string[]>('/api/aggregators')).sort()).toEqual(expect.arrayContaining(GRAFANA_AGGREGATOR_FALLBACK));
  expect(Object.keys(await browserGet<Record<string, unknown>>('/api/config/filters')).sort()).toEqual([...GRAFANA_FILTER_FALLBACK].sort());
});

test('in "server" access (through Grafana\'s proxy, no Origin) the same requests need no CORS', async () => {
  const res = await fetch(`${tsd.url}/api/suggest?${fetchQuery({ type: 'tagk', q: 'c', max: LOOKUP_LIMIT })}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('access-control-allow-origin')).toBeNull();
  expect(await res.json()).toEqual(['cpu']);
});

test('a page on another origin cannot read the answers', async () => {
  const res = await fetch(`${tsd.url}/api/suggest?type=metrics&q=cpu`, { headers: { Origin: 'http://elsewhere.example' } });
  expect(res.headers.get('access-control-allow-origin')).toBeNull();
  expect(((await res.json()) as { error: { message: string } }).error.message).toBe('CORS domain not allowed');
});

test('tsdbVersion 4, millisecond resolution, direct access: a panel and its annotations', async () => {
  const body = browserQueryBody([browserSubQuery(EVERY_OPTION, '1m', 4)], Q0 * 1000, (Q0 + 600) * 1000, 4, 2);
  expect(body.msResolution).toBe(true);
  const res = await fetch(`${tsd.url}/api/query`, {
    method: 'POST',
    headers: { Origin: GRAFANA_ORIGIN, 'Content-Type': 'application/json', Accept: 'application/json, text/plain, */*' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('access-control-allow-origin')).toBe(GRAFANA_ORIGIN);
  const elements = (await res.json()) as QueryElement[];
  const series = elements.map((md) => browserSeries(md, EVERY_OPTION, new Set(['host']), 2));
  expect(series.map((s) => s.target).sort()).toEqual(['hits web01', 'hits web02', 'hits web03']);
  // With msResolution the dps keys are milliseconds, used as they are.
  expect(series[0].datapoints[1][1]).toBe((Q0 + 60) * 1000);
  expect(annotationEvents(elements, true)).toEqual([{ text: 'deploy', time: (Q0 + 300) * 1000 }]);
});
