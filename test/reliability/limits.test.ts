/**
 * Every limit of the TSD, reached on purpose (issue 11, part 4): each gives a clear error, in
 * OpenTSDB's form where OpenTSDB has one, and the TSD goes on serving.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Config } from '../../src/config/config';
import { memoryLogger } from '../../src/logging/logger';
import { startDaemon } from '../../src/tsd/daemon';
import { openFaultTsdb } from '../../scripts/reliability/fault-tsdb';
import { startTestTsd, telnet, type TestTsd } from '../helpers/tsd-harness';
import { sleep, statValue } from './tsd-client';

const BASE = 1356998400;
const post = (url: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(url, { method: 'POST', body, headers });
const errorOf = async (res: Response): Promise<{ code: number; message: string; details?: string }> =>
  ((await res.json()) as { error: { code: number; message: string; details?: string } }).error;

async function withTsd(overrides: Record<string, string>, run: (tsd: TestTsd) => Promise<void>): Promise<void> {
  const tsd = await startTestTsd({ 'tsd.core.auto_create_metrics': 'true', ...overrides });
  try {
    await run(tsd);
  } finally {
    await tsd.stop();
  }
}

/** Opens a telnet connection and waits until the TSD answered `version` on it. */
async function openTelnet(port: number): Promise<Socket> {
  const s = connect(port, '127.0.0.1');
  s.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    let text = '';
    s.on('data', (d: Buffer) => {
      text += d.toString();
      if (text.includes('Built on')) resolve();
    });
    s.once('close', () => reject(new Error('closed')));
    s.write('version\n');
  });
  return s;
}

/** Resolves with what a connection received before the TSD closed it, or null if it stayed open. */
function closedWithin(port: number, ms: number): Promise<string | null> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    let text = '';
    const timer = setTimeout(() => {
      s.destroy();
      resolve(null);
    }, ms);
    s.on('data', (d: Buffer) => (text += d.toString()));
    s.on('error', () => undefined);
    s.on('close', () => {
      clearTimeout(timer);
      resolve(text);
    });
    s.on('connect', () => s.write('version\n'));
  });
}

test('tsd.core.connections.limit: the connection over the limit is closed at once, and logged; the others go on', () =>
  withTsd({ 'tsd.core.connections.limit': '3' }, async (tsd) => {
    const open = await Promise.all([1, 2, 3].map(() => openTelnet(tsd.port)));
    expect(await closedWithin(tsd.port, 2000)).toBe('');
    // (Over HTTP the stats would need a fourth connection.)
    expect(tsd.daemon.server.stats.rejected).toBe(1);
    expect(tsd.logLines.join('')).toMatch(/Refusing connections: channel size exceeds total connection limit \(3\)" refused=1/);
    open[0].destroy();
    await sleep(200);
    const again = await openTelnet(tsd.port);
    for (const s of [...open, again]) s.destroy();
  }));

test('tsd.network.telnet.max_line_length: a longer line gets an error line and the connection closes', () =>
  withTsd({ 'tsd.network.telnet.max_line_length': '2048' }, async (tsd) => {
    const fits = `put lim.line ${BASE} 1 ${Array.from({ length: 150 }, (_, i) => `k${i}=v`).join(' ').slice(0, 1900)}`;
    expect((await telnet(tsd.port, `${fits}\nversion\n`, 1)).lines[0]).toMatch(/^put: illegal argument: Too many tags/);
    // As OpenTSDB's LineBasedFrameDecoder, the limit is on bytes buffered without a newline: a longer line
    // whose newline arrives in the same read is taken; one still unfinished past the limit closes.
    const whole = await telnet(tsd.port, `put lim.line ${BASE} 1 a=b ${'c'.repeat(2100)}=d\nversion\n`, 2);
    expect(whole.lines[0]).toMatch(/^net\.opentsdb\.tools /);
    expect(whole.closed).toBe(false);
    const { lines, closed } = await telnet(tsd.port, `put lim.line ${BASE} 1 a=${'b'.repeat(2100)}`);
    expect(lines).toEqual(['error: Line too long: more than 2048 bytes without a newline; closing the connection']);
    expect(closed).toBe(true);
  }));

test('tsd.http.request.max_body_size: 413 for a large body and for a small gzip that inflates past the limit', () =>
  withTsd({ 'tsd.http.request.max_body_size': '1000' }, async (tsd) => {
    const point = (n: number): string => JSON.stringify({ metric: 'lim.body', timestamp: BASE, value: 1, tags: { a: 'b'.repeat(n) } });
    expect((await post(`${tsd.url}/api/put`, point(800))).status).toBe(204);
    for (const [body, headers] of [
      [point(1000), {}],
      [gzipSync(point(100_000)), { 'Content-Encoding': 'gzip' }],
    ] as const) {
      const res = await post(`${tsd.url}/api/put`, body, headers);
      expect(res.status).toBe(413);
      expect(await errorOf(res)).toMatchObject({ code: 413, message: 'Request body too large', details: expect.stringContaining('1000 bytes') });
    }
  }));

test('tsd.storage.max_tags: a point with more tags is refused with OpenTSDB words on both faces', () =>
  withTsd({ 'tsd.storage.max_tags': '3' }, async (tsd) => {
    const { lines } = await telnet(tsd.port, `put lim.tags ${BASE} 1 a=1 b=2 c=3 d=4\nput lim.tags ${BASE} 1 a=1 b=2 c=3\nversion\n`, 1);
    expect(lines[0]).toBe('put: illegal argument: Too many tags: 4 maximum allowed: 3, tags: {a=1, b=2, c=3, d=4}');
    const res = await post(`${tsd.url}/api/put?details`, JSON.stringify({ metric: 'lim.tags', timestamp: BASE, value: 1, tags: { a: '1', b: '2', c: '3', d: '4' } }));
    expect(((await res.json()) as { errors: { error: string }[] }).errors[0].error).toMatch(/^Too many tags: 4 maximum allowed: 3/);
  }));

test('tsd.query.limits.max_points and max_series: 413 saying which limit and how to narrow', () =>
  withTsd({ 'tsd.query.limits.max_points': '50', 'tsd.query.limits.max_series': '3' }, async (tsd) => {
    const lines = Array.from({ length: 100 }, (_, i) => `put lim.q ${BASE + i} ${i} host=h${i % 4}\n`).join('');
    await telnet(tsd.port, `${lines}version\n`, 2);
    await tsd.tsdb.flush();
    const q = (m: string): Promise<Response> => fetch(`${tsd.url}/api/query?start=${BASE}&end=${BASE + 200}&m=${m}`);
    const points = await q('sum:lim.q%7Bhost=h1%7D');
    expect(points.status).toBe(200);
    const tooMany = await q('sum:lim.q');
    expect(tooMany.status).toBe(413);
    expect((await errorOf(tooMany)).message).toMatch(/^Query exceeded the limit of (50 data points|3 series)$/);
  }));

test('tsd.query.timeout: a query slower than the limit ends with 408 and the TSD answers the next one', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsd-ts-limits-'));
  const config = new Config({ 'tsd.network.port': '0', 'tsd.network.bind': '127.0.0.1', 'tsd.storage.embedded.path': dir, 'tsd.core.auto_create_metrics': 'true', 'tsd.query.timeout': '300' });
  // Every scan batch of this store takes 200 ms: a query over 5 batches cannot end in 300 ms.
  const tsdb = await openFaultTsdb(config, memoryLogger().logger, { delayMs: 200 });
  const daemon = await startDaemon(tsdb);
  const url = `http://127.0.0.1:${daemon.address.port}`;
  try {
    const points = Array.from({ length: 640 }, (_, i) => ({ metric: 'lim.slow', timestamp: BASE + i * 3600, value: i, tags: { h: 'a' } }));
    expect((await post(`${url}/api/put?sync`, JSON.stringify(points))).status).toBe(204);
    await tsdb.compactor.runOnce(true);
    const res = await fetch(`${url}/api/query?start=${BASE}&end=${BASE + 640 * 3600}&m=sum:lim.slow`);
    expect(res.status).toBe(408);
    expect(await errorOf(res)).toMatchObject({ code: 408, message: 'Query timed out', details: expect.stringContaining('300 ms') });
    expect((await fetch(`${url}/api/version`)).status).toBe(200);
  } finally {
    await daemon.close();
    await tsdb.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('UIDs per kind: the UID after the last one is refused ("All Unique IDs … assigned!"), never wrapped', () =>
  withTsd({ 'tsd.storage.uid.width.metric': '1' }, async (tsd) => {
    const lines = Array.from({ length: 257 }, (_, i) => `put lim.uid${i} ${BASE} 1 a=b\n`).join('');
    // New names resolve asynchronously: the errors may come after the answer to `version`.
    const { lines: replies } = await telnet(tsd.port, `${lines}version\n`, 4, 30_000);
    expect(replies.filter((l) => l.startsWith('put:'))).toEqual([
      'put: illegal argument: All Unique IDs for metrics on 1 bytes are already assigned!',
      'put: illegal argument: All Unique IDs for metrics on 1 bytes are already assigned!',
    ]);
    await tsd.tsdb.flush();
    const ids = new Set<number>();
    for (let i = 0; i < 257; i++) {
      const id = await tsd.tsdb.uids.metrics.getId(`lim.uid${i}`).catch(() => undefined);
      if (id) ids.add(id[0]);
    }
    expect(ids.size).toBe(255);
    expect(ids.has(0)).toBe(false);
    const res = await post(`${tsd.url}/api/put?details`, JSON.stringify({ metric: 'lim.uid.more', timestamp: BASE, value: 1, tags: { a: 'b' } }));
    expect(((await res.json()) as { errors: { error: string }[] }).errors[0].error).toBe('All Unique IDs for metrics on 1 bytes are already assigned!');
  }));
