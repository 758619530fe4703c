/**
 * OpenTSDB 2.4.1's per-series downsamplers (`Downsampler`, `FillingDownsampler`), materialized: the
 * points they yield after the aggregation iterator's `seek(scanStart)`. Each bucket's value is the
 * function's double routine over the bucket's points in time order; downsampled values are doubles.
 * Without a fill policy only buckets holding points are emitted (later bridged by interpolation); with
 * one, every bucket of the scan window is, empty ones as NaN (`nan`, `null`) or 0 (`zero`).
 */
import { QueryError } from '../query-error';
import { PointsBuilder, seek, type SeriesPoints } from '../pipeline/series-points';
import type { BucketGrid } from './bucket-grid';
import type { DownsamplingSpec } from './downsampling-spec';
import { bucketReducer, type BucketReducer } from './bucket-reducers';

export interface DownsampleWindow {
  /** Scan window in ms (`seek` target and fill range). */
  readonly scanStartMs: number;
  readonly scanEndMs: number;
  /** The query's start and end in ms (the `all` bucket: [start, end)). */
  readonly queryStartMs: number;
  readonly queryEndMs: number;
}

/** Upper bound on the buckets a fill policy may emit for one series. */
const MAX_FILLED_BUCKETS = 5_000_000;
/** Upper bound on the buckets a fill policy may emit over all series of one sub-query (16 bytes each). */
const MAX_FILLED_BUCKETS_PER_QUERY = 10_000_000;

/**
 * Refuses a fill that would emit more than MAX_FILLED_BUCKETS_PER_QUERY buckets over `seriesCount`
 * series: filled buckets cost memory whether or not any point was read, so the read limits do not
 * bound them (not in OpenTSDB, which fills lazily while it writes the answer).
 */
export function checkFillBudget(spec: DownsamplingSpec, w: { scanStartMs: number; scanEndMs: number }, seriesCount: number): void {
  if (spec.runAll || spec.fillPolicy === 'none' || seriesCount === 0) return;
  const perSeries = Math.ceil((w.scanEndMs - w.scanStartMs) / spec.interval);
  if (perSeries > MAX_FILLED_BUCKETS) throw tooManyPerSeries(perSeries, spec);
  if (perSeries * seriesCount <= MAX_FILLED_BUCKETS_PER_QUERY) return;
  const message =
    `Cannot fill ${perSeries} buckets of '${spec.stringInterval}' for each of ${seriesCount} series ` +
    `(limit ${MAX_FILLED_BUCKETS_PER_QUERY} per query): use a larger downsampling interval, a shorter time range or fewer series`;
  throw new QueryError(message, 400, message);
}

/** Not in OpenTSDB, which iterates lazily: a guard so a tiny interval cannot exhaust our memory. */
function tooManyPerSeries(expected: number, spec: DownsamplingSpec): QueryError {
  const message =
    `Cannot fill ${expected} buckets of '${spec.stringInterval}' per series ` +
    `(limit ${MAX_FILLED_BUCKETS}): use a larger downsampling interval or a shorter time range`;
  return new QueryError(message, 400, message);
}

/** Reusable buffer for one bucket's values. */
let scratch = new Float64Array(1024);

/** The function's double routine over vals[from, to). */
function reducerFor(spec: DownsamplingSpec): BucketReducer {
  return (
    bucketReducer(spec.fn.name) ??
    ((vals, from, to) => {
      const count = to - from;
      if (count > scratch.length) scratch = new Float64Array(count * 2);
      scratch.set(vals.subarray(from, to));
      return spec.fn.runDouble(scratch, count);
    })
  );
}

export function downsample(
  src: SeriesPoints,
  spec: DownsamplingSpec,
  grid: BucketGrid | null,
  w: DownsampleWindow,
): SeriesPoints {
  if (spec.runAll) return downsampleAll(src, spec, w);
  const buckets = dataBuckets(src, spec, grid as BucketGrid, w.scanStartMs);
  return spec.fillPolicy === 'none' ? buckets : fill(buckets, spec, grid as BucketGrid, w);
}

/** `all`: one value over the points in [query start, query end), stamped with the query start. */
function downsampleAll(src: SeriesPoints, spec: DownsamplingSpec, w: DownsampleWindow): SeriesPoints {
  const from = Math.max(seek(src, w.scanStartMs), seek(src, w.queryStartMs));
  const to = Math.max(from, seek(src, w.queryEndMs));
  const out = new PointsBuilder(1);
  if (to > from) out.push(w.queryStartMs, reducerFor(spec)(src.vals, from, to));
  return out.build();
}

/** Buckets holding at least one point, anchored on the first point after the seek. */
function dataBuckets(src: SeriesPoints, spec: DownsamplingSpec, grid: BucketGrid, scanStartMs: number): SeriesPoints {
  let i = seek(src, grid.seekTarget(scanStartMs));
  if (i >= src.n) return new PointsBuilder(1).build();
  // Enough room for every bucket the points can span (calendar intervals are near their duration).
  const span = src.ts[src.n - 1] - src.ts[i];
  const out = new PointsBuilder(Math.min(src.n - i, Math.ceil(span / Math.max(1, spec.interval)) + 2));
  const { ts, vals, n } = src;
  const reduce = reducerFor(spec);
  if (!spec.useCalendar) {
    const interval = spec.interval;
    let end = -Infinity;
    while (i < n) {
      const start = bucketStart(ts[i], end, interval);
      end = start + interval;
      let j = i + 1;
      while (j < n && ts[j] < end) j++;
      out.push(start, reduce(vals, i, j));
      i = j;
    }
    return out.build();
  }
  // Calendar buckets: two calendars stepped together, as ValuesInInterval does.
  let previous = grid.floor(ts[i]);
  let next = grid.next(previous);
  while (i < n) {
    let j = i;
    while (j < n && ts[j] < next) j++;
    out.push(previous, reduce(vals, i, j));
    i = j;
    while (i < n && ts[i] >= next) {
      previous = grid.next(previous);
      next = grid.next(next);
    }
  }
  return out.build();
}

/** `t - t % interval`, skipping the slow modulo when `t` falls in the bucket right after `previousEnd`. */
function bucketStart(t: number, previousEnd: number, interval: number): number {
  return t >= previousEnd && t < previousEnd + interval ? previousEnd : t - (t % interval);
}

/** FillingDownsampler: every bucket from the scan start's bucket up to the scan end's. */
function fill(buckets: SeriesPoints, spec: DownsamplingSpec, grid: BucketGrid, w: DownsampleWindow): SeriesPoints {
  const expected = Math.ceil((w.scanEndMs - w.scanStartMs) / spec.interval);
  if (expected > MAX_FILLED_BUCKETS) throw tooManyPerSeries(expected, spec);
  let t = grid.floor(w.scanStartMs);
  let end = grid.floor(w.scanEndMs);
  if (spec.useCalendar && end === t) end = grid.next(end);
  const out = new PointsBuilder(buckets.n + 16);
  let b = 0;
  while (t < end) {
    while (b < buckets.n && buckets.ts[b] < t) b++;
    if (b < buckets.n && buckets.ts[b] === t) {
      out.push(t, buckets.vals[b++]);
    } else if (spec.fillPolicy === 'zero') {
      out.push(t, 0);
    } else if (spec.fillPolicy === 'nan' || spec.fillPolicy === 'null') {
      out.push(t, NaN);
    } else {
      throw new QueryError('unhandled fill policy', 400, 'unhandled fill policy');
    }
    t = grid.next(t);
  }
  return out.build();
}
