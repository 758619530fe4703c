/**
 * The query half of the benchmark: the same dataset is loaded over telnet into every target that
 * answers OpenTSDB queries, each target is stopped cleanly (and, but in quick runs, its HBase tables
 * flushed and major-compacted), restarted, and then every query is timed on every target in turn, rotating the
 * order per repetition. Warm-up requests (not timed) also check the answer.
 */
import type { BenchHBase } from './bench-hbase';
import { DevopsDataset } from './devops-dataset';
import { rotate, waitTakenIn } from './ingest-phase';
import { sendTelnet } from './load-clients';
import { cpuSeconds, load1 } from './proc-stats';
import { queryCases } from './query-cases';
import { percentile } from './sample-stats';
import type { RunningTarget, TargetKind, TargetStorage } from './targets/target';

export interface QuerySettings {
  /** Hosts of the day-long metric (queries 1 and 2) and its length in hours. */
  readonly wideHosts: number;
  readonly wideHours: number;
  /** Hosts of the hour-long metric grouped by host (query 3, lookup) and its length in hours. */
  readonly groupedHosts: number;
  readonly groupedHours: number;
  readonly runs: number;
  readonly warmups: number;
  readonly start: number;
  /** Flush and major-compact the HBase tables between loading and querying (as data at rest). */
  readonly compact: boolean;
}

export interface QueryRun {
  readonly query: string;
  readonly target: string;
  readonly runs: number;
  readonly p50Ms?: number;
  readonly p99Ms?: number;
  /** Mean CPU time per request of the TSD process and, for HBase-backed targets, of the HBase JVM. */
  readonly cpuMs?: number;
  readonly hbaseCpuMs?: number;
  /** Why there is no timing, or what was wrong with the answer. */
  readonly problem?: string;
  readonly load1: number;
}

type Log = (line: string) => void;

interface Loaded {
  readonly kind: TargetKind;
  readonly storage: TargetStorage;
  target?: RunningTarget;
}

async function load(kind: TargetKind, datasets: readonly [DevopsDataset, number][], log: Log): Promise<Loaded> {
  const storage = await kind.prepare();
  const target = await storage.start();
  try {
    const t0 = performance.now();
    let points = 0;
    for (const [data, steps] of datasets) {
      const sent = await sendTelnet(target.telnetPort, data, steps, 4);
      if (sent.errors > 0) throw new Error(`${kind.name} refused ${sent.errors} puts: ${sent.firstError}`);
      points += sent.sent;
    }
    await waitTakenIn(target, points);
    log(`  loaded ${points.toLocaleString('en-US')} points into ${kind.name} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    await target.stop();
  }
  return { kind, storage };
}

export async function runQueries(kinds: readonly TargetKind[], s: QuerySettings, hbase: BenchHBase | undefined, log: Log): Promise<QueryRun[]> {
  const wide = new DevopsDataset({ hosts: s.wideHosts, metrics: ['sys.cpu.user'], start: s.start });
  const wideSteps = (s.wideHours * 3600) / wide.intervalSec;
  const grouped = new DevopsDataset({ hosts: s.groupedHosts, metrics: ['sys.mem.used'], start: s.start + (s.wideHours - s.groupedHours) * 3600 });
  const groupedSteps = (s.groupedHours * 3600) / grouped.intervalSec;
  const loaded: Loaded[] = [];
  const out: QueryRun[] = [];
  try {
    for (const kind of kinds) loaded.push(await load(kind, [[wide, wideSteps], [grouped, groupedSteps]], log));
    if (s.compact) await hbase?.compact(loaded.flatMap((l) => l.storage.hbaseDataTables));
    for (const l of loaded) l.target = await l.storage.start();
    for (const c of queryCases(wide, wideSteps, grouped, groupedSteps)) {
      const times = new Map<Loaded, number[]>();
      const cpu = new Map<Loaded, [number, number]>();
      const problems = new Map<Loaded, string>();
      for (const l of loaded) {
        for (let i = 0; i < s.warmups && !problems.has(l); i++) {
          const res = await c.send((l.target as RunningTarget).httpPort);
          const problem = res.status === 200 ? c.check(res.body) : `HTTP ${res.status}: ${res.body.slice(0, 160)}`;
          if (problem !== undefined) problems.set(l, problem);
        }
        times.set(l, []);
      }
      const timed = loaded.filter((l) => !problems.has(l) || !problems.get(l)?.startsWith('HTTP'));
      for (let i = 0; i < s.runs; i++) {
        for (const l of rotate(timed, i)) {
          const target = l.target as RunningTarget;
          const onHBase = l.storage.hbaseDataTables.length > 0 && hbase !== undefined;
          const cpu0 = [cpuSeconds(target.pid), onHBase ? cpuSeconds(hbase.pid) : 0] as const;
          const t0 = performance.now();
          const res = await c.send(target.httpPort);
          times.get(l)?.push(performance.now() - t0);
          const [tsd, hb] = cpu.get(l) ?? [0, 0];
          cpu.set(l, [tsd + cpuSeconds(target.pid) - cpu0[0], onHBase ? hb + cpuSeconds(hbase.pid) - cpu0[1] : NaN]);
          if (res.status !== 200) problems.set(l, `HTTP ${res.status} on run ${i + 1}`);
        }
      }
      for (const l of loaded) {
        const t = times.get(l) ?? [];
        const [tsdCpu, hbaseCpu] = (cpu.get(l) ?? [NaN, NaN]).map((sec) => (t.length && !Number.isNaN(sec) ? (sec * 1000) / t.length : undefined));
        const run: QueryRun = { query: c.label, target: l.kind.name, runs: t.length, p50Ms: t.length ? percentile(t, 50) : undefined,
          p99Ms: t.length ? percentile(t, 99) : undefined, cpuMs: tsdCpu, hbaseCpuMs: hbaseCpu, problem: problems.get(l), load1: load1() };
        out.push(run);
        log(`  ${c.label.padEnd(42)} ${l.kind.name.padEnd(26)} ` +
          (run.p50Ms === undefined ? '—' : `p50 ${run.p50Ms.toFixed(1)} ms, p99 ${run.p99Ms?.toFixed(1)} ms`) + (run.problem ? `  [${run.problem}]` : ''));
      }
    }
  } finally {
    for (const l of loaded) {
      await l.target?.stop();
      await l.storage.discard();
    }
  }
  return out;
}
