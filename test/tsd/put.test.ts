/**
 * What real clients send, over real sockets, against a TSD on the embedded store: good points are
 * stored and readable, bad ones get OpenTSDB's words, and no connection or process dies.
 */
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { readMetric } from '../helpers/read-all';
import { startTestTsd, telnet, type TestTsd } from '../helpers/tsd-harness';

describe.each(['embedded', 'hbase'] as const)('put on the %s backend', (backend) => {
let tsd: TestTsd;
beforeAll(async () => {
  tsd = await startTestTsd({ 'tsd.core.auto_create_metrics': 'true' }, backend);
});
afterAll(() => tsd.stop());

async function points(metric: string): Promise<[number, number | bigint][]> {
  await tsd.tsdb.flush();
  const all = await readMetric(tsd.tsdb, metric);
  return [...all.values()].flatMap((m) => [...m.entries()]).sort((a, b) => a[0] - b[0]);
}

const post = (path: string, body: string | Buffer, headers: Record<string, string> = {}) =>
  fetch(`${tsd.url}${path}`, { method: 'POST', body, headers });

describe('telnet put', () => {
  test('tcollector: thousands of lines in one write, then a version check', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `put tc.load ${1356998400 + i} ${i % 100} host=web01 cpu=${i % 4}`).join('\n') + '\n';
    const { lines: reply } = await telnet(tsd.port, lines + 'version\n', 2);
    expect(reply[0]).toMatch(/^net\.opentsdb\.tools /);
    const got = await points('tc.load');
    expect(got).toHaveLength(5000);
    expect(got[4999]).toEqual([(1356998400 + 4999) * 1000, 99]);
  });

  test('collectd: CRLF endings, trailing spaces, %.15g values with exponents', async () => {
    const { lines } = await telnet(tsd.port, 'put cd.if.octets 1356998400 1e+20 fqdn=web01  \r\nput cd.if.octets 1356998410 0.5 fqdn=web01 \r\nversion\r\n', 2);
    expect(lines[0]).toMatch(/^net\.opentsdb\.tools/);
    expect(await points('cd.if.octets')).toEqual([
      [1356998400000, 1e20],
      [1356998410000, 0.5],
    ]);
  });

  test('malformed lines get exact errors and the good points beside them are kept', async () => {
    const input = [
      'put good.metric 1356998400 1 host=a',
      'put',
      'put good.metric 1356998401 2',
      'put good.metric notatime 42 host=web01',
      'put good.metric 0 1 host=a',
      'put good.metric 1356998402  host=a',
      'put good.metric 1356998402 1 host',
      'put good.metric 1356998402 1 host=a host=b',
      'put good.metric 1356998402 NaN host=a',
      'put good.metric 1356998402 1.5x host=a',
      'put good.metric 1356998402 1e999 host=a',
      'put bad name 1356998402 1 host=a',
      'put good.metric 1356998402 1 host=a  extra=1 ',
      'put good.metric 1356998402 1 ho@st=a',
      'put good.metric 1356998402 1 a=1 b=2 c=3 d=4 e=5 f=6 g=7 h=8 i=9',
      'put good.metric 1356998403 3 host=a',
      'put good.metric 99999999999999 3 host=a',
      'put good.metric 1356998404.250 4 host=a',
      'version',
    ].join('\n') + '\n';
    const { lines, closed } = await telnet(tsd.port, input, 16);
    expect(closed).toBe(false);
    expect(lines.slice(0, 13)).toEqual([
      'put: illegal argument: not enough arguments (need least 4, got 0)',
      'put: illegal argument: not enough arguments (need least 4, got 3)',
      "put: invalid value: Invalid character 'n' in notatime",
      'put: illegal argument: invalid timestamp: 0',
      'put: illegal argument: empty value',
      'put: illegal argument: invalid tag: host',
      'put: illegal argument: duplicate tag: host=b, tags={host=a}',
      "put: invalid value: Invalid character 'N' in NaN",
      'put: invalid value: For input string: "1.5x"',
      'put: illegal argument: value is NaN or Infinite: Infinity for metric=good.metric timestamp=1356998402',
      "put: invalid value: Invalid character 'n' in name",
      'put: illegal argument: Invalid tag name with value [a] ("ho@st"): illegal character: @',
      expect.stringMatching(/^put: illegal argument: Too many tags: 9 maximum allowed: 8, tags: \{/),
    ]);
    expect(lines[13]).toMatch(/^put: illegal argument: bad timestamp=99999999999999 when trying to add value=\[3\]\/0 to metric=good\.metric, tags=\{host=a\}$/);
    expect(lines[14]).toMatch(/^net\.opentsdb\.tools/);
    expect(await points('good.metric')).toEqual([
      [1356998400000, 1],
      [1356998402000, 1],
      [1356998403000, 3],
      [1356998404250, 4],
    ]);
  });

  test('unknown metrics are refused when auto_create_metrics is off', async () => {
    const strict = await startTestTsd({}, backend);
    try {
      const { lines } = await telnet(strict.port, 'put new.metric 1479496160 1.3e3 host=web01\n', 1);
      expect(lines).toEqual(["put: unknown metric: No such name for 'metrics': 'new.metric'"]);
    } finally {
      await strict.stop();
    }
  });

  test('Telegraf: a connection per flush, a metric without tags, and a connect-only health check', async () => {
    await new Promise<void>((resolve) => connect(tsd.port, '127.0.0.1', function (this: import('node:net').Socket) { this.end(); resolve(); }));
    const { lines } = await telnet(tsd.port, 'put tg.cpu_usage 1356998400 12.000000 cpu=cpu0 host=h1\nput tg.notags 1356998400 1 \n', 1);
    expect(lines).toEqual(['put: illegal argument: Need at least one tag (metric=tg.notags, tags={})']);
    expect(await points('tg.cpu_usage')).toEqual([[1356998400000, 12]]);
  });

  test('potsdb: one line per write on a long-lived connection, Python float reprs', async () => {
    const { connect: netConnect } = await import('node:net');
    const sock = netConnect(tsd.port, '127.0.0.1');
    await new Promise((r) => sock.once('connect', r));
    for (const [ts, v] of [[1356998400, '1e-05'], [1356998410, '0.1'], [1356998420, '42'], [1356998430, '-3.5']] as const) {
      sock.write(`put py.metric ${ts} ${v} host=web01\n`);
      await new Promise((r) => setTimeout(r, 5));
    }
    sock.end();
    await new Promise((r) => sock.once('close', r));
    expect(await points('py.metric')).toEqual([
      [1356998400000, 1e-5],
      [1356998410000, 0.1],
      [1356998420000, 42],
      [1356998430000, -3.5],
    ]);
  });

  test('answers stats, help, dropcaches and the disabled commands as OpenTSDB does', async () => {
    const { lines } = await telnet(tsd.port, 'help\ndropcaches\nrollup 1h-SUM m 1 2 a=b\nhistogram m 1 2 a=b\nstats\n', 5);
    expect(lines[0]).toBe('available commands: stats dropcaches version exit help put rollup histogram diediedie ');
    expect(lines[1]).toBe('Caches dropped.');
    expect(lines[2]).toBe('rollup: illegal argument: No rollup or aggregations were configured');
    expect(lines[3]).toBe("histogram: illegal argument: Histogram storage has not been enabled. Check the 'tsd.core.histograms.config' configuration.");
    expect(lines[4]).toMatch(/^tsd\.\S+ \d+ \d+ .*host=/);
  });
});

describe('POST /api/put', () => {
  test('scollector: gzipped array, exactly 204 with an empty body', async () => {
    const body = JSON.stringify([
      { metric: 'sc.cpu', timestamp: 1356998400, value: 1.5, tags: { host: 'a' } },
      { metric: 'sc.cpu', timestamp: 1356998410, value: 2, tags: { host: 'a' } },
    ]);
    const res = await post('/api/put', gzipSync(body), { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect(await points('sc.cpu')).toEqual([
      [1356998400000, 1.5],
      [1356998410000, 2],
    ]);
  });

  test('Telegraf: newline-joined objects, gzip, a body far above 8 KiB', async () => {
    const objs = Array.from({ length: 500 }, (_, i) => JSON.stringify({ metric: 'tg.http', timestamp: 1356998400 + i, value: i, tags: { host: 'h', n: String(i % 3) } }));
    const res = await post('/api/put', gzipSync(`[${objs.join(',\n')}]`), { 'Content-Type': 'applicaton/json', 'Content-Encoding': 'gzip' });
    expect(res.status).toBe(204);
    expect(await points('tg.http')).toHaveLength(500);
  });

  test('details list each bad point with OpenTSDB messages; good points beside them are stored', async () => {
    const body = JSON.stringify([
      { metric: 'd.m', timestamp: 1356998400, value: '1', tags: { host: 'a' } },
      { metric: 'd.m', timestamp: 1356998401, value: 'NaN', tags: { host: 'a' } },
      { metric: '', timestamp: 1356998401, value: '1', tags: { host: 'a' } },
      { metric: 'd.m', timestamp: 0, value: '1', tags: { host: 'a' } },
      { metric: 'd.m', timestamp: 1356998402, value: '', tags: { host: 'a' } },
      { metric: 'd.m', timestamp: 1356998402, value: '1', tags: {} },
      { metric: 'd m', timestamp: 1356998402, value: '1', tags: { host: 'a' } },
      null,
      { metric: 'd.m', timestamp: 1356998403, value: 3, tags: { host: 'a' } },
    ]);
    const res = await post('/api/put?details', body);
    expect(res.status).toBe(400);
    const json = (await res.json()) as { errors: { error: string; datapoint: unknown }[]; failed: number; success: number };
    expect(json.success).toBe(2);
    expect(json.failed).toBe(7);
    expect(json.errors.map((e) => e.error)).toEqual([
      'Unable to parse value to a number',
      'Metric name was empty',
      'Invalid timestamp',
      'Empty value',
      'Missing tags',
      'Invalid metric name ("d m"): illegal character:  ',
      'Unexpected null datapoint encountered in set.',
    ]);
    expect(json.errors[0].datapoint).toEqual({ metric: 'd.m', timestamp: 1356998401, value: 'NaN', tags: { host: 'a' } });
    expect(await points('d.m')).toEqual([
      [1356998400000, 1],
      [1356998403000, 3],
    ]);
  });

  test('summary counts, plain errors, and body-level errors', async () => {
    const ok = await post('/api/put?summary', JSON.stringify({ metric: 's.m', timestamp: 1356998400, value: 1, tags: { h: 'a' } }));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ failed: 0, success: 1 });
    const bad = await post('/api/put', JSON.stringify([{ metric: 's.m', timestamp: 1356998400, value: 'x', tags: { h: 'a' } }]));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string; details: string } }).error).toMatchObject({
      message: 'One or more data points had errors',
      details: 'Please see the TSD logs or append "details" to the put request',
    });
    const cases: [string, number, string][] = [
      ['', 400, 'Missing request content'],
      ['hello', 400, 'The JSON must start as an object or an array'],
      ['[{"metric": ', 400, 'Unable to parse the given JSON'],
      ['[]', 400, 'No datapoints found in content'],
    ];
    for (const [body, status, message] of cases) {
      const r = await post('/api/put', body);
      expect({ body, status: r.status, message: ((await r.json()) as { error: { message: string } }).error.message }).toEqual({ body, status, message });
    }
    expect((await fetch(`${tsd.url}/api/put`)).status).toBe(405);
  });

  test('values keep their text: 1.3E3 is a float, unquoted NaN is refused, numbers as tag values are strings', async () => {
    const res = await post('/api/put?details', '[{"metric":"v.m","timestamp":1356998400,"value":1.3E3,"tags":{"host":42}},{"metric":"v.m","timestamp":1356998401,"value":NaN,"tags":{"host":42}}]');
    const json = (await res.json()) as { errors: { error: string }[] };
    expect(json.errors.map((e) => e.error)).toEqual(['Unable to parse value to a number']);
    expect(await points('v.m')).toEqual([[1356998400000, 1300]]);
    // Stored as an 8-byte double (flags 0xF), as OpenTSDB's HTTP path stores every non-integer.
    await tsd.tsdb.compactor.runOnce(true);
    const metricUid = await tsd.tsdb.uids.metrics.getId('v.m');
    const cells = [];
    for await (const rows of tsd.tsdb.store.scan(tsd.tsdb.tables.data, { start: metricUid })) {
      for (const r of rows) if (tsd.tsdb.codec.metric(r.key).equals(metricUid)) cells.push(...r.cells);
    }
    expect(cells.map((c) => `${c.qualifier.toString('hex')}=${c.value.toString('hex')}`)).toEqual(['000f=4094500000000000']);
  });

  test('an element Jackson cannot map fails alone: its neighbours are stored (OpenTSDB drops the body)', async () => {
    const good = { metric: 'um.m', timestamp: 1356998400, value: 5, tags: { h: 'a' } };
    const res = await post('/api/put?details', JSON.stringify([good, { ...good, tags: ['h', 'a'] }, 7]));
    expect(res.status).toBe(400);
    const json = (await res.json()) as { success: number; failed: number; errors: { datapoint: unknown; error: string }[] };
    expect([json.success, json.failed]).toEqual([1, 2]);
    expect(json.errors[0]).toEqual({ datapoint: expect.objectContaining({ metric: 'um.m', tags: ['h', 'a'] }), error: expect.stringMatching(/^Unable to parse the given JSON: .*java\.util\.HashMap/) });
    expect(json.errors[1].error).toMatch(/^Unable to parse the given JSON: .*IncomingDataPoint/);
    expect(await points('um.m')).toEqual([[1356998400000, 5]]);
    // With no mappable element at all, the whole body fails as in OpenTSDB.
    const none = await post('/api/put', JSON.stringify([7, { ...good, metric: {} }]));
    expect([none.status, ((await none.json()) as { error: { message: string } }).error.message]).toEqual([400, 'Unable to parse the given JSON']);
  });

  test('sync waits until the points are durable', async () => {
    const res = await post('/api/put?sync&summary', JSON.stringify({ metric: 'sync.m', timestamp: 1356998400, value: 1, tags: { h: 'a' } }));
    expect(await res.json()).toEqual({ failed: 0, success: 1 });
    expect(await points('sync.m')).toEqual([[1356998400000, 1]]);
  });

  test('a body above tsd.http.request.max_body_size gets 413, and the daemon keeps serving', async () => {
    const small = await startTestTsd({ 'tsd.http.request.max_body_size': '1000', 'tsd.core.auto_create_metrics': 'true' }, backend);
    try {
      const r = await fetch(`${small.url}/api/put`, { method: 'POST', body: 'x'.repeat(5000) });
      expect(r.status).toBe(413);
      const bomb = gzipSync(Buffer.alloc(1_000_000, 32));
      const r2 = await fetch(`${small.url}/api/put`, { method: 'POST', body: bomb, headers: { 'Content-Encoding': 'gzip' } });
      expect(r2.status).toBe(413);
      expect((await fetch(`${small.url}/api/version`)).status).toBe(200);
    } finally {
      await small.stop();
    }
  });
});
});
