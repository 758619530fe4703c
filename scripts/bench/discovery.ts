/**
 * Discovery benchmark: a TSD on the embedded store in its own process holds N series (default
 * 100,000: 10 metrics × 1,000 hosts × 10 cpus, one point each); this process times, over HTTP, one
 * request at a time, the lookups and suggestions Grafana sends:
 *
 *   lookup, one tag value      /api/search/lookup?m=<metric>{host=<h>}          (10 series)
 *   lookup, tag value, any metric /api/search/lookup?m={host=<h>}&limit=1000    (100 series)
 *   tag_values()               /api/search/lookup?m=<metric>{cpu=*}&limit=1000   (1,000 of 10,000)
 *   tag_names()                /api/search/lookup?m=<metric>&limit=1000          (1,000 of 10,000)
 *   suggest, prefix            /api/suggest?type=tagv&q=<prefix>                 (up to 25)
 *   suggest, Grafana's max     /api/suggest?type=metrics&q=bench&max=1000
 *
 * Then it restarts the TSD on the same data and times the series index's rebuild from the store.
 * Prints p50/p99/max per request kind.
 *
 *   npm run build && node dist/scripts/bench/discovery.js [--hosts 1000] [--requests 2000] [--port 4298]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
}

const HOSTS = Number(arg('hosts', '1000'));
const METRICS = 10;
const CPUS = 10;
const REQUESTS = Number(arg('requests', '2000'));
const PORT = Number(arg('port', '4298'));
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function get(path: string): Promise<{ status: number; body: string }> {
  return new Promise((res, rej) => {
    const req = request({ host: '127.0.0.1', port: PORT, path, agent }, (r) => {
      let body = '';
      r.setEncoding('utf8');
      r.on('data', (d: string) => (body += d));
      r.on('end', () => res({ status: r.statusCode ?? 0, body }));
    });
    req.on('error', rej);
    req.end();
  });
}

async function stat(name: string): Promise<number> {
  const lines = JSON.parse((await get('/api/stats')).body) as { metric: string; value: string }[];
  return Number(lines.find((l) => l.metric === name)?.value ?? 0);
}

async function startTsd(dir: string): Promise<{ child: ChildProcess; startedAt: number }> {
  const main = resolve(__dirname, '../../src/cli/main.js');
  const startedAt = performance.now();
  const child = spawn(process.execPath, [main, 'tsd', '--port', String(PORT), '--bind', '127.0.0.1', '--data-dir', dir, '--auto-metric'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  for (let i = 0; i < 300; i++) {
    await new Promise((r) => setTimeout(r, 50));
    if (log.includes('Ready to serve')) return { child, startedAt };
  }
  throw new Error(`TSD did not start:\n${log}`);
}

async function stopTsd(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

/** One point for every series, over one telnet connection. */
async function writeSeries(): Promise<number> {
  const sock = connect(PORT, '127.0.0.1');
  await new Promise((r) => sock.once('connect', r));
  let n = 0;
  for (let m = 0; m < METRICS; m++) {
    let text = '';
    for (let h = 0; h < HOSTS; h++) {
      for (let c = 0; c < CPUS; c++) text += `put bench.metric${m} 1700000000 ${n++ % 97} host=host${String(h).padStart(4, '0')} cpu=${c}\n`;
    }
    if (!sock.write(text)) await new Promise((r) => sock.once('drain', r));
  }
  sock.end();
  while ((await stat('tsd.datapoints.added')) < n) await new Promise((r) => setTimeout(r, 100));
  return n;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function measure(label: string, path: (i: number) => string, check: (body: string) => boolean): Promise<void> {
  for (let i = 0; i < 50; i++) await get(path(i));
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const t0 = performance.now();
    const r = await get(path(i));
    times.push(performance.now() - t0);
    if (r.status !== 200 || !check(r.body)) throw new Error(`${label}: unexpected answer ${r.status} ${r.body.slice(0, 200)}`);
  }
  times.sort((a, b) => a - b);
  const f = (x: number): string => x.toFixed(2).padStart(7);
  console.log(`  ${label.padEnd(34)} p50 ${f(percentile(times, 50))} ms  p99 ${f(percentile(times, 99))} ms  max ${f(times[times.length - 1])} ms`);
}

const host = (i: number): string => `host${String((i * 7919) % HOSTS).padStart(4, '0')}`;
const results = (body: string): number => (JSON.parse(body) as { results: unknown[] }).results.length;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tsd-ts-bench-discovery-'));
  try {
    let tsd = await startTsd(dir);
    const t0 = performance.now();
    const series = await writeSeries();
    console.log(`wrote ${series} series in ${((performance.now() - t0) / 1000).toFixed(1)} s; index ${(await stat('tsd.search.index.series'))} series, ${((await stat('tsd.search.index.bytes')) / 1048576).toFixed(1)} MiB`);
    console.log(`HTTP, one request at a time, ${REQUESTS} requests each:`);
    const oneValue = (i: number): string => `/api/search/lookup?m=bench.metric${i % METRICS}%7Bhost%3D${host(i)}%7D`;
    // Right after the write the compactor packs every new row: the first figures include that load.
    await measure('lookup one tag value (metric) *', oneValue, (b) => results(b) === CPUS);
    await measure('lookup one tag value (any metric)', (i) => `/api/search/lookup?m=%7Bhost%3D${host(i)}%7D&limit=1000`, (b) => results(b) === CPUS * METRICS);
    await measure('tag_values(metric, cpu)', (i) => `/api/search/lookup?m=bench.metric${i % METRICS}%7Bcpu%3D*%7D&limit=1000`, (b) => results(b) === 1000);
    await measure('tag_names(metric)', (i) => `/api/search/lookup?m=bench.metric${i % METRICS}&limit=1000`, (b) => results(b) === 1000);
    await measure('suggest tagv prefix', (i) => `/api/suggest?type=tagv&q=host0${i % 10}`, (b) => (JSON.parse(b) as string[]).length === 25);
    await measure('suggest metrics, max=1000', () => '/api/suggest?type=metrics&q=bench&max=1000', (b) => (JSON.parse(b) as string[]).length === METRICS);
    await measure('lookup one tag value (metric)', oneValue, (b) => results(b) === CPUS);
    console.log('  * measured while the compactor packed the rows just written');
    await stopTsd(tsd.child);

    tsd = await startTsd(dir);
    while ((await stat('tsd.search.index.loaded')) !== 1) await new Promise((r) => setTimeout(r, 20));
    const ms = performance.now() - tsd.startedAt;
    console.log(`restart: index of ${await stat('tsd.search.index.series')} series from ${await stat('tsd.search.index.rows_scanned')} rows loaded ${ms.toFixed(0)} ms after spawn`);
    await stopTsd(tsd.child);
  } finally {
    agent.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
