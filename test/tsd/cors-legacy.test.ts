/**
 * CORS (tsd.http.request.cors_domains / cors_headers) as RpcHandler applies it, the version-0 error
 * pages of legacy routes, and the small endpoints (/api/config, /api/stats and their sub-paths).
 */
import { corsPolicy } from '../../src/tsd/http/cors';
import { startTestTsd, type TestTsd } from '../helpers/tsd-harness';

const DEFAULT_HEADERS =
  'Authorization, Content-Type, Accept, Origin, User-Agent, DNT, Cache-Control, X-Mx-ReqToken, Keep-Alive, X-Requested-With, If-Modified-Since';

describe('CORS configured with a list of domains', () => {
  let tsd: TestTsd;
  beforeAll(async () => {
    tsd = await startTestTsd({ 'tsd.http.request.cors_domains': 'http://grafana.example:3000, http://other.example' });
  });
  afterAll(() => tsd.stop());

  test('a pre-flight from a listed origin gets 200, the three headers and no body', async () => {
    const res = await fetch(`${tsd.url}/api/query`, { method: 'OPTIONS', headers: { Origin: 'http://GRAFANA.example:3000' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://GRAFANA.example:3000');
    expect(res.headers.get('access-control-allow-methods')).toBe('GET, POST, PUT, DELETE');
    expect(res.headers.get('access-control-allow-headers')).toBe(DEFAULT_HEADERS);
    expect(await res.text()).toBe('');
  });

  test('a simple request from a listed origin is served with the headers', async () => {
    const res = await fetch(`${tsd.url}/api/suggest?type=metrics&q=cpu`, { headers: { Origin: 'http://other.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://other.example');
    expect(await res.json()).toEqual([]);
  });

  test('an unlisted origin gets status 200 with an error body, and the request is not served', async () => {
    const res = await fetch(`${tsd.url}/api/version`, { headers: { Origin: 'http://evil.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const body = (await res.json()) as { error: { code: number; message: string; details: string } };
    expect(body.error).toMatchObject({ code: 200, message: 'CORS domain not allowed', details: 'The domain [http://evil.example] is not permitted access' });
  });

  test('OPTIONS without Origin is 405; requests without Origin are served without CORS headers', async () => {
    const res = await fetch(`${tsd.url}/api/version`, { method: 'OPTIONS' });
    expect(res.status).toBe(405);
    expect(((await res.json()) as { error: { details: string } }).error.details).toBe('The HTTP method [OPTIONS] is not permitted');
    const plain = await fetch(`${tsd.url}/api/version`);
    expect(plain.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('CORS with * and without configuration', () => {
  test('* allows any origin', async () => {
    const tsd = await startTestTsd({ 'tsd.http.request.cors_domains': '*', 'tsd.http.request.cors_headers': 'Content-Type,X-Grafana-Org-Id' });
    try {
      const res = await fetch(`${tsd.url}/api/aggregators`, { method: 'OPTIONS', headers: { Origin: 'https://anything.example' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-headers')).toBe('Content-Type,X-Grafana-Org-Id');
    } finally {
      await tsd.stop();
    }
  });

  test('off by default: OPTIONS is 405 (JSON on /api, the legacy 400 page elsewhere), Origin is ignored', async () => {
    const tsd = await startTestTsd();
    try {
      const api = await fetch(`${tsd.url}/api/version`, { method: 'OPTIONS', headers: { Origin: 'http://x.example' } });
      expect(api.status).toBe(405);
      const legacy = await fetch(`${tsd.url}/version`, { method: 'OPTIONS' });
      expect(legacy.status).toBe(400);
      expect(legacy.headers.get('content-type')).toBe('text/html; charset=UTF-8');
      const withOrigin = await fetch(`${tsd.url}/api/version`, { headers: { Origin: 'http://x.example' } });
      expect(withOrigin.status).toBe(200);
      expect(withOrigin.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await tsd.stop();
    }
  });

  test('bad settings fail at start with RpcHandler messages', () => {
    expect(() => corsPolicy('*,http://a.example', DEFAULT_HEADERS)).toThrow('you cannot mix both');
    expect(() => corsPolicy('', 'Content-Type, *')).toThrow('must be a list of validly-formed HTTP header names');
  });
});

describe('legacy routes and small endpoints', () => {
  let tsd: TestTsd;
  beforeAll(async () => {
    tsd = await startTestTsd({ 'tsd.storage.hbase.zk_quorum_password': 'secret' });
  });
  afterAll(() => tsd.stop());

  test('legacy errors: 400 page, {"err":...} with ?json, 404 page', async () => {
    const page = await fetch(`${tsd.url}/suggest?type=nope`);
    expect(page.status).toBe(400);
    expect(page.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    expect(await page.text()).toContain("Invalid 'type' parameter:nope");
    const json = await fetch(`${tsd.url}/suggest?type=nope&json`);
    expect([json.status, await json.json()]).toEqual([400, { err: "Invalid 'type' parameter:nope" }]);
    const missing = await fetch(`${tsd.url}/nothing?json`);
    expect([missing.status, await missing.json()]).toEqual([404, { err: 'Page Not Found' }]);
    const v0 = await fetch(`${tsd.url}/api/v0/suggest?type=nope&json`);
    expect([v0.status, await v0.json()]).toEqual([400, { err: "Invalid 'type' parameter:nope" }]);
  });

  test('legacy /version is two text lines, JSON when the URI ends with json', async () => {
    const text = await (await fetch(`${tsd.url}/version`)).text();
    expect(text).toMatch(/^net\.opentsdb\.tools 2\.4\.1 built at revision .*\nBuilt on .*\n$/);
    expect(((await (await fetch(`${tsd.url}/version?json`)).json()) as { version: string }).version).toBe('2.4.1');
  });

  test('/api/config: every key as a string, sorted, passwords masked; GET or POST only', async () => {
    const res = await fetch(`${tsd.url}/api/config`, { method: 'POST' });
    const config = (await res.json()) as Record<string, string>;
    expect(config['tsd.core.auto_create_metrics']).toBe('false');
    expect(config['tsd.storage.hbase.zk_quorum_password']).toBe('********');
    expect(Object.keys(config)).toEqual([...Object.keys(config)].sort());
    expect((await fetch(`${tsd.url}/api/config`, { method: 'DELETE' })).status).toBe(405);
  });

  test('/api/stats sub-paths and legacy /stats', async () => {
    const threads = (await (await fetch(`${tsd.url}/api/stats/threads`)).json()) as object[];
    expect(threads[0]).toMatchObject({ threadID: 1, name: 'main', state: 'RUNNABLE' });
    expect(await (await fetch(`${tsd.url}/api/stats/query`)).json()).toEqual({ running: [], completed: [] });
    expect(await (await fetch(`${tsd.url}/api/stats/region_clients`)).json()).toEqual([]);
    const jvm = (await (await fetch(`${tsd.url}/api/stats/jvm`)).json()) as Record<string, object>;
    expect(Object.keys(jvm)).toEqual(['runtime', 'memory']);
    const index = ((await (await fetch(`${tsd.url}/api/stats`)).json()) as { metric: string; value: string }[]).find((l) => l.metric === 'tsd.search.index.loaded');
    expect(index?.value).toBe('1');
    const lines = (await (await fetch(`${tsd.url}/stats?json`)).json()) as string[];
    expect(lines.some((l) => l.startsWith('tsd.search.index.series '))).toBe(true);
    const legacySub = await (await fetch(`${tsd.url}/stats/threads`)).text();
    expect(legacySub).toMatch(/^tsd\./);
  });
});
