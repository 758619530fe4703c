/**
 * The `query` echo of `showQuery`: a validated sub-query as Jackson serializes OpenTSDB 2.4.1's
 * TSSubQuery bean. Jackson orders the fields after `index` as the JVM's reflection lists the getters,
 * which varies from one JVM start to the next (seen by test/compat on JDK 17); the getter-only `tags`
 * and `histogramQuery` always come last.
 */
import type { TagVFilter } from '../filters/tag-v-filter';
import { javaFloatToString } from '../java-float';
import { JavaHashMap } from '../../java/java-hash-map';
import type { TSSubQuery } from '../model';

const str = (s: string | null): string => (s === null ? 'null' : JSON.stringify(s));

function filterJson(f: TagVFilter): string {
  return `{"tagk":${str(f.tagk)},"filter":${str(f.filter)},"group_by":${f.groupBy},"type":"${f.type}"}`;
}

/** `getTags()`: the group-by filters as `type(expr)`, in Java HashMap order. */
function tagsJson(filters: readonly TagVFilter[]): string {
  const map = new JavaHashMap<string>(filters.length);
  for (const f of filters) if (f.groupBy) map.put(f.tagk, `${f.type}(${f.filter})`);
  return `{${map.orderedEntries().map(([k, v]) => `${str(k)}:${str(v)}`).join(',')}}`;
}

/**
 * @param filterTagkUids the resolved UIDs of the filters' tag keys (OpenTSDB's `getFilterTagKs()`,
 *   written as sorted base64), when the storage resolved them; `[]` otherwise.
 */
export function showQueryJson(sub: TSSubQuery, filterTagkUids: readonly Uint8Array[] = []): string {
  const o = sub.rateOptions;
  const rate =
    o === null
      ? 'null'
      : `{"counter":${o.counter},"counterMax":${o.counterMax},"resetValue":${o.resetValue},"dropResets":${o.dropResets}}`;
  const percentiles = sub.percentiles === null ? 'null' : `[${sub.percentiles.map(javaFloatToString).join(',')}]`;
  const tagks =
    sub.filters.length === 0
      ? 'null'
      : `[${[...filterTagkUids].sort(Buffer.compare).map((u) => `"${Buffer.from(u).toString('base64')}"`).join(',')}]`;
  const tsuids = sub.tsuids === null ? 'null' : `[${sub.tsuids.map(str).join(',')}]`;
  const histogram = (sub.percentiles !== null && sub.percentiles.length > 0) || sub.showHistogramBuckets;
  return (
    `{"aggregator":${str(sub.aggregator)},"metric":${str(sub.metric)},"tsuids":${tsuids},` +
    `"downsample":${str(sub.downsample)},"rate":${sub.rate},"filters":[${sub.filters.map(filterJson).join(',')}],` +
    `"percentiles":${percentiles},"index":${sub.index},"rateOptions":${rate},` +
    `"filterTagKs":${tagks},"explicitTags":${sub.explicitTags},` +
    `"useFuzzyFilter":${sub.useFuzzyFilter},"preAggregate":${sub.preAggregate},` +
    `"rollupUsage":${sub.rollupUsage === null ? 'null' : `"${sub.rollupUsage}"`},"rollupTable":"raw",` +
    `"showHistogramBuckets":${sub.showHistogramBuckets},"useMultiGets":${sub.useMultiGets},` +
    `"tags":${tagsJson(sub.filters)},"histogramQuery":${histogram}}`
  );
}
