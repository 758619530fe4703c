/**
 * Turns the runs of one benchmark into the tables `npm run bench` prints (markdown, so
 * docs/benchmarks.md can carry them as printed): medians per target, the ratio of tsd-ts to each
 * peer, and the issue's targets marked met or missed.
 */
import type { IngestMode, IngestRun } from './ingest-phase';
import type { QueryRun } from './query-phase';
import { median } from './sample-stats';

export const TSD_EMBEDDED = 'tsd-ts (embedded)';
export const TSD_HBASE = 'tsd-ts (HBase)';

export interface IngestRow {
  readonly target: string;
  readonly pointsPerSec: Readonly<Partial<Record<IngestMode, number>>>;
  readonly httpP50Ms?: number;
  readonly httpP99Ms?: number;
  readonly bytesPerPoint?: number;
  readonly peakRssMiB: number;
  readonly hbaseRssMiB?: number;
  /** Median CPU µs per point over telnet runs: the target's process, and the HBase JVM. */
  readonly cpuUsPerPoint?: number;
  readonly hbaseCpuUsPerPoint?: number;
  readonly load1: readonly [number, number];
  readonly errors: number;
}

export interface Goal {
  readonly what: string;
  readonly value: number;
  readonly goal: string;
  readonly met: boolean;
}

const fmt = (n: number | undefined, digits = 0): string =>
  n === undefined || Number.isNaN(n) ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ratio = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined || b === undefined || b === 0 ? undefined : a / b);
const times = (n: number | undefined): string => (n === undefined ? '—' : `${fmt(n, 2)}×`);
const defined = <T>(xs: readonly (T | undefined)[]): T[] => xs.filter((x): x is T => x !== undefined);

export function ingestRows(runs: readonly IngestRun[]): IngestRow[] {
  const targets = [...new Set(runs.map((r) => r.target))];
  return targets.map((target) => {
    const mine = runs.filter((r) => r.target === target);
    const of = (mode: IngestMode): IngestRun[] => mine.filter((r) => r.mode === mode);
    const rate = (mode: IngestMode): number | undefined => (of(mode).length ? median(of(mode).map((r) => r.pointsPerSec)) : undefined);
    const loads = mine.map((r) => r.load1);
    const hbaseRss = defined(mine.map((r) => r.hbaseRssMiB));
    const bytes = defined(mine.map((r) => r.bytesPerPoint));
    const hbaseCpu = defined(of('telnet').map((r) => r.hbaseCpuUsPerPoint));
    return {
      target,
      pointsPerSec: { telnet: rate('telnet'), http: rate('http') },
      httpP50Ms: of('http').length ? median(defined(of('http').map((r) => r.p50Ms))) : undefined,
      httpP99Ms: of('http').length ? median(defined(of('http').map((r) => r.p99Ms))) : undefined,
      bytesPerPoint: bytes.length ? median(bytes) : undefined,
      peakRssMiB: Math.max(...mine.map((r) => r.peakRssMiB)),
      hbaseRssMiB: hbaseRss.length ? Math.max(...hbaseRss) : undefined,
      cpuUsPerPoint: of('telnet').length ? median(of('telnet').map((r) => r.cpuUsPerPoint)) : undefined,
      hbaseCpuUsPerPoint: hbaseCpu.length ? median(hbaseCpu) : undefined,
      load1: [Math.min(...loads), Math.max(...loads)],
      errors: mine.reduce((n, r) => n + r.errors, 0),
    };
  });
}

export function ingestTable(rows: readonly IngestRow[]): string {
  const by = (name: string): IngestRow | undefined => rows.find((r) => r.target === name);
  const [emb, hb] = [by(TSD_EMBEDDED), by(TSD_HBASE)];
  const vs = (tsd: IngestRow | undefined, r: IngestRow): string =>
    tsd === undefined || tsd === r ? '—' : `${times(ratio(tsd.pointsPerSec.telnet, r.pointsPerSec.telnet))} / ${times(ratio(tsd.pointsPerSec.http, r.pointsPerSec.http))}`;
  const lines = [
    '| target | telnet points/s | /api/put points/s | /api/put p50 / p99 ms | bytes/point | peak RSS MiB | telnet CPU µs/point | load (1 min) | tsd-ts embedded ÷ this (telnet / http) | tsd-ts HBase ÷ this (telnet / http) |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const r of rows) {
    const rss = r.hbaseRssMiB === undefined ? fmt(r.peakRssMiB) : `${fmt(r.peakRssMiB)} (+ HBase ${fmt(r.hbaseRssMiB)})`;
    const cpu = r.hbaseCpuUsPerPoint === undefined ? fmt(r.cpuUsPerPoint, 1) : `${fmt(r.cpuUsPerPoint, 1)} (+ HBase ${fmt(r.hbaseCpuUsPerPoint, 1)})`;
    lines.push(`| ${r.target}${r.errors ? ` (${r.errors} errors)` : ''} | ${fmt(r.pointsPerSec.telnet)} | ${fmt(r.pointsPerSec.http)} | ` +
      `${fmt(r.httpP50Ms, 1)} / ${fmt(r.httpP99Ms, 1)} | ${fmt(r.bytesPerPoint, 2)} | ${rss} | ${cpu} | ${r.load1[0]}–${r.load1[1]} | ${vs(emb, r)} | ${vs(hb, r)} |`);
  }
  return lines.join('\n');
}

export function queryTable(runs: readonly QueryRun[]): string {
  const lines = [
    '| query | target | p50 ms | p99 ms | CPU ms/query (TSD + HBase) | runs | load (1 min) | this ÷ tsd-ts embedded (p50) | this ÷ tsd-ts HBase (p50) |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const q of new Set(runs.map((r) => r.query))) {
    const mine = runs.filter((r) => r.query === q);
    const p50 = (t: string): number | undefined => mine.find((r) => r.target === t)?.p50Ms;
    for (const r of mine) {
      const vs = (t: string): string => times(r.target === t ? undefined : ratio(r.p50Ms, p50(t)));
      const cpu = r.hbaseCpuMs === undefined ? fmt(r.cpuMs) : `${fmt(r.cpuMs)} + ${fmt(r.hbaseCpuMs)}`;
      lines.push(`| ${q} | ${r.target}${r.problem ? ` ⚠ ${r.problem}` : ''} | ${fmt(r.p50Ms, 1)} | ${fmt(r.p99Ms, 1)} | ${cpu} | ${r.runs} | ${r.load1} | ${vs(TSD_EMBEDDED)} | ${vs(TSD_HBASE)} |`);
    }
  }
  return lines.join('\n');
}

/** The issue's four targets, each ratio from this one run. */
export function goals(rows: readonly IngestRow[], queries: readonly QueryRun[], opentsdb: string, vm: string): Goal[] {
  const by = (name: string): IngestRow | undefined => rows.find((r) => r.target === name);
  const out: Goal[] = [];
  for (const mode of ['telnet', 'http'] as const) {
    const label = mode === 'telnet' ? 'telnet' : '/api/put';
    const hb = ratio(by(TSD_HBASE)?.pointsPerSec[mode], by(opentsdb)?.pointsPerSec[mode]);
    if (hb !== undefined) out.push({ what: `ingest ${label}, same HBase: tsd-ts ÷ OpenTSDB`, value: hb, goal: '≥ 2×', met: hb >= 2 });
    const emb = ratio(by(TSD_EMBEDDED)?.pointsPerSec[mode], by(vm)?.pointsPerSec[mode]);
    if (emb !== undefined) out.push({ what: `ingest ${label}: tsd-ts embedded ÷ VictoriaMetrics`, value: emb, goal: '≥ 1×', met: emb >= 1 });
  }
  for (const q of new Set(queries.map((r) => r.query))) {
    const p50 = (t: string): number | undefined => queries.find((r) => r.query === q && r.target === t && r.problem === undefined)?.p50Ms;
    const speedup = ratio(p50(opentsdb), p50(TSD_HBASE));
    if (speedup !== undefined) out.push({ what: `query ${q}, same HBase: OpenTSDB p50 ÷ tsd-ts p50`, value: speedup, goal: '≥ 3×', met: speedup >= 3 });
  }
  const bytes = by(TSD_EMBEDDED)?.bytesPerPoint;
  if (bytes !== undefined) out.push({ what: 'bytes per point, embedded store, 10 s gauges', value: bytes, goal: '≤ 3', met: bytes <= 3 });
  return out;
}

export function goalLines(list: readonly Goal[]): string {
  return list.map((g) => `- ${g.met ? 'MET   ' : 'MISSED'} ${g.what}: ${fmt(g.value, 2)} (target ${g.goal})`).join('\n');
}
