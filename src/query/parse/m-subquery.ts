/**
 * The `m=` and `tsuid=` sub-query grammars of `QueryRpc` (OpenTSDB 2.4.1):
 * `AGG:[modifier:]…METRIC{groupby}{filters}` and `AGG:[modifier:]…TSUID[,TSUID…]`, with 2-5
 * `:`-separated parts. Modifiers are recognised by their prefix; unknown ones are silently ignored.
 */
import type { TagVFilter } from '../filters/tag-v-filter';
import { NumberFormatError, parseJavaLong } from '../java-long';
import { DEFAULT_RATE_OPTIONS, newSubQuerySpec, type RateOptions, type RollupUsage, type SubQuerySpec } from '../model';
import { IllegalArgumentError, QueryError } from '../query-error';
import { parseWithMetricAndFilters } from './metric-filters';

const ROLLUP_USAGES: readonly RollupUsage[] = ['ROLLUP_RAW', 'ROLLUP_NOFALLBACK', 'ROLLUP_FALLBACK', 'ROLLUP_FALLBACK_RAW'];

/** `QueryRpc.parseMTypeSubQuery`. */
export function parseMSubQuery(queryString: string): SubQuerySpec {
  if (queryString.length === 0) throw new QueryError('The query string was empty');
  const parts = splitParts(queryString);
  const sub = newSubQuerySpec();
  sub.aggregator = parts[0];
  const filters: TagVFilter[] = [];
  try {
    sub.metric = parseWithMetricAndFilters(parts[parts.length - 1], filters);
  } catch (e) {
    // An IllegalArgumentException escapes QueryRpc.parseQuery: OpenTSDB answers 500.
    if (e instanceof IllegalArgumentError) throw new QueryError(e.message, 500);
    throw e;
  }
  sub.filters = filters;
  applyModifiers(sub, parts, true);
  return sub;
}

/** `QueryRpc.parseTsuidTypeSubQuery`. */
export function parseTsuidSubQuery(queryString: string): SubQuerySpec {
  if (queryString.length === 0) throw new QueryError('The tsuid query string was empty');
  const parts = splitParts(queryString);
  const sub = newSubQuerySpec();
  sub.aggregator = parts[0];
  sub.tsuids = javaSplit(parts[parts.length - 1], ',');
  applyModifiers(sub, parts, false);
  return sub;
}

function splitParts(queryString: string): string[] {
  const parts = queryString.split(':');
  if (parts.length < 2 || parts.length > 5) {
    const how = parts.length < 2 ? 'not enough' : 'too many';
    throw new QueryError(`Invalid parameter m=${queryString} (${how} :-separated parts)`);
  }
  return parts;
}

function applyModifiers(sub: SubQuerySpec, parts: string[], metricQuery: boolean): void {
  for (let x = 1; x < parts.length - 1; x++) {
    const part = parts[x];
    const lower = part.toLowerCase();
    if (part.length === 0) {
      // Java reads charAt(0) of an empty part: StringIndexOutOfBoundsException, a 500.
      throw new QueryError('String index out of range: 0', 500);
    }
    if (lower.startsWith('rate')) {
      sub.rate = true;
      if (part.includes('{')) sub.rateOptions = parseRateOptions(part);
    } else if (part.charCodeAt(0) >= 0x30 && part.charCodeAt(0) <= 0x39) {
      sub.downsample = part;
    } else if (metricQuery && lower === 'pre-agg') {
      sub.preAggregate = true;
    } else if (metricQuery && lower.startsWith('rollup_')) {
      sub.rollupUsage = ROLLUP_USAGES.find((u) => u === part.toUpperCase()) ?? 'ROLLUP_NOFALLBACK';
    } else if (lower.startsWith('percentiles')) {
      sub.percentiles = parsePercentiles(part);
    } else if (lower.startsWith('show-histogram-buckets')) {
      sub.showHistogramBuckets = true;
    } else if (metricQuery && lower.startsWith('explicit_tags')) {
      sub.explicitTags = true;
    }
  }
}

/** `QueryRpc.parseRateOptions(true, spec)`: `rate{[drop]counter[,max[,reset]]}`. */
export function parseRateOptions(spec: string): RateOptions {
  if (spec.length === 4) return DEFAULT_RATE_OPTIONS;
  if (spec.length < 6) throw new QueryError(`Invalid rate options specification: ${spec}`);
  const parts = spec.slice(5, -1).split(',');
  if (parts.length > 3) {
    throw new QueryError(
      'Incorrect number of values in rate options specification, must be ' +
        `counter[,counter max value,reset value], recieved: ${parts.length} parts`,
    );
  }
  const counter = parts[0].endsWith('counter');
  const counterMax = readLong(parts[1], DEFAULT_RATE_OPTIONS.counterMax, 'Max value of counter');
  const resetValue = readLong(parts[2], 0n, 'Reset value of counter');
  return { counter, counterMax, resetValue, dropResets: parts[0] === 'dropcounter' };
}

function readLong(text: string | undefined, fallback: bigint, what: string): bigint {
  if (text === undefined || text.length === 0) return fallback;
  try {
    return parseJavaLong(text);
  } catch (e) {
    if (e instanceof NumberFormatError) throw new QueryError(`${what} was not a number, received '${text}'`);
    throw e;
  }
}

/** `QueryRpc.parsePercentiles`: `percentiles[p1,p2,…]`, sorted as `setPercentiles` does. */
function parsePercentiles(spec: string): number[] {
  const start = spec.indexOf('[');
  const end = spec.indexOf(']');
  if (start === -1 || end === -1) throw new QueryError(`Malformated percentile query paramater: ${spec}`);
  const values = spec.slice(start + 1, end).split(',').map((s) => {
    const t = s.trim();
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?$/.test(t)) {
      throw new QueryError(t.length === 0 ? 'empty String' : `For input string: "${t}"`, 500);
    }
    return Math.fround(parseFloat(t));
  });
  return values.sort((a, b) => a - b);
}

/** Java's `String.split(",")`: trailing empty strings removed. */
function javaSplit(s: string, sep: string): string[] {
  const parts = s.split(sep);
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts.length === 1 && parts[0] === '' && s.length > 0 ? [] : parts;
}
