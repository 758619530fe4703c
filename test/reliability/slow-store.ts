/**
 * A slow store under a flood (issue 11, part 6): a TSD process whose store completes only so many
 * operations a second is fed telnet `put` lines as fast as a client can write them, for new rows of
 * the current hour (nothing is due for packing, so only memory pressure packs). Ingest must push back
 * — reads pause, so the client's writes block — while the TSD's memory stays under its bounds, an
 * `/api/put` waits its turn, and every point sent is stored in the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hbaseTables } from '../helpers/tsd-harness';
import { startTsdProcess } from '../helpers/tsd-process';
import { FAULT_TSD } from './compaction-crash';
import { querySum, sleep, statValue } from './tsd-client';

export interface SlowStoreOptions {
  readonly backend: 'embedded' | 'hbase';
  /** `cells` on the embedded store writes every point as a cell, as on HBase. */
  readonly writeMode?: 'log' | 'cells';
  readonly writesPerSecond: number;
  readonly floodMs: number;
  readonly series: number;
  readonly maxPendingPoints: number;
  readonly maxOpenBytes: number;
  readonly heapLimitMb: number;
}

export interface SlowStoreFigures {
  pointsSent: number;
  pointsStored: number;
  /** Share of the flood the client spent blocked on a full socket (TCP backpressure). */
  clientBlockedShare: number;
  peakBacklog: number;
  peakOpenRowsBytes: number;
  peakRssBytes: number;
  /** How long an /api/put?sync sent in the middle of the flood took, and its status. */
  putDuringFloodMs: number;
  putDuringFloodStatus: number;
  aliveAtEnd: boolean;
}

/** Writes lines as fast as the socket takes them; counts the time spent waiting for 'drain'. */
async function flood(socket: Socket, o: SlowStoreOptions, nowSec: number, until: number): Promise<{ sent: number; blockedMs: number }> {
  let sent = 0;
  let blockedMs = 0;
  let text = '';
  while (Date.now() < until) {
    for (let i = 0; i < 500; i++, sent++) {
      const series = sent % o.series;
      text += `put slow.m ${nowSec + Math.floor(sent / o.series)} ${sent} s=${series}\n`;
    }
    const ok = socket.write(text);
    text = '';
    if (!ok) {
      const t0 = Date.now();
      await Promise.race([new Promise((r) => socket.once('drain', r)), sleep(Math.max(0, until - Date.now()), true)]);
      blockedMs += Date.now() - t0;
    } else await new Promise((r) => setImmediate(r));
  }
  return { sent, blockedMs };
}

export async function slowStoreRun(o: SlowStoreOptions): Promise<SlowStoreFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'tsd-ts-slow-'));
  const hbase = o.backend === 'hbase' ? await hbaseTables() : undefined;
  const config = {
    ...(hbase ? hbase.overrides : { 'tsd.storage.embedded.path': dir }),
    'tsd.core.auto_create_metrics': 'true',
    'tsd.storage.write.max_pending_points': String(o.maxPendingPoints),
    'tsd.storage.write.max_open_bytes': String(o.maxOpenBytes),
  };
  const f: SlowStoreFigures = {
    pointsSent: 0, pointsStored: 0, clientBlockedShare: 0, peakBacklog: 0, peakOpenRowsBytes: 0, peakRssBytes: 0,
    putDuringFloodMs: 0, putDuringFloodStatus: 0, aliveAtEnd: false,
  };
  const tsd = await startTsdProcess({ config, script: FAULT_TSD, args: [JSON.stringify({ writesPerSecond: o.writesPerSecond, writeMode: o.writeMode })], nodeOptions: [`--max-old-space-size=${o.heapLimitMb}`] });
  const sampler = setInterval(() => {
    f.peakRssBytes = Math.max(f.peakRssBytes, tsd.rssBytes());
    void Promise.all([statValue(tsd.url, 'tsd.storage.write.backlog'), statValue(tsd.url, 'tsd.storage.open_rows.bytes')]).then(
      ([backlog, bytes]) => {
        f.peakBacklog = Math.max(f.peakBacklog, backlog);
        f.peakOpenRowsBytes = Math.max(f.peakOpenRowsBytes, bytes);
      },
      () => undefined,
    );
  }, 100);
  try {
    const nowSec = Math.floor(Date.now() / 1000);
    const socket = connect(tsd.port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    const until = Date.now() + o.floodMs;
    const flooding = flood(socket, o, nowSec, until);
    await sleep(o.floodMs / 2);
    const t0 = Date.now();
    const put = await fetch(`${tsd.url}/api/put?sync`, { method: 'POST', body: JSON.stringify({ metric: 'slow.put', timestamp: nowSec, value: 1, tags: { a: 'b' } }) });
    f.putDuringFloodStatus = put.status;
    f.putDuringFloodMs = Date.now() - t0;
    const { sent, blockedMs } = await flooding;
    f.pointsSent = sent;
    f.clientBlockedShare = blockedMs / o.floodMs;
    // Let the TSD read and store what the socket still holds, then check every point.
    await new Promise<void>((resolve) => {
      let answer = '';
      socket.on('data', (d: Buffer) => {
        answer += d.toString();
        if (answer.includes('Built on')) resolve();
      });
      socket.write('version\n');
    });
    socket.destroy();
    const flushed = await fetch(`${tsd.url}/api/put?sync`, { method: 'POST', body: JSON.stringify({ metric: 'slow.put', timestamp: nowSec + 1, value: 1, tags: { a: 'b' } }) });
    f.aliveAtEnd = flushed.status === 204;
    f.pointsStored = await querySum(tsd.url, 'sum:0all-count:slow.m', nowSec - 1, nowSec + 3600);
    return f;
  } catch (e) {
    throw new Error(`${(e as Error).message}; figures so far ${JSON.stringify(f)}; TSD log:\n${tsd.log().slice(-3000)}`);
  } finally {
    clearInterval(sampler);
    await tsd.kill('SIGKILL');
    if (hbase) await hbase.store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
