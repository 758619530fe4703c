/**
 * The fuzz run (issue 11, part 3): a TSD process on the embedded store receives generated and
 * mutated telnet lines and /api/put, /api/query and /api/search/lookup requests from several
 * connections at once, beside 10 MB lines, byte-tricklers and connections that stall forever. It must
 * never crash or hang, keep its memory bounded, keep every good point sent beside a bad one, and
 * answer every error in OpenTSDB's format.
 */
import { connect, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTsdProcess, type TsdProcess } from '../../helpers/tsd-process';
import { maxOf, Random } from '../random';
import { queryByTag, sleep, statValue } from '../tsd-client';
import { BASE, lookupCase, putCase, queryCase, type GoodPoint, type HttpCase } from './cases';
import { RAW_REQUESTS, rawRequest, sendCase, trickleHttp } from './http-fuzz';
import { longLineScript, runTelnet, telnetScript, trickleTelnet } from './telnet-fuzz';

export interface FuzzOptions {
  readonly seed: number;
  /** Telnet connections, run `telnetLanes` at a time, each of `linesPerConnection` lines. */
  readonly telnetConnections: number;
  readonly telnetLanes: number;
  readonly linesPerConnection: number;
  /** HTTP requests in all (45% put, 35% query, 20% lookup), sent by `httpWorkers` at a time. */
  readonly httpRequests: number;
  readonly httpWorkers: number;
  /** Connections ending in a 10 MB line or a line of thousands of tags. */
  readonly longLines: number;
  /** Senders trickling one byte at a time (telnet and HTTP). */
  readonly slowSenders: number;
  /** Connections that send half a line or half a header and then nothing. */
  readonly stalled: number;
  readonly timeoutMs: number;
  /** The TSD's V8 heap limit: a leak makes it die of an out-of-memory error, which the run reports. */
  readonly heapLimitMb: number;
  readonly log?: (line: string) => void;
}

export interface FuzzFigures {
  cases: number;
  telnetLines: number;
  telnetReplies: number;
  httpRequests: number;
  rawRequests: number;
  statuses: Record<string, number>;
  problems: string[];
  problemCount: number;
  hangs: number;
  goodPoints: number;
  goodMissing: number;
  goodExtra: number;
  slowSent: number;
  slowOk: number;
  baselineRssBytes: number;
  peakRssBytes: number;
  durationMs: number;
  aliveAtEnd: boolean;
  /** Series the TSD holds at the end (every valid hostile line may name a new one). */
  seriesAtEnd: number;
}

export async function runFuzz(o: FuzzOptions): Promise<FuzzFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'tsd-ts-fuzz-'));
  const config = { 'tsd.storage.embedded.path': dir, 'tsd.core.auto_create_metrics': 'true', 'tsd.no_diediedie': 'true' };
  const f: FuzzFigures = {
    cases: 0, telnetLines: 0, telnetReplies: 0, httpRequests: 0, rawRequests: 0, statuses: {}, problems: [], problemCount: 0, hangs: 0,
    goodPoints: 0, goodMissing: 0, goodExtra: 0, slowSent: 0, slowOk: 0, baselineRssBytes: 0, peakRssBytes: 0, durationMs: 0, aliveAtEnd: false, seriesAtEnd: 0,
  };
  const problem = (p: string): void => {
    f.problemCount++;
    if (f.problems.length < 30) f.problems.push(p);
  };
  const goodT: GoodPoint[] = [];
  const goodH: GoodPoint[] = [];
  const started = Date.now();
  const tsd: TsdProcess = await startTsdProcess({ config, nodeOptions: [`--max-old-space-size=${o.heapLimitMb}`] });
  f.baselineRssBytes = tsd.rssBytes();
  const sampler = setInterval(() => (f.peakRssBytes = Math.max(f.peakRssBytes, tsd.rssBytes())), 50);
  const stalled = openStalled(tsd.port, o.stalled);
  try {
    const progress = setInterval(() => o.log?.(`${f.cases} cases, ${f.problemCount} problems, rss ${(f.peakRssBytes / 2 ** 20).toFixed(0)} MiB`), 5000);
    await Promise.all([
      telnetLanes(tsd.port, o, f, goodT, problem),
      httpWorkers(tsd.url, o, f, goodH, problem),
      slowSenders(tsd, o, f, goodT, goodH, problem),
      longLines(tsd.port, o, f, goodT, problem),
      rawRequests(tsd.port, o, f, problem),
      bigBodies(tsd.url, o, f, goodH, problem),
    ]).finally(() => clearInterval(progress));
    f.aliveAtEnd = await alive(tsd.url);
    if (!f.aliveAtEnd) {
      // Say why before anything else fails on the dead TSD.
      const exit = await Promise.race([tsd.exited, sleep(1000).then(() => null)]);
      throw new Error(`The TSD died during the fuzz (exit ${JSON.stringify(exit)}); its log ends:\n${tsd.log().slice(-4000)}`);
    }
    // One synchronous put: it returns once every point before it is durable and visible.
    await fetch(`${tsd.url}/api/put?sync`, { method: 'POST', body: JSON.stringify({ metric: 'fz.sync', timestamp: BASE, value: 1, tags: { a: 'b' } }) });
    f.goodPoints = goodT.length + goodH.length;
    f.seriesAtEnd = await statValue(tsd.url, 'tsd.search.index.series');
    await compare(tsd.url, 'fz.good.t', 'c', goodT, f, problem);
    await compare(tsd.url, 'fz.good.h', 'w', goodH, f, problem);
    f.durationMs = Date.now() - started;
    return f;
  } finally {
    clearInterval(sampler);
    for (const s of stalled) s.destroy();
    await tsd.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

type Problem = (p: string) => void;

async function telnetLanes(port: number, o: FuzzOptions, f: FuzzFigures, good: GoodPoint[], problem: Problem): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: o.telnetLanes }, async () => {
      while (next < o.telnetConnections) {
        const conn = next++;
        const rng = new Random(o.seed * 7919 + conn);
        const out = await runTelnet(port, telnetScript(rng, `t${conn}`, o.linesPerConnection, good), o.timeoutMs);
        f.cases += o.linesPerConnection;
        f.telnetLines += o.linesPerConnection;
        f.telnetReplies += out.replies;
        out.badReplies.forEach((r) => problem(`telnet reply not in OpenTSDB's format: ${JSON.stringify(r.slice(0, 200))}`));
        if (!out.synced) problem(`telnet connection t${conn} ${out.closed ? 'was closed' : 'hung'} before answering version`);
        if (!out.synced && !out.closed) f.hangs++;
      }
    }),
  );
}

async function httpWorkers(url: string, o: FuzzOptions, f: FuzzFigures, good: GoodPoint[], problem: Problem): Promise<void> {
  let sent = 0;
  await Promise.all(
    Array.from({ length: o.httpWorkers }, async (_, w) => {
      const rng = new Random(o.seed * 104_729 + w);
      let ts = BASE;
      const nextTs = (): number => ts++;
      while (sent < o.httpRequests) {
        sent++;
        const roll = rng.next();
        const c: HttpCase = roll < 0.45 ? putCase(rng, w, nextTs) : roll < 0.8 ? queryCase(rng) : lookupCase(rng);
        good.push(...c.good);
        const out = await sendCase(url, c, o.timeoutMs);
        f.cases++;
        f.httpRequests++;
        f.statuses[out.status] = (f.statuses[out.status] ?? 0) + 1;
        if (out.hung) f.hangs++;
        if (out.problem) problem(`${c.method} ${c.path.slice(0, 120)}: ${out.problem}`);
      }
    }),
  );
}

async function slowSenders(tsd: TsdProcess, o: FuzzOptions, f: FuzzFigures, goodT: GoodPoint[], goodH: GoodPoint[], problem: Problem): Promise<void> {
  await Promise.all(
    Array.from({ length: o.slowSenders }, async (_, i) => {
      f.slowSent += 2;
      if (await trickleTelnet(tsd.port, `slow${i}`, 3, 10, goodT)) f.slowOk++;
      else problem(`trickling telnet sender slow${i} got no answer`);
      const ts = BASE + 10_000_000 + i;
      goodH.push({ series: `slow${i}`, ts, value: i });
      const status = await trickleHttp(tsd.port, JSON.stringify({ metric: 'fz.good.h', timestamp: ts, value: i, tags: { w: `slow${i}` } }), 5);
      if (status === 'HTTP/1.1 204 No Content') f.slowOk++;
      else problem(`trickling HTTP sender slow${i} got ${JSON.stringify(status)}`);
    }),
  );
}

async function longLines(port: number, o: FuzzOptions, f: FuzzFigures, good: GoodPoint[], problem: Problem): Promise<void> {
  for (let i = 0; i < o.longLines; i++) {
    const tags = i % 2 === 1;
    const script = longLineScript(`L${i}`, tags ? 40_000 : 10 * 2 ** 20, tags, good);
    const out = await runTelnet(port, script.parts, o.timeoutMs);
    f.cases++;
    f.telnetLines += 7;
    out.badReplies.forEach((r) => problem(`telnet reply not in OpenTSDB's format: ${JSON.stringify(r.slice(0, 200))}`));
    // A TSD pausing its reads (backpressure) may find the 40 KB line whole, newline and all, and then
    // takes it as OpenTSDB would: an error reply, and the connection goes on to the next line.
    if (tags && !out.closed && out.synced) good.push(script.after);
    else if (!out.closed) problem(`a connection that sent a ${tags ? 'line of thousands of tags' : '10 MB line'} was neither closed nor answered`);
  }
}

async function rawRequests(port: number, o: FuzzOptions, f: FuzzFigures, problem: Problem): Promise<void> {
  for (const text of RAW_REQUESTS) {
    const status = await rawRequest(port, text, o.timeoutMs);
    f.cases++;
    f.rawRequests++;
    if (status !== '' && !/^HTTP\/1\.1 4\d\d /.test(status)) problem(`raw request ${JSON.stringify(text.slice(0, 60))} answered ${JSON.stringify(status)}`);
  }
}

/** 10 MB bodies: one holding a good point beside a 10 MB metric name, one of broken JSON, one over the limit. */
async function bigBodies(url: string, o: FuzzOptions, f: FuzzFigures, good: GoodPoint[], problem: Problem): Promise<void> {
  for (let i = 0; i < o.longLines; i++) {
    const ts = BASE + 20_000_000 + i;
    good.push({ series: 'big', ts, value: i });
    const huge = 'x'.repeat(10 * 2 ** 20);
    const cases: [HttpCase, number][] = [
      [{ method: 'POST', path: '/api/put?details', body: JSON.stringify([{ metric: 'fz.good.h', timestamp: ts, value: i, tags: { w: 'big' } }, { metric: huge, timestamp: ts, value: 1, tags: { a: 'b' } }]), good: [] }, 400],
      [{ method: 'POST', path: '/api/query', body: `{"start":1,"queries":[{"metric":"${huge}`, good: [] }, 400],
      [{ method: 'POST', path: '/api/put', body: huge + huge, good: [] }, 413],
    ];
    for (const [c, status] of cases) {
      const out = await sendCase(url, c, o.timeoutMs);
      f.cases++;
      f.httpRequests++;
      if (out.problem) problem(`${c.method} ${c.path} with ${String(c.body).length} bytes: ${out.problem}`);
      else if (out.status !== status) problem(`${c.method} ${c.path} with ${String(c.body).length} bytes answered ${out.status}, not ${status}`);
    }
  }
}

/** Connections that send a part of a line or of a header and then wait, for the whole run. */
function openStalled(port: number, n: number): Socket[] {
  return Array.from({ length: n }, (_, i) => {
    const s = connect(port, '127.0.0.1', () => s.write(i % 2 === 0 ? 'put fz.good.t 135699' : 'POST /api/put HTTP/1.1\r\nHost: x\r\nContent-Le'));
    s.on('error', () => undefined);
    return s;
  });
}

async function alive(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/api/version`, { signal: AbortSignal.timeout(5000) })).status === 200;
  } catch {
    return false;
  }
}

async function compare(url: string, metric: string, tagk: string, good: GoodPoint[], f: FuzzFigures, problem: Problem): Promise<void> {
  const maxTs = maxOf(good.map((p) => p.ts), BASE);
  const stored = await queryByTag(url, metric, tagk, BASE, maxTs + 1);
  const want = new Map<string, Map<number, number>>();
  for (const p of good) {
    const m = want.get(p.series) ?? new Map<number, number>();
    m.set(p.ts, p.value);
    want.set(p.series, m);
  }
  for (const [series, points] of want) {
    const have = stored.get(series);
    for (const [ts, v] of points) {
      if (have?.get(ts) === v) continue;
      f.goodMissing++;
      problem(`good point ${metric} ${tagk}=${series} ${ts} ${have?.has(ts) ? `stored as ${have.get(ts)}, sent ${v}` : 'missing'}`);
    }
  }
  for (const [series, have] of stored) {
    const w = want.get(series);
    for (const ts of have.keys()) if (!w?.has(ts)) f.goodExtra++;
  }
}
