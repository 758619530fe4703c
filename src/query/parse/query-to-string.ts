/**
 * `TSQuery.toString()` and `TSSubQuery.toString()` of OpenTSDB 2.4.1, which become the `details` of
 * every validation error, quirks included (`explicit_tags=explicit_tags`, the unclosed option lists).
 */
import { javaFloatToString } from '../java-float';
import { JavaHashMap } from '../../java/java-hash-map';
import type { QuerySpec, RateOptions, SubQuerySpec } from '../model';

/** What validation has set so far: each sub-query's parsed interval and index. */
export interface ValidationState {
  readonly dsIntervals: readonly number[];
  readonly indexes: readonly number[];
}

export function rateOptionsToString(o: RateOptions | null): string {
  return o === null ? 'null' : `{${o.counter},${o.counterMax},${o.resetValue}}`;
}

function listToString<T>(list: readonly T[] | null, show: (t: T) => string): string {
  return list === null ? 'null' : `[${list.map(show).join(', ')}]`;
}

export function subQueryToString(sub: SubQuerySpec, dsInterval: number, index: number): string {
  return (
    `TSSubQuery(metric=${sub.metric ?? ''}, filters=[${(sub.filters ?? []).map(String).join(', ')}], ` +
    `tsuids=[${(sub.tsuids ?? []).map((t) => t ?? 'null').join(', ')}], agg=${sub.aggregator}, ` +
    `downsample=${sub.downsample}, ds_interval=${dsInterval}, rate=${sub.rate}, ` +
    `rate_options=${rateOptionsToString(sub.rateOptions)}, explicit_tags=explicit_tags, index=${index}, ` +
    `percentiles=${listToString(sub.percentiles, javaFloatToString)}, ` +
    `show_histogram_buckets=${sub.showHistogramBuckets})`
  );
}

export function queryToString(q: QuerySpec, state: ValidationState): string {
  const subs = (q.queries ?? []).map((s, i) => subQueryToString(s, state.dsIntervals[i] ?? 0, state.indexes[i] ?? 0));
  let options = '';
  if (q.options !== null) {
    const map = new JavaHashMap<string[]>();
    for (const [k, v] of Object.entries(q.options)) map.put(k, v);
    for (const [k, v] of map.orderedEntries()) options += `${k}=[${v.join(', ')}`;
  }
  return (
    `TSQuery(start_time=${q.start}, end_time=${q.end}, subQueries[${subs.join(', ')}] ` +
    `padding=${q.padding}, no_annotations=${q.noAnnotations}, ` +
    `with_global_annotations=${q.globalAnnotations}, show_tsuids=${q.showTSUIDs}, ` +
    `ms_resolution=${q.msResolution}, options=[${options}])`
  );
}
