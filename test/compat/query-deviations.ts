/**
 * What the query corpus may find different between tsd-ts and OpenTSDB 2.4.1, case by case: values
 * that are server-specific (timings, the clock, reflection order), and deliberate deviations, each
 * with its reason (docs/compatibility.md). A deviation is asserted exactly — the list of differences
 * expected, or a check of both replies — so any change in either server shows up.
 */
import { T0 } from './corpus-data';
import { QUERY_RULES, type DiffRules, type Reply } from './reply-diff';

export interface Deviation {
  readonly why: string;
  /** The exact differences expected. */
  readonly diffs?: readonly string[];
  /** Or a check of both replies, where a difference holds run-specific values (UIDs). */
  readonly check?: (ours: Reply, theirs: Reply) => void;
}

const HISTOGRAMS = 'Histogram queries (percentiles[…], show-histogram-buckets) are not supported';

/** 2.4 answers series named `_pct_<p>` holding annotations and no point; we refuse the query. */
function histogramRefused(ours: Reply, theirs: Reply): void {
  expect({ status: ours.status, message: (JSON.parse(ours.text) as { error: { message: string } }).error.message })
    .toEqual({ status: 400, message: HISTOGRAMS });
  expect(theirs.status).toBe(200);
  const series = JSON.parse(theirs.text) as { metric: string; dps: Record<string, number> }[];
  expect(series.length).toBeGreaterThan(0);
  for (const s of series) expect({ pct: s.metric.startsWith('_pct_'), points: Object.keys(s.dps).length }).toEqual({ pct: true, points: 0 });
}

/**
 * /api/query/last without back_scan: 2.4 looks the series up in tsdb-meta, empty unless meta
 * tracking is on, and finds nothing; tsd-ts finds the newest point by scanning back (the last
 * written point of the data set, here).
 */
function lastPointFound(timestampSec: number, value: string, resolved: Record<string, unknown> = {}): (ours: Reply, theirs: Reply) => void {
  return (ours, theirs) => {
    expect({ status: theirs.status, body: theirs.text }).toEqual({ status: 200, body: '[]' });
    expect(ours.status).toBe(200);
    expect(JSON.parse(ours.text)).toEqual([{ ...resolved, timestamp: timestampSec * 1000, value, tsuid: expect.stringMatching(/^[0-9A-F]+$/) }]);
  };
}

const PRE_AGG = 'Pre-aggregated queries (pre-agg) need rollup tables, which are not supported';
const PRE_AGG_NPE = 'Cannot invoke \\"net.opentsdb.rollup.RollupInterval.getGroupbyTable()\\" because the return value of ' +
  '\\"net.opentsdb.core.TSDB.getDefaultInterval()\\" is null';

/** Open (docs/compatibility.md): the engine holds values as doubles, exact up to 2^53 only. */
const BEYOND_2_53 = 'open: integers beyond 2^53 are rounded to doubles in the query engine';

const DEVIATIONS: ReadonlyMap<string, Deviation> = new Map([
  ['integers beyond 2^53', { why: BEYOND_2_53, diffs: [
    '$[0].dps["1704067200"]: tsd-ts 9007199254740992 | OpenTSDB 9007199254740993',
    '$[0].dps["1704067260"]: tsd-ts 9223372036854776000 | OpenTSDB 9223372036854775807',
    '$[0].dps["1704067320"]: tsd-ts -9223372036854776000 | OpenTSDB -9223372036854775808',
  ] }],
  ['integers beyond 2^53, summed', { why: BEYOND_2_53, diffs: [
    '$[0].dps["1704067200"]: tsd-ts 18014398509481984 | OpenTSDB 18014398509481986',
    '$[0].dps["1704067260"]: tsd-ts -9223372036854775808 | OpenTSDB 9223372036854775807',
  ] }],
  ['filter {host=regexp([)}', {
    why: 'regular expressions are compiled by JavaScript, whose error texts are not java.util.regex\'s',
    diffs: ['$.error.message: tsd-ts "When parsing tag \'host=regexp([)\': Cannot compile regular expression \'[\': ' +
      'Invalid regular expression: /[/: Unterminated character class" | OpenTSDB "When parsing tag \'host=regexp([)\': ' +
      'Unclosed character class near index 0\\n[\\n^"'],
  }],
  ['pre-agg modifier', {
    why: 'no rollup tables: 2.4 fails with a NullPointerException\'s words, we say why',
    diffs: [`$.error.message: tsd-ts "${PRE_AGG}" | OpenTSDB "${PRE_AGG_NPE}"`, `$.error.details: tsd-ts "${PRE_AGG}" | OpenTSDB "${PRE_AGG_NPE}"`],
  }],
  ['percentiles on a non-histogram metric', { why: 'no histogram storage', check: histogramRefused }],
  ['percentiles through POST', { why: 'no histogram storage', check: histogramRefused }],
  ['last point without back_scan', { why: 'no meta tracking needed', check: lastPointFound(T0 + 179 * 60, '53') }],
  ['last point without back_scan, names resolved', { why: 'no meta tracking needed',
    check: lastPointFound(T0 + 4 * 2400, '5', { metric: 'cc.sparse', tags: { host: 'web01', dc: 'lga' } }) }],
  ['last point of a TSUID', { why: 'no meta tracking needed', check: lastPointFound(T0 + 179 * 60, '53') }],
]);

export function deviationOf(name: string): Deviation | undefined {
  return DEVIATIONS.get(name);
}

/** Names of the cases with a deliberate deviation. */
export const deviatingCases = (): string[] => [...DEVIATIONS.keys()];

/**
 * Query statistics: where they go (a `stats` object per result with its `queryIndex`, a trailing
 * `statsSummary` element) is compared; their fields are each server's own (docs/compatibility.md).
 */
const STATS_FIELDS = /^\$\[\d+\]\.(stats\.(?!queryIndex$)|statsSummary\.)/;
/** The `query` echo is a Jackson bean: its middle fields come in the JVM's reflection order, which varies by run. */
const QUERY_ECHO = /^\$\[\d+\]\.query$/;
/** Relative times resolve against each server's clock: mask the milliseconds in messages. */
const CLOCK_CASES = new Set(['start in the future']);

export function rulesFor(name: string): DiffRules {
  return {
    ...QUERY_RULES,
    ignore: (p) => STATS_FIELDS.test(p),
    anyKeyOrder: (p) => QUERY_ECHO.test(p),
    rewrite: CLOCK_CASES.has(name) ? (_p, t) => t.replace(/\d{13}/g, '<now>') : undefined,
  };
}
