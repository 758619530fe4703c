/**
 * Ingest benchmark: a TSD on the embedded store in its own process, fed deterministic devops-like data
 * (hosts × metrics, one point per series every 10 s of simulated time) as fast as it takes it, over
 * telnet `put` on several connections or `/api/put` with 50 points per request. Prints points/s per
 * interval and overall, the TSD's RSS, and compaction progress. The run ends once the TSD has counted
 * every point sent (tsd.datapoints.added), so the figure is points stored, not points sent.
 *
 *   node dist/scripts/bench/ingest.js [--mode telnet|http] [--backend embedded|hbase] [--seconds 60]
 *                                     [--hosts 1000] [--metrics 10]
 *                                     [--connections 4] [--batch 50] [--inflight 16]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { findRunningHBase } from '../hbase/hbase-state';
import { startHBase, type HBaseHandle } from '../hbase/start-hbase';
import { Config } from '../../src/config/config';
import { tableNames, tableSpecs } from '../../src/core/tables';
import { HBaseStore } from '../../src/storage/hbase/hbase-store';
import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
}

const MODE = arg('mode', 'telnet');
const SECONDS = Number(arg('seconds', '60'));
const HOSTS = Number(arg('hosts', '1000'));
const METRICS = Number(arg('metrics', '10'));
const CONNECTIONS = Number(arg('connections', '4'));
const BATCH = Number(arg('batch', '50'));
const INFLIGHT = Number(arg('inflight', '16'));
const PORT = Number(arg('port', '4299'));
const BACKEND = arg('backend', 'embedded');
const START = 1_700_000_000 - (1_700_000_000 % 3600);
const METRIC_NAMES = ['cpu.user', 'cpu.system', 'cpu.idle', 'mem.used', 'mem.free', 'disk.read', 'disk.write', 'net.in', 'net.out', 'load.1m', 'procs', 'ctx.switches'];

/** Deterministic gauge values: a cheap per-series walk. */
function value(series: number, step: number): string {
  const x = (Math.imul(series + 1, 2654435761) ^ Math.imul(step, 40503)) >>> 0;
  return series % 3 === 0 ? String(x % 1000) : String((x % 100000) / 100);
}

interface Series {
  metric: string;
  tags: Record<string, string>;
  tagText: string;
}

function allSeries(): Series[] {
  const out: Series[] = [];
  for (let h = 0; h < HOSTS; h++) {
    for (let m = 0; m < METRICS; m++) {
      const tags = { host: `host${h}`, dc: `dc${h % 4}`, rack: `r${h % 40}` };
      out.push({ metric: `sys.${METRIC_NAMES[m % METRIC_NAMES.length]}${m >= METRIC_NAMES.length ? m : ''}`, tags, tagText: `host=${tags.host} dc=${tags.dc} rack=${tags.rack}` });
    }
  }
  return out;
}

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

async function stat(name: string, tag?: string): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${PORT}/api/stats`);
  const lines = (await res.json()) as { metric: string; value: string; tags: Record<string, string> }[];
  const l = lines.find((x) => x.metric === name && (!tag || Object.values(x.tags).includes(tag)));
  return l ? Number(l.value) : 0;
}

/**
 * With `--backend hbase`: fresh tables on the HBase that `npm run hbase:start` left running (or one
 * started here), and an opentsdb.conf naming them for the TSD.
 */
async function hbaseConfig(dir: string): Promise<{ args: string[]; stop: () => Promise<void> }> {
  const running = await findRunningHBase();
  const hbase = running ? undefined : await startHBase();
  const zkQuorum = running?.zkQuorum ?? (hbase as HBaseHandle).zkQuorum;
  const prefix = `bench${Date.now().toString(36)}`;
  const settings: Record<string, string> = {
    'tsd.storage.backend': 'hbase',
    'tsd.storage.hbase.zk_quorum': zkQuorum,
    'tsd.storage.hbase.data_table': `${prefix}-tsdb`,
    'tsd.storage.hbase.uid_table': `${prefix}-tsdb-uid`,
    'tsd.storage.hbase.tree_table': `${prefix}-tsdb-tree`,
    'tsd.storage.hbase.meta_table': `${prefix}-tsdb-meta`,
  };
  const store = await HBaseStore.open({ zkQuorum });
  for (const spec of tableSpecs(tableNames(new Config(settings)), { saltWidth: 0, saltBuckets: 20 })) await store.createTable(spec);
  await store.close();
  const file = join(dir, 'opentsdb.conf');
  writeFileSync(file, Object.entries(settings).map(([k, v]) => `${k} = ${v}`).join('\n'));
  return { args: ['--config', file], stop: async () => hbase?.stop() };
}

async function startTsd(dir: string, extra: string[]): Promise<ChildProcess> {
  const main = resolve(__dirname, '../../src/cli/main.js');
  const child = spawn(process.execPath, [main, 'tsd', '--port', String(PORT), '--bind', '127.0.0.1', '--data-dir', dir, '--auto-metric', ...extra], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 100));
    if (log.includes('Ready to serve')) return child;
  }
  throw new Error(`TSD did not start:\n${log}`);
}

/** Sends one step of every series in `part` as put lines; resolves when the socket took them. */
function writeStep(sock: Socket, part: Series[], step: number, startIndex: number): Promise<void> {
  const ts = START + step * 10;
  let text = '';
  for (let i = 0; i < part.length; i++) {
    const s = part[i];
    text += `put ${s.metric} ${ts} ${value(startIndex + i, step)} ${s.tagText}\n`;
  }
  return sock.write(text) ? Promise.resolve() : new Promise((r) => sock.once('drain', () => r()));
}

async function runTelnet(series: Series[], deadline: number, onSent: (n: number) => void): Promise<number> {
  const per = Math.ceil(series.length / CONNECTIONS);
  let sent = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, c) => {
      const part = series.slice(c * per, (c + 1) * per);
      const sock = connect(PORT, '127.0.0.1');
      await new Promise((r) => sock.once('connect', r));
      for (let step = 0; Date.now() < deadline; step++) {
        await writeStep(sock, part, step, c * per);
        sent += part.length;
        onSent(sent);
      }
      sock.end();
    }),
  );
  return sent;
}

async function runHttp(series: Series[], deadline: number, onSent: (n: number) => void): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: INFLIGHT });
  let sent = 0;
  // One template per batch of a step, split where the step's timestamp goes: a request costs the
  // generator a join, so the client takes little of the machine's two cores.
  const templates: string[][] = [];
  for (let first = 0; first < series.length; first += BATCH) {
    const pts: string[] = [];
    for (let idx = first; idx < Math.min(first + BATCH, series.length); idx++) {
      const s = series[idx];
      pts.push(`{"metric":"${s.metric}","timestamp":\u0000,"value":${value(idx, idx % 7)},"tags":${JSON.stringify(s.tags)}}`);
    }
    templates.push(`[${pts.join(',')}]`.split('\u0000'));
  }
  let cursor = 0;
  const next = (): string => {
    const t = templates[cursor % templates.length];
    const step = Math.floor(cursor / templates.length);
    cursor++;
    return t.join(String(START + step * 10));
  };
  const post = (body: string): Promise<number> =>
    new Promise((resolveP, reject) => {
      const req = request({ host: '127.0.0.1', port: PORT, path: '/api/put', method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', () => resolveP(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(body);
    });
  await Promise.all(
    Array.from({ length: INFLIGHT }, async () => {
      while (Date.now() < deadline) {
        const status = await post(next());
        if (status !== 204) throw new Error(`/api/put answered ${status}`);
        sent += BATCH;
        onSent(sent);
      }
    }),
  );
  agent.destroy();
  return sent;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tsd-ts-bench-ingest-'));
  const hbase = BACKEND === 'hbase' ? await hbaseConfig(dir) : { args: [], stop: async () => undefined };
  const tsd = await startTsd(dir, hbase.args);
  const series = allSeries();
  console.log(`ingest benchmark: ${MODE} into the ${BACKEND} store, ${series.length.toLocaleString()} series (${HOSTS} hosts × ${METRICS} metrics), ${SECONDS} s, ${MODE === 'telnet' ? `${CONNECTIONS} connections` : `${BATCH} points/request, ${INFLIGHT} in flight`}`);
  let sentNow = 0;
  let lastSent = 0;
  let peakRss = 0;
  const t0 = Date.now();
  const timer = setInterval(() => {
    const rss = rssMb(tsd.pid ?? 0);
    peakRss = Math.max(peakRss, rss);
    console.log(`  t=${Math.round((Date.now() - t0) / 1000)}s sent ${((sentNow - lastSent) / 10).toLocaleString()} points/s, TSD RSS ${rss} MiB`);
    lastSent = sentNow;
  }, 10_000);
  const deadline = t0 + SECONDS * 1000;
  const sent = await (MODE === 'telnet' ? runTelnet : runHttp)(series, deadline, (n) => (sentNow = n));
  // The figure counts points the TSD took in, not points written into socket buffers.
  while ((await stat('tsd.datapoints.added', 'all')) < sent) await new Promise((r) => setTimeout(r, 50));
  const elapsed = (Date.now() - t0) / 1000;
  clearInterval(timer);
  peakRss = Math.max(peakRss, rssMb(tsd.pid ?? 0));
  console.log(`RESULT ${MODE}: ${sent.toLocaleString()} points in ${elapsed.toFixed(1)} s = ${Math.round(sent / elapsed).toLocaleString()} points/s; TSD peak RSS ${peakRss} MiB`);
  console.log(`  compaction: ${await stat('tsd.compaction.count', 'packed')} rows packed, ${await stat('tsd.storage.open_rows')} rows open`);
  tsd.kill('SIGTERM');
  await new Promise((r) => tsd.once('exit', r));
  await hbase.stop();
  rmSync(dir, { recursive: true, force: true });
}

void main();
