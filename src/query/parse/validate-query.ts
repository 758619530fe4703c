/**
 * `TSQuery.validateAndSetQuery()` and `TSSubQuery.validateAndSetQuery()` of OpenTSDB 2.4.1: times to
 * ms, aggregators and downsamplers resolved, timezone and calendar flags applied, indexes assigned.
 * Every failure is a 400 whose details are the query's `toString()` at that moment.
 */
import { findAggregator } from '../aggregate/aggregators';
import { parseDownsample, type DownsamplingSpec } from '../downsample/downsampling-spec';
import { javaFloatToString } from '../java-float';
import type { QuerySpec, SubQuerySpec, TSQuery, TSSubQuery } from '../model';
import { IllegalArgumentError, QueryError } from '../query-error';
import { parseDateTimeString } from '../time/date-time';
import { findTimeZone, UTC, type TimeZone } from '../time/time-zone';
import { queryToString } from './query-to-string';

export interface ParseContext {
  /** The current time in ms: relative times and a missing end are computed from it. */
  readonly nowMs: number;
  /** Zone for absolute dates without a `timezone` (the JVM default zone in OpenTSDB); UTC if unset. */
  readonly defaultTimeZone?: string;
}

export function validateQuery(spec: QuerySpec, ctx: ParseContext): TSQuery {
  const dsIntervals: number[] = [];
  const indexes: number[] = (spec.queries ?? []).map(() => 0);
  const fail = (message: string): QueryError => new QueryError(message, 400, queryToString(spec, { dsIntervals, indexes }));
  const dates = { nowMs: ctx.nowMs, defaultZone: defaultZone(ctx) };
  try {
    if (spec.start === null || spec.start.length === 0) throw new IllegalArgumentError('Missing start time');
    const startTime = parseDateTimeString(spec.start, spec.timezone, dates);
    const endTime =
      spec.end !== null && spec.end.length > 0 ? parseDateTimeString(spec.end, spec.timezone, dates) : ctx.nowMs;
    if (endTime <= startTime) {
      throw new IllegalArgumentError(`End time [${endTime}] must be greater than the start time [${startTime}]`);
    }
    if (spec.queries === null || spec.queries.length === 0) throw new IllegalArgumentError('Missing queries');
    const queries = spec.queries.map((sub, i) => {
      const validated = validateSubQuery(sub, i);
      dsIntervals[i] = validated.downsampler?.interval ?? 0;
      const withCalendar = applyCalendar(validated, spec);
      indexes[i] = i;
      return withCalendar;
    });
    const { queries: _raw, ...flags } = spec;
    return { ...flags, startTime, endTime, queries };
  } catch (e) {
    if (e instanceof QueryError) throw e;
    throw fail((e as Error).message);
  }
}

function defaultZone(ctx: ParseContext): TimeZone {
  if (ctx.defaultTimeZone === undefined) return UTC;
  const zone = findTimeZone(ctx.defaultTimeZone);
  if (zone === null) throw new RangeError(`Cannot use time zone '${ctx.defaultTimeZone}': Java does not know it`);
  return zone;
}

function validateSubQuery(sub: SubQuerySpec, index: number): TSSubQuery {
  if (sub.aggregator === null || sub.aggregator.length === 0) {
    throw new IllegalArgumentError('Missing the aggregation function');
  }
  const aggregatorFn = findAggregator(sub.aggregator);
  if (aggregatorFn === undefined) throw new IllegalArgumentError(`No such aggregation function: ${sub.aggregator}`);
  if ((sub.tsuids === null || sub.tsuids.length === 0) && (sub.metric === null || sub.metric.length === 0)) {
    throw new IllegalArgumentError('Missing the metric or tsuids, provide at least one');
  }
  let downsampler: DownsamplingSpec | null = null;
  if (sub.downsample !== null && sub.downsample.length > 0) downsampler = parseDownsample(sub.downsample);
  checkHistogramQuery(sub, aggregatorFn.name, downsampler);
  return { ...sub, index, aggregatorFn, downsampler, filters: sub.filters ?? [] };
}

/** The query's `timezone` and `useCalendar` reach every downsampler. */
function applyCalendar(sub: TSSubQuery, query: QuerySpec): TSSubQuery {
  let downsampler = sub.downsampler;
  if (downsampler === null) return sub;
  if (query.timezone !== null && query.timezone.length > 0) {
    const zone = findTimeZone(query.timezone);
    if (zone === null) throw new IllegalArgumentError('The timezone specification could not be found');
    downsampler = { ...downsampler, timezone: zone };
  }
  if (query.useCalendar) downsampler = { ...downsampler, useCalendar: true };
  return { ...sub, downsampler };
}

function checkHistogramQuery(sub: SubQuerySpec, aggregator: string, ds: DownsamplingSpec | null): void {
  const percentiles = sub.percentiles ?? [];
  if (percentiles.length === 0 && !sub.showHistogramBuckets) return;
  if (aggregator !== 'none' && aggregator !== 'sum') {
    throw new IllegalArgumentError('Only NONE or SUM aggregation function supported for histogram query');
  }
  if (ds !== null && ds.fn.name.toLowerCase() !== 'sum') {
    throw new IllegalArgumentError('Only SUM downsampling aggregation supported for histogram query');
  }
  for (const p of percentiles) {
    if (p < 0 || p > 100) throw new IllegalArgumentError(`Invalid percentile parameters: ${javaFloatToString(p)}`);
  }
}
