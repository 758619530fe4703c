/**
 * Runs one validated sub-query over the series the storage reader found for it (OpenTSDB 2.4.1's
 * TsdbQuery.runAsync after the scan): groups the series, then per group downsamples and rates each
 * series, merges them with the aggregator and keeps the points in [start, end].
 * Pure: no I/O, no clock. Throws QueryError for OpenTSDB's execution errors (HTTP 400).
 */
import { bucketGrid, type BucketGrid } from './downsample/bucket-grid';
import { checkFillBudget, downsample } from './downsample/downsampler';
import type { TSQuery, TSSubQuery } from './model';
import { aggregate, type MergeWindow } from './pipeline/aggregation-iterator';
import { formGroups, groupTags, type SpanGroup } from './pipeline/group-by';
import { rate } from './pipeline/rate';
import { seek, type SeriesPoints } from './pipeline/series-points';
import { scanWindow } from './plan/scan-window';
import { DEFAULT_RATE_OPTIONS } from './model';
import { IllegalArgumentError, QueryError } from './query-error';
import { DEFAULT_UID_WIDTHS, type GroupResult, type Span, type UidWidths } from './types';

export interface RunOptions {
  /** UID widths, to read tag UIDs out of `Span.sortKey` (default 3/3/3). */
  readonly uidWidths?: UidWidths;
}

export interface SubQueryResult {
  readonly index: number;
  readonly groups: readonly GroupResult[];
}

export function runSubQuery(query: TSQuery, index: number, spans: readonly Span[], options: RunOptions = {}): SubQueryResult {
  const sub = query.queries[index];
  if ((sub.percentiles !== null && sub.percentiles.length > 0) || sub.showHistogramBuckets) {
    // 2.4's histogram data points (tsd.core.histograms.config) are a separate store format.
    const message = 'Histogram queries (percentiles[…], show-histogram-buckets) are not supported';
    throw new QueryError(message, 400, message);
  }
  if (sub.preAggregate) {
    // 2.4 reads pre-aggregates from rollup tables; without them (tsd.rollups.enable) it fails with a
    // NullPointerException's words. We have no rollup tables: say so.
    const message = 'Pre-aggregated queries (pre-agg) need rollup tables, which are not supported';
    throw new QueryError(message, 400, message);
  }
  const { scanStartSec, scanEndSec } = scanWindow(query.startTime, query.endTime, sub.downsampler?.interval ?? 0);
  const window: MergeWindow = {
    scanStartMs: scanStartSec * 1000,
    scanEndMs: scanEndSec * 1000,
    startMs: query.startTime,
    endMs: query.endTime,
  };
  const widths = options.uidWidths ?? DEFAULT_UID_WIDTHS;
  const range = { startMs: window.scanStartMs, endMs: window.scanEndMs };
  if (sub.downsampler !== null) checkFillBudget(sub.downsampler, window, spans.length);
  const groups = formGroups(spans, sub.filters, sub.aggregatorFn.name === 'none', widths, range);
  let grid: BucketGrid | null = null;
  try {
    const results = groups.map((group) => {
      if (grid === null && sub.downsampler !== null && !sub.downsampler.runAll && group.members.length > 0) {
        grid = bucketGrid(sub.downsampler); // built with the first Downsampler, like OpenTSDB
      }
      return runGroup(sub, group, window, grid, widths);
    });
    return { index, groups: results };
  } catch (e) {
    // QueryRpc's ErrorCB answers any other exception with a 400 whose details repeat the message.
    if (e instanceof IllegalArgumentError) throw new QueryError(e.message, 400, e.message);
    throw e;
  }
}

function runGroup(sub: TSSubQuery, group: SpanGroup, w: MergeWindow, grid: BucketGrid | null, widths: UidWidths): GroupResult {
  const series = group.members.map((span) => seriesPipeline(sub, span, w, grid));
  const merged = aggregate(series, sub.aggregatorFn, sub.rate, w);
  const { tags, aggregateTags } = groupTags(group.members, widths);
  return {
    queryIndex: sub.index,
    metric: group.members.length > 0 ? group.members[0].metric : '',
    tags,
    aggregateTags,
    tsuids: group.members.map((s) => s.tsuid).sort(),
    annotations: group.annotations.length > 0 ? group.annotations : null,
    timestamps: Float64Array.from(merged.ts),
    values: Float64Array.from(merged.vals),
    isInteger: Uint8Array.from(merged.ints),
    bigValues: merged.big,
    size: merged.ts.length,
  };
}

/** One series through Span.downsampler and RateSpan, as AggregationIterator.create wires them. */
function seriesPipeline(sub: TSSubQuery, span: Span, w: MergeWindow, grid: BucketGrid | null): SeriesPoints {
  let points: SeriesPoints = { ts: span.timestamps, vals: span.values, ints: span.isInteger, n: span.timestamps.length };
  let from = seek(points, w.scanStartMs);
  if (sub.downsampler !== null) {
    points = downsample(points, sub.downsampler, grid, {
      scanStartMs: w.scanStartMs,
      scanEndMs: w.scanEndMs,
      queryStartMs: w.startMs,
      queryEndMs: w.endMs,
    });
    from = 0;
  }
  if (sub.rate) points = rate(points, from, sub.rateOptions ?? DEFAULT_RATE_OPTIONS);
  return points;
}
