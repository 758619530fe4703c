/**
 * Malformed writes: the same telnet lines and /api/put bodies sent to tsd-ts and to OpenTSDB 2.4.1
 * on the same tables get the same replies (telnet lines; HTTP status, content type and body).
 */
import { oracleOn, oursOn, plainPair } from './compat-env';
import type { Oracle } from './oracle';
import { diffReplies, sendBoth, type HttpCall } from './reply-diff';
import { getTableSet } from './table-set';
import { rawExchange, telnetReplies } from './telnet-replies';
import type { TestTsd } from '../helpers/tsd-harness';

const T = 1356998400;
const tags9 = 'a=1 b=2 c=3 d=4 e=5 f=6 g=7 h=8 i=9';

/** Telnet lines: every rule of PutDataPointRpc.importDataPoint, and what surrounds put. */
const TELNET_LINES: readonly (string | Buffer)[] = [
  'put', 'put ', 'put pe.m', `put pe.m ${T}`, `put pe.m ${T} 1`, `put pe.m ${T} 1 `,
  `put  ${T} 1 host=a`, 'put pe.m notatime 42 host=web01', `put pe.m +${T} 1 host=a`, 'put pe.m - 1 host=a',
  'put pe.m + 1 host=a', 'put pe.m 12345678901234567890 1 host=a', 'put pe.m 99999999999999999999 1 host=a',
  'put pe.m 0 1 host=a', 'put pe.m -5 1 host=a', 'put pe.m 99999999999999 1 host=a', 'put pe.m 4294967296 1 host=a',
  `put pe.m ${T}.250 1 host=a`, `put pe.m ${T}.2.5 1 host=a`, `put pe.m ${T}000 1 host=a`,
  `put pe.m ${T}  host=a`, `put pe.m ${T} 1 host`, `put pe.m ${T} 1 host=`, `put pe.m ${T} 1 =a`,
  `put pe.m ${T} 1 host=a=b`, `put pe.m ${T} 1 host=a host=b`, `put pe.m ${T} 1 host=a host=a`,
  `put pe.m ${T} NaN host=a`, `put pe.m ${T} nan host=a`, `put pe.m ${T} 1.5x host=a`, `put pe.m ${T} 1.2.3 host=a`,
  `put pe.m ${T} 1e999 host=a`, `put pe.m ${T} -1e999 host=a`, `put pe.m ${T} 0x10 host=a`, `put pe.m ${T} 1,000 host=a`,
  `put pe.m ${T} 99999999999999999999 host=a`, `put pe.m ${T} 9223372036854775807 host=a`,
  `put pe.m ${T} -9223372036854775808 host=a`, `put pe.m ${T} 9223372036854775808 host=a`,
  `put pe.m ${T} 1e5 host=a`, `put pe.m ${T} 1E5 host=a`, `put pe.m ${T} .5 host=a`, `put pe.m ${T} 5. host=a`,
  `put pe.m ${T} - host=a`, `put pe.m ${T} +1 host=a`, `put pe.m ${T} 1e host=a`, `put pe.m ${T} Infinity host=a`,
  `put pe.m ${T} 1 ${tags9}`, `put pe.m ${T} 1 a=1 b=2 c=3 d=4 e=5 f=6 g=7 h=8`,
  `put pe@m ${T} 1 host=a`, `put pe.m ${T} 1 ho@st=a`, `put pe.m ${T} 1 host=a@`, `put pe.m ${T} 1 host=a,b`,
  `put pe.m ${T} 1 host=a:b`, `put pe m ${T} 1 host=a`, `put pe.m ${T} 1 host=a  extra=1 `,
  Buffer.from(`put pe.métrique ${T} 1 host=a`, 'utf8'), Buffer.from(`put pe.m ${T} 1 host=é`, 'latin1'),
  `put pe.m\t${T}\t1\thost=a`, `put pe.m ${T} 1 host=a\r`, '', ' ', 'foo', 'PUT pe.m 1 2 a=b',
  `rollup 1h-SUM pe.m ${T} 1 host=a`, 'rollup', `histogram pe.m ${T} 1 host=a`, 'histogram', 'help', 'dropcaches',
];

/** /api/put bodies: PutDataPointRpc's parsing and per-point checks, with each reporting flag. */
const point = (o: Record<string, unknown>): Record<string, unknown> =>
  ({ metric: 'pe.http', timestamp: T, value: 1, tags: { host: 'a' }, ...o });
const BODIES: readonly (string | unknown)[] = [
  '', '   ', 'not json', '{', '[', '[]', '{}', '[null]', '[{}]', 'null', '42', '"text"', '[1,2]',
  point({}), [point({}), point({ value: 2, timestamp: T + 1 })], point({ extra: 'ignored' }),
  point({ metric: '' }), point({ metric: null }), point({ metric: 'pe@http' }), point({ metric: 42 }),
  point({ timestamp: 0 }), point({ timestamp: -1 }), point({ timestamp: 'abc' }), point({ timestamp: '1356998400' }),
  point({ timestamp: 1356998400.7 }), point({ timestamp: 99999999999999 }), point({ timestamp: null }),
  point({ timestamp: 1356998400123 }), point({ timestamp: true }),
  point({ value: 'NaN' }), point({ value: '' }), point({ value: null }), point({ value: true }), point({ value: '1.5x' }),
  point({ value: '1e999' }), point({ value: {} }), point({ value: [1] }), point({ value: '1.3E3' }), point({ value: 1.5 }),
  point({ value: 1e300 }), point({ value: -0.0 }), point({ value: '0x10' }), point({ value: 9007199254740993 }),
  point({ tags: {} }), point({ tags: null }), point({ tags: { host: '' } }), point({ tags: { '': 'a' } }),
  point({ tags: { host: 1 } }), point({ tags: { host: 'a@' } }), point({ tags: 'host=a' }), point({ tags: ['a'] }),
  point({ tags: Object.fromEntries(tags9.split(' ').map((kv) => kv.split('='))) }),
  [point({}), null, point({ value: 'x' }), point({ tags: {} })],
  '[{"metric":"pe.http","timestamp":1356998400,"value":1,"tags":{"host":"a"}},]',
  '{"metric":"pe.http","timestamp":1356998400,"value":1,"tags":{"host":"a"}} trailing',
  '  \n[{"metric":"pe.http","timestamp":1356998400,"value":1,"tags":{"host":"a"}}]  ',
];
const FLAGS = ['', '?details', '?summary', '?details&summary', '?sync', '?sync&details'];

/**
 * Deliberate deviations (docs/compatibility.md), asserted exactly so that any change shows: client
 * mistakes that OpenTSDB lets escape as a 500 are a 400 with the same words where it has any.
 */
const CLIENT_ERROR_NOT_500 = ['status: tsd-ts 400 | OpenTSDB 500', '$.error.code: tsd-ts 400 | OpenTSDB 500'];
const BODY_DEVIATIONS: ReadonlyMap<string, readonly string[]> = new Map([
  // 2.4 trims the body, then reads its first character: String index out of range.
  ['   ', [...CLIENT_ERROR_NOT_500,
    '$.error.message: tsd-ts "The JSON must start as an object or an array" | OpenTSDB "String index out of range: 0"']],
]);

const bodyText = (b: string | unknown): string => (typeof b === 'string' ? b : JSON.stringify(b));

const pair = plainPair();

describe('telnet put: the same line gets the same reply', () => {
  test.each(TELNET_LINES.map((l) => [JSON.stringify(l.toString()), l] as const))('%s', async (_name, line) => {
    const [mine, theirs] = await Promise.all([telnetReplies(pair.ours.port, [line]), telnetReplies(pair.oracle.port, [line])]);
    expect(mine).toEqual(theirs);
  });
});

describe('POST /api/put: the same body gets the same reply', () => {
  const cases = BODIES.flatMap((b) => FLAGS.map((f) => [`${f || '(no flags)'} ${bodyText(b).slice(0, 100)}`, f, bodyText(b)] as const));
  test.each(cases)('%s', async (_name, flags, body) => {
    const call: HttpCall = { method: 'POST', path: `/api/put${flags}`, body };
    const { ours: mine, theirs } = await sendBoth(pair.ours.url, pair.oracle.url, call);
    expect(diffReplies(mine, theirs)).toEqual(BODY_DEVIATIONS.get(body) ?? []);
  });
});

describe('/api/put with other methods and content types', () => {
  const calls: HttpCall[] = [
    { method: 'GET', path: '/api/put' },
    { method: 'PUT', path: '/api/put', body: bodyText(point({})) },
    { method: 'DELETE', path: '/api/put' },
    { method: 'POST', path: '/api/put?details', body: bodyText(point({})), headers: { 'content-type': 'text/plain' } },
    { method: 'POST', path: '/api/put?details', body: bodyText(point({})), headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    { method: 'POST', path: '/api/put?serializer=json&details', body: bodyText(point({})) },
    { method: 'POST', path: '/api/put?serializer=xml', body: bodyText(point({})) },
    { method: 'POST', path: '/api/put?details&jsonp=cb', body: bodyText(point({ value: 'x' })) },
    { method: 'POST', path: '/api/v1/put?details', body: bodyText(point({})) },
    { method: 'POST', path: '/api/v2/put', body: bodyText(point({})) },
    { method: 'POST', path: '/api/put?details&details', body: bodyText(point({})) },
    { method: 'POST', path: '/api/put?jsonp=a&jsonp=b&details', body: bodyText(point({})) },
  ];
  test.each(calls.map((c) => [`${c.method} ${c.path} ${c.headers?.['content-type'] ?? ''}`, c] as const))('%s', async (_name, call) => {
    const { ours: mine, theirs } = await sendBoth(pair.ours.url, pair.oracle.url, call);
    expect(diffReplies(mine, theirs)).toEqual([]);
  });

  test.each(['abc', '', '99999999999'])('sync_timeout=%s: a 400 where OpenTSDB answers 500, same words', async (v) => {
    const call: HttpCall = { method: 'POST', path: `/api/put?sync&sync_timeout=${v}`, body: bodyText(point({})) };
    const { ours: mine, theirs } = await sendBoth(pair.ours.url, pair.oracle.url, call);
    expect(diffReplies(mine, theirs)).toEqual(CLIENT_ERROR_NOT_500);
  });
});

describe('the first bytes of a connection', () => {
  const first = async (input: string): Promise<[{ text: string; closed: boolean }, { text: string; closed: boolean }]> =>
    Promise.all([rawExchange(pair.ours.port, Buffer.from(input)), rawExchange(pair.oracle.port, Buffer.from(input))]);

  test('a lower-case word is telnet: the same reply, the connection stays open', async () => {
    const [mine, theirs] = await first('version2\n');
    expect(mine).toEqual(theirs);
    expect(mine.closed).toBe(false);
  });

  test('a line over 1024 bytes that arrives with its newline is taken, by both', async () => {
    const line = `put pe.long ${T} 1 host=${'a'.repeat(1100)}`;
    const [mine, theirs] = await Promise.all([telnetReplies(pair.ours.port, [line, 'put pe.long']), telnetReplies(pair.oracle.port, [line, 'put pe.long'])]);
    expect(mine).toEqual(theirs);
    expect(mine[0]).toEqual([]);
  });

  test('over 1024 bytes buffered without a newline: both close, ours says why first (deviation)', async () => {
    const [mine, theirs] = await first(`put pe.m ${T} 1 host=${'a'.repeat(1100)}`);
    expect(theirs).toEqual({ text: '', closed: true });
    expect(mine).toEqual({ text: 'error: Line too long: more than 1024 bytes without a newline; closing the connection\n', closed: true });
  });

  test('an upper-case put is HTTP and a malformed request: both close, ours says 400 first (deviation)', async () => {
    const [mine, theirs] = await first('PUT pe.m 1 2 a=b\n\n');
    expect(theirs).toEqual({ text: '', closed: true });
    expect(mine).toEqual({ text: 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n', closed: true });
  });
});

describe('with tsd.core.auto_create_metrics=false on both', () => {
  let strictOurs: TestTsd;
  let strictTheirs: Oracle;
  const OFF = { 'tsd.core.auto_create_metrics': 'false' };

  beforeAll(async () => {
    const set = await getTableSet('plain');
    strictTheirs = await oracleOn(set, { compaction: true, variant: 'strict', extraConfig: OFF });
    strictOurs = await oursOn(set, OFF);
    // A metric both know, written through the lenient pair.
    expect(await telnetReplies(pair.ours.port, [`put pe.known ${T} 1 host=a`])).toEqual([[]]);
    await pair.ours.tsdb.flush();
  }, 180_000);
  afterAll(() => strictOurs?.stop());

  test.each([
    `put pe.strict.new ${T} 1 host=a`, `put pe.known ${T} 2 host=brand_new_value`, `put pe.known ${T} 3 brand_new_key=a`,
    `put pe.strict.new ${T} 1 host@=a`, `put pe.strict.new ${T} NaN host=a`,
  ])('telnet %s', async (line) => {
    // Name lookups answer asynchronously, after a marker command would: wait for quiet instead.
    const bytes = Buffer.from(`${line}\n`);
    const [mine, theirs] = await Promise.all([rawExchange(strictOurs.port, bytes, 800), rawExchange(strictTheirs.port, bytes, 800)]);
    expect(mine).toEqual(theirs);
  });

  test.each(FLAGS)('/api/put%s with a new metric among known ones', async (flags) => {
    const body = bodyText([point({ metric: 'pe.known' }), point({ metric: 'pe.strict.http' }), point({ metric: 'pe.known', tags: { host: 'b2' } })]);
    const { ours: mine, theirs } = await sendBoth(strictOurs.url, strictTheirs.url, { method: 'POST', path: `/api/put${flags}`, body });
    expect(diffReplies(mine, theirs)).toEqual([]);
  });
});
