/**
 * The ingest half of the benchmark: every target, fresh storage each time, takes the same fixed count
 * of points over telnet (4 connections) and over `/api/put` (batches of 50). Rounds rotate the order of
 * the targets (A B C D, then B C D A, …) so drift in the machine's load spreads over all of them. A run
 * ends when the target itself has counted every point sent, so the figure is points taken in.
 */
import type { BenchHBase } from './bench-hbase';
import { DevopsDataset } from './devops-dataset';
import { sendHttpPut, sendTelnet, type LoadResult } from './load-clients';
import { cpuSeconds, load1, PeakRss } from './proc-stats';
import { percentile } from './sample-stats';
import type { RunningTarget, TargetKind, TargetStorage } from './targets/target';

export type IngestMode = 'telnet' | 'http';

export interface IngestSettings {
  readonly hosts: number;
  readonly metrics: number;
  /** Steps (one point per series each) sent per run, by mode. */
  readonly steps: Readonly<Record<IngestMode, number>>;
  readonly connections: number;
  readonly batch: number;
  readonly inflight: number;
  readonly rounds: number;
  readonly start: number;
}

export interface IngestRun {
  readonly target: string;
  readonly mode: IngestMode;
  readonly round: number;
  readonly points: number;
  readonly seconds: number;
  readonly pointsPerSec: number;
  readonly errors: number;
  readonly firstError?: string;
  /** Per-request latency of `/api/put`, ms. */
  readonly p50Ms?: number;
  readonly p99Ms?: number;
  readonly peakRssMiB: number;
  /** Peak RSS of the shared HBase JVM during the run (HBase-backed targets). */
  readonly hbaseRssMiB?: number;
  /** CPU time the target's process spent per point taken in, µs (where the time goes). */
  readonly cpuUsPerPoint: number;
  /** The same for the shared HBase JVM (HBase-backed targets). */
  readonly hbaseCpuUsPerPoint?: number;
  readonly load1: number;
  /** Bytes per point at rest after compaction (telnet runs; HBase targets: last round only). */
  bytesPerPoint?: number;
}

type Log = (line: string) => void;

/** Polls the target's own count until it reaches `expected`; gives up after `stallMs` without progress. */
export async function waitTakenIn(target: RunningTarget, expected: number, stallMs = 60_000): Promise<number> {
  let [seen, since] = [-1, Date.now()];
  for (;;) {
    const n = await target.pointsAdded();
    if (n >= expected) return n;
    if (n > seen) [seen, since] = [n, Date.now()];
    else if (Date.now() - since > stallMs) throw new Error(`took in ${n} of ${expected} points, then nothing for ${stallMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function send(mode: IngestMode, target: RunningTarget, data: DevopsDataset, s: IngestSettings): Promise<LoadResult> {
  return mode === 'telnet'
    ? sendTelnet(target.telnetPort, data, s.steps.telnet, s.connections)
    : sendHttpPut(target.httpPort, data, s.steps.http, s.batch, s.inflight);
}

async function runOnce(kind: TargetKind, storage: TargetStorage, mode: IngestMode, round: number, data: DevopsDataset, s: IngestSettings, hbase: BenchHBase | undefined): Promise<IngestRun> {
  const target = await storage.start();
  try {
    const rss = new PeakRss(target.pid);
    const onHBase = storage.hbaseDataTables.length > 0 && hbase !== undefined;
    const hbaseRss = onHBase ? new PeakRss(hbase.pid) : undefined;
    const cpu0 = [cpuSeconds(target.pid), onHBase ? cpuSeconds(hbase.pid) : 0];
    const t0 = performance.now();
    const load = await send(mode, target, data, s);
    // Each telnet reply line is one refused put; HTTP counts only answered batches as sent.
    const expected = load.sent - (mode === 'telnet' ? load.errors : 0);
    await waitTakenIn(target, expected);
    const seconds = (performance.now() - t0) / 1000;
    const usPerPoint = (pid: number, before: number): number => ((cpuSeconds(pid) - before) * 1e6) / expected;
    return {
      target: kind.name, mode, round, points: expected, seconds, pointsPerSec: expected / seconds,
      errors: load.errors, firstError: load.firstError,
      p50Ms: mode === 'http' ? percentile(load.latenciesMs, 50) : undefined,
      p99Ms: mode === 'http' ? percentile(load.latenciesMs, 99) : undefined,
      peakRssMiB: rss.stop(), hbaseRssMiB: hbaseRss?.stop(), load1: load1(),
      cpuUsPerPoint: usPerPoint(target.pid, cpu0[0] as number),
      hbaseCpuUsPerPoint: onHBase ? usPerPoint(hbase.pid, cpu0[1] as number) : undefined,
    };
  } finally {
    await target.stop();
  }
}

/** Targets in the order of `round`: the list rotated left by `round`. */
export const rotate = <T>(list: readonly T[], round: number): T[] => list.map((_, i) => list[(i + round) % list.length] as T);

export async function runIngest(kinds: readonly TargetKind[], s: IngestSettings, hbase: BenchHBase | undefined, log: Log): Promise<IngestRun[]> {
  const data = new DevopsDataset({ hosts: s.hosts, metrics: s.metrics, start: s.start });
  const runs: IngestRun[] = [];
  const kept: { run: IngestRun; storage: TargetStorage }[] = [];
  for (let round = 0; round < s.rounds; round++) {
    for (const mode of ['telnet', 'http'] as const) {
      for (const kind of rotate(kinds, round + (mode === 'http' ? 1 : 0))) {
        const storage = await kind.prepare();
        const run = await runOnce(kind, storage, mode, round, data, s, hbase);
        runs.push(run);
        log(`  ${mode.padEnd(6)} round ${round + 1} ${kind.name.padEnd(26)} ${Math.round(run.pointsPerSec).toLocaleString('en-US').padStart(10)} points/s` +
          `  ${run.points.toLocaleString('en-US')} points in ${run.seconds.toFixed(1)} s, RSS ${run.peakRssMiB} MiB, ` +
          `CPU ${run.cpuUsPerPoint.toFixed(1)}${run.hbaseCpuUsPerPoint === undefined ? '' : ` + HBase ${run.hbaseCpuUsPerPoint.toFixed(1)}`} µs/point, load ${run.load1}` +
          (run.errors ? `, ${run.errors} errors (${run.firstError})` : ''));
        const lastTelnet = mode === 'telnet' && round === s.rounds - 1;
        if (storage.hbaseDataTables.length > 0 && lastTelnet) kept.push({ run, storage });
        else {
          if (mode === 'telnet' && storage.hbaseDataTables.length === 0) run.bytesPerPoint = (await storage.bytesOnDisk()) / run.points;
          await storage.discard();
        }
      }
    }
  }
  // HBase tables of the last telnet round: flushed and major-compacted together, then measured.
  await hbase?.compact(kept.flatMap((k) => k.storage.hbaseDataTables));
  for (const { run, storage } of kept) {
    run.bytesPerPoint = (await storage.bytesOnDisk()) / run.points;
    await storage.discard();
  }
  return runs;
}
