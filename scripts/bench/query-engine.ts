/**
 * Times the pure query engine on the product's reference query: 1,000 series × 24 h at a 10 s interval
 * (8.64 M points), `sum:1m-avg:…{dc=*}` grouped by one tag (10 groups of 100 series). Spans are built in
 * memory first; each run covers what the engine does per request: parse, plan, predicate, run,
 * serialize. Prints p50/p99 over the runs.
 *
 *   npm run build && node dist/scripts/bench/query-engine.js [runs] [series] [hours] [m]
 * (`m` defaults to the reference query; e.g. 'sum:sys.cpu.user{dc=*}' times the raw merge).
 */
import {
  parseQueryString,
  planSubQuery,
  pushDownLiterals,
  runSubQuery,
  seriesFilter,
  serializeQueryResponse,
  type Span,
} from '../../src/query';
import { percentile } from './sample-stats';

const runs = Number(process.argv[2] ?? 10);
const seriesCount = Number(process.argv[3] ?? 1000);
const hours = Number(process.argv[4] ?? 24);
const m = process.argv[5] ?? 'sum:1m-avg:sys.cpu.user{dc=*}';
const START = 1_700_000_000 - (1_700_000_000 % 3600);
const INTERVAL_MS = 10_000;

function uid(n: number): string {
  return String.fromCharCode((n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
}

/** Host series spread over 10 data centres; CPU-like float values, as 4-byte floats are stored. */
function buildSpans(): Span[] {
  const points = (hours * 3600_000) / INTERVAL_MS;
  const spans: Span[] = [];
  let seed = 42;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let s = 0; s < seriesCount; s++) {
    const host = `web${String(s).padStart(4, '0')}`;
    const dc = `dc${s % 10}`;
    const timestamps = new Float64Array(points);
    const values = new Float64Array(points);
    let v = random() * 100;
    for (let i = 0; i < points; i++) {
      timestamps[i] = START * 1000 + i * INTERVAL_MS;
      v = Math.min(100, Math.max(0, v + random() * 4 - 2));
      values[i] = Math.fround(v);
    }
    // tagk UIDs: dc = 1, host = 2; tagv UIDs: dcN = 1..10, hosts after them.
    spans.push({
      tsuid: '',
      metric: 'sys.cpu.user',
      tags: { dc, host },
      tagkOrder: ['dc', 'host'],
      sortKey: uid(1) + uid(1) + uid((s % 10) + 1) + uid(2) + uid(s + 11),
      timestamps,
      values,
      isInteger: new Uint8Array(points),
      annotations: [],
    });
  }
  return spans;
}

interface Run {
  readonly ms: number;
  /** CPU time of this process (user + system): steadier than wall time on a busy machine. */
  readonly cpuMs: number;
  readonly bytes: number;
  readonly groups: number;
}

function once(spans: readonly Span[]): Run {
  const began = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const params = new URLSearchParams({
    start: String(START),
    end: String(START + hours * 3600 - 1),
    m,
  });
  const query = parseQueryString(params, { nowMs: Date.now() });
  const plan = planSubQuery(query, 0);
  const keep = seriesFilter(query.queries[0], pushDownLiterals([]));
  const selected = spans.filter((s) => s.metric === plan.metric && keep(s.tags));
  const result = runSubQuery(query, 0, selected);
  const body = serializeQueryResponse({ query, results: [result] });
  const ms = Number(process.hrtime.bigint() - began) / 1e6;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, bytes: body.length, groups: result.groups.length };
}

const built = Date.now();
const spans = buildSpans();
const points = spans.reduce((n, s) => n + s.timestamps.length, 0);
console.log(`built ${spans.length} series, ${points} points in ${Date.now() - built} ms`);
once(spans); // warm-up: JIT and the first allocations
const times: number[] = [];
const cpuTimes: number[] = [];
let last: Run = { ms: 0, cpuMs: 0, bytes: 0, groups: 0 };
for (let i = 0; i < runs; i++) {
  last = once(spans);
  times.push(last.ms);
  cpuTimes.push(last.cpuMs);
}
console.log(
  `engine: p50 ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms wall; ` +
    `CPU p50 ${percentile(cpuTimes, 50).toFixed(1)} ms; over ${runs} runs ` +
    `(${last.groups} groups, ${(last.bytes / 1024).toFixed(0)} KiB of JSON)`,
);
