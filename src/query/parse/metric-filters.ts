/**
 * `Tags.parseWithMetricAndFilters`: the last part of `m=`, `metric{groupby filters}{other filters}`.
 * Every error is Java's IllegalArgumentException text (OpenTSDB answers them with HTTP 500).
 */
import { mapToFilters } from '../filters/filter-registry';
import type { TagVFilter } from '../filters/tag-v-filter';
import { IllegalArgumentError } from '../query-error';

/** Returns the metric name and appends the filters found in the braces. */
export function parseWithMetricAndFilters(metric: string, filters: TagVFilter[]): string {
  if (metric.length === 0) throw new IllegalArgumentError('Metric cannot be null or empty');
  const curly = metric.indexOf('{');
  if (curly < 0) return metric;
  const len = metric.length;
  if (metric[len - 1] !== '}') throw new IllegalArgumentError(`Missing '}' at the end of: ${metric}`);
  if (curly === len - 2) return metric.slice(0, len - 2);
  const close = metric.indexOf('}');
  if (close !== len - 1) {
    const bracket = metric.lastIndexOf('{');
    for (const filter of metric.slice(bracket + 1, len - 1).split(',')) {
      if (filter.length === 0) break;
      withContext(`When parsing filter '${filter}': `, () => mapToFilters([parseTag(filter)], filters, false));
    }
  }
  for (const tag of metric.slice(curly + 1, close).split(',')) {
    if (tag.length === 0 && close !== len - 1) break;
    withContext(`When parsing tag '${tag}': `, () => mapToFilters([parseTag(tag)], filters, true));
  }
  return metric.slice(0, curly);
}

/** `Tags.parse(map, "k=v")` for a single pair. */
function parseTag(tag: string): [string, string] {
  const kv = tag.split('=');
  if (kv.length !== 2 || kv[0].length === 0 || kv[1].length === 0) {
    throw new IllegalArgumentError(`invalid tag: ${tag}`);
  }
  return [kv[0], kv[1]];
}

function withContext(prefix: string, fn: () => void): void {
  try {
    fn();
  } catch (e) {
    throw new IllegalArgumentError(prefix + (e as Error).message);
  }
}
