/**
 * OpenTSDB drops repeated sub-queries (`new LinkedHashSet<TSSubQuery>(queries)`), comparing them with
 * `TSSubQuery.equals`: aggregator, metric, tsuids, downsample, rate, rate options, filters (whose
 * equals ignores group-by), explicit tags, pre-aggregate, fuzzy filter, percentiles, histogram buckets
 * and multi-get flags. The first of equal sub-queries is kept, in request order.
 */
import type { TagVFilter } from '../filters/tag-v-filter';
import type { RateOptions, SubQuerySpec } from '../model';

function sameList<T>(a: readonly T[] | null, b: readonly T[] | null, eq: (x: T, y: T) => boolean): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((x, i) => eq(x, b[i]));
}

function sameRate(a: RateOptions | null, b: RateOptions | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.counter === b.counter && a.counterMax === b.counterMax && a.resetValue === b.resetValue && a.dropResets === b.dropResets
  );
}

export function subQueriesEqual(a: SubQuerySpec, b: SubQuerySpec): boolean {
  return (
    a.aggregator === b.aggregator &&
    a.metric === b.metric &&
    sameList(a.tsuids, b.tsuids, (x, y) => x === y) &&
    a.downsample === b.downsample &&
    a.rate === b.rate &&
    sameRate(a.rateOptions, b.rateOptions) &&
    sameList<TagVFilter>(a.filters, b.filters, (x, y) => x.equals(y)) &&
    a.explicitTags === b.explicitTags &&
    a.preAggregate === b.preAggregate &&
    a.useFuzzyFilter === b.useFuzzyFilter &&
    sameList(a.percentiles, b.percentiles, (x, y) => x === y) &&
    a.showHistogramBuckets === b.showHistogramBuckets &&
    a.useMultiGets === b.useMultiGets
  );
}

export function dedupeSubQueries(queries: readonly SubQuerySpec[]): SubQuerySpec[] {
  const kept: SubQuerySpec[] = [];
  for (const q of queries) if (!kept.some((k) => subQueriesEqual(k, q))) kept.push(q);
  return kept;
}
