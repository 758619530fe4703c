/**
 * Crash durability of the embedded store: a TSD process under sustained ingest — `/api/put?sync`
 * senders and telnet `put` streams — is SIGKILLed at a random moment, restarted on the same data,
 * and checked: every acknowledged point is readable, telnet lost only a tail of what it sent (how
 * many ms of it is measured), and at the end the compactor packs every replayed row and no row is
 * corrupt. Used by the fast test and by the soak run with more rounds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableNames } from '../../src/core/tables';
import { Config } from '../../src/config/config';
import { EmbeddedStore } from '../../src/storage/embedded/embedded-store';
import { startTsdProcess, type TsdProcess } from '../helpers/tsd-process';
import { maxOf, minOf, type Random } from './random';
import { checkDataTable } from './store-integrity';
import { queryByTag, sleep, statValue } from './tsd-client';

/** 2013-01-01T00:00:00Z: every point is in a closed hour, so rows are packed while ingest goes on. */
const BASE = 1356998400;

export interface CrashOptions {
  readonly rounds: number;
  readonly httpSenders: number;
  readonly telnetSenders: number;
  /** Each round ingests for a random time in [minRunMs, maxRunMs] before the kill. */
  readonly minRunMs: number;
  readonly maxRunMs: number;
  readonly pointsPerRequest: number;
  readonly rng: Random;
  readonly log?: (line: string) => void;
}

export interface CrashFigures {
  rounds: number;
  acked: number;
  /** Acknowledged points not readable after the restart that followed their round (must be 0). */
  ackedMissing: number;
  /** Acknowledged points of all rounds not readable at the end (must be 0). */
  ackedMissingAtEnd: number;
  telnetSent: number;
  telnetLost: number;
  /** Lost telnet points sent before a point that was kept (must be 0: loss is a tail). */
  telnetHoles: number;
  /** Longest span, in ms before the kill, of telnet points lost in one round. */
  maxTelnetLossMs: number;
  corruptRows: string[];
  rowsAtEnd: number;
  unpackedRowsAtEnd: number;
  peakRssBytes: number;
}

interface HttpSender {
  readonly host: string;
  next: number;
  readonly acked: number[];
  /** How many of `acked` a round's check has seen. */
  checked: number;
}

interface TelnetSender {
  readonly host: string;
  next: number;
  /** This round's lines: timestamp and send time. */
  sent: [number, number][];
}

/** Posts batches with ?sync until the TSD goes away; records what was acknowledged with 204. */
async function runHttpSender(url: string, s: HttpSender, perRequest: number, stopped: () => boolean): Promise<void> {
  while (!stopped()) {
    const from = s.next;
    s.next += perRequest;
    const points = Array.from({ length: perRequest }, (_, i) => ({ metric: 'crash.http', timestamp: BASE + from + i, value: from + i, tags: { host: s.host } }));
    try {
      const res = await fetch(`${url}/api/put?sync`, { method: 'POST', body: JSON.stringify(points) });
      await res.arrayBuffer();
      if (res.status === 204) for (let i = 0; i < perRequest; i++) s.acked.push(from + i);
    } catch {
      return;
    }
  }
}

/** Writes 20 lines every 5 ms, noting when each was handed to the socket, until the TSD goes away. */
function runTelnetSender(port: number, s: TelnetSender, stopped: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let timer: NodeJS.Timeout | undefined;
    const finish = (): void => {
      clearInterval(timer);
      socket.destroy();
      resolve();
    };
    socket.on('error', finish);
    socket.on('close', finish);
    socket.on('connect', () => {
      timer = setInterval(() => {
        if (stopped()) return finish();
        const now = Date.now();
        let text = '';
        for (let i = 0; i < 20; i++) {
          const ts = s.next++;
          text += `put crash.telnet ${BASE + ts} ${ts} host=${s.host}\n`;
          s.sent.push([ts, now]);
        }
        socket.write(text);
      }, 5);
    });
  });
}

export async function runCrashRounds(o: CrashOptions): Promise<CrashFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'tsd-ts-crash-'));
  const config = { 'tsd.storage.embedded.path': dir, 'tsd.core.auto_create_metrics': 'true' };
  const figures: CrashFigures = {
    rounds: 0, acked: 0, ackedMissing: 0, ackedMissingAtEnd: 0, telnetSent: 0, telnetLost: 0, telnetHoles: 0, maxTelnetLossMs: 0,
    corruptRows: [], rowsAtEnd: 0, unpackedRowsAtEnd: 0, peakRssBytes: 0,
  };
  const http: HttpSender[] = Array.from({ length: o.httpSenders }, (_, i) => ({ host: `s${i}`, next: 0, acked: [], checked: 0 }));
  const telnet: TelnetSender[] = Array.from({ length: o.telnetSenders }, (_, i) => ({ host: `t${i}`, next: 0, sent: [] }));
  let tsd: TsdProcess = await startTsdProcess({ config });
  const sampler = setInterval(() => (figures.peakRssBytes = Math.max(figures.peakRssBytes, tsd.rssBytes())), 50);
  try {
    for (let round = 0; round < o.rounds; round++) {
      let stopped = false;
      for (const t of telnet) t.sent = [];
      const senders = [
        ...http.map((s) => runHttpSender(tsd.url, s, o.pointsPerRequest, () => stopped)),
        ...telnet.map((s) => runTelnetSender(tsd.port, s, () => stopped)),
      ];
      await sleep(o.rng.int(o.minRunMs, o.maxRunMs));
      const killAt = Date.now();
      await tsd.kill('SIGKILL');
      stopped = true;
      await Promise.all(senders);
      tsd = await startTsdProcess({ config });
      await verifyRound(tsd, http, telnet, killAt, figures);
      figures.rounds++;
      o.log?.(`round ${round + 1}: acked ${figures.acked}, telnet lost ${figures.telnetLost} (max ${figures.maxTelnetLossMs} ms), rss ${(figures.peakRssBytes / 2 ** 20).toFixed(0)} MiB`);
    }
    // Compaction resumes: every replayed row is in a closed hour and idle, so all get packed.
    const deadline = Date.now() + 30_000;
    while ((await statValue(tsd.url, 'tsd.storage.open_rows')) > 0 && Date.now() < deadline) await sleep(200);
    // Every acknowledged point of every round, once more, after all the kills and the compaction.
    for (const s of http) figures.ackedMissingAtEnd += await missing(tsd.url, s.host, s.acked);
    await tsd.kill('SIGKILL');
    const store = await EmbeddedStore.open({ path: join(dir, 'store') });
    try {
      const report = await checkDataTable(store, tableNames(new Config()).data);
      figures.corruptRows = report.corrupt;
      figures.rowsAtEnd = report.rows;
      figures.unpackedRowsAtEnd = report.unpacked;
    } finally {
      await store.close();
    }
    return figures;
  } finally {
    clearInterval(sampler);
    await tsd.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Checks the round just killed: its acknowledged points (earlier rounds' are checked again once, at
 * the end, by `verifyAcked` over everything) and its telnet tail.
 */
async function verifyRound(tsd: TsdProcess, http: HttpSender[], telnet: TelnetSender[], killAt: number, f: CrashFigures): Promise<void> {
  for (const s of http) {
    const fresh = s.acked.slice(s.checked);
    s.checked = s.acked.length;
    f.acked += fresh.length;
    f.ackedMissing += await missing(tsd.url, s.host, fresh);
  }
  const from = minOf(telnet.map((s) => s.sent[0]?.[0] ?? Infinity));
  const to = maxOf(telnet.map((s) => s.next));
  const storedTelnet = from === Infinity ? new Map<string, Map<number, number>>() : await queryByTag(tsd.url, 'crash.telnet', 'host', BASE + from, BASE + to + 1);
  for (const s of telnet) {
    const dps = storedTelnet.get(s.host) ?? new Map<number, number>();
    const sent = s.sent.filter(([, at]) => at < killAt);
    f.telnetSent += sent.length;
    const lost = sent.filter(([ts]) => dps.get(BASE + ts) !== ts);
    f.telnetLost += lost.length;
    if (lost.length === 0) continue;
    const lastKept = maxOf(sent.filter(([ts]) => dps.has(BASE + ts)).map(([ts]) => ts), -1);
    f.telnetHoles += lost.filter(([ts]) => ts < lastKept).length;
    f.maxTelnetLossMs = Math.max(f.maxTelnetLossMs, killAt - minOf(lost.map(([, at]) => at)));
  }
}

/** How many of `acked` (offsets from BASE, value = offset) `host` does not hold. */
async function missing(url: string, host: string, acked: readonly number[]): Promise<number> {
  if (acked.length === 0) return 0;
  const from = minOf(acked);
  const to = maxOf(acked);
  const dps = (await queryByTag(url, 'crash.http', 'host', BASE + from, BASE + to + 1)).get(host);
  return acked.filter((ts) => dps?.get(BASE + ts) !== ts).length;
}
