/**
 * The query as OpenTSDB's `TSQuery`/`TSSubQuery` hold it: first the user's fields exactly as parsed
 * from the query string or JSON body (`QuerySpec`, `SubQuerySpec`), then the validated form
 * (`TSQuery`, `TSSubQuery`) with times in ms, the aggregator and the downsampling specification.
 */
import type { Aggregator } from './aggregate/aggregators';
import type { DownsamplingSpec } from './downsample/downsampling-spec';
import type { TagVFilter } from './filters/tag-v-filter';

export type FillPolicy = 'none' | 'zero' | 'nan' | 'null' | 'scalar';

/** `RateOptions`; the longs are bigint so `counterMax` keeps Long.MAX_VALUE exactly. */
export interface RateOptions {
  readonly counter: boolean;
  readonly counterMax: bigint;
  readonly resetValue: bigint;
  readonly dropResets: boolean;
}

export const DEFAULT_RATE_OPTIONS: RateOptions = {
  counter: false,
  counterMax: 9223372036854775807n,
  resetValue: 0n,
  dropResets: false,
};

/** `TsdbQuery.ROLLUP_USAGE`. */
export type RollupUsage = 'ROLLUP_RAW' | 'ROLLUP_NOFALLBACK' | 'ROLLUP_FALLBACK' | 'ROLLUP_FALLBACK_RAW';

/** A sub-query's user fields (TSSubQuery before `validateAndSetQuery`). */
export interface SubQuerySpec {
  aggregator: string | null;
  metric: string | null;
  tsuids: string[] | null;
  downsample: string | null;
  rate: boolean;
  rateOptions: RateOptions | null;
  filters: TagVFilter[] | null;
  explicitTags: boolean;
  percentiles: number[] | null;
  showHistogramBuckets: boolean;
  rollupUsage: RollupUsage | null;
  preAggregate: boolean;
  useFuzzyFilter: boolean;
  useMultiGets: boolean;
}

/** The query's user fields (TSQuery before `validateAndSetQuery`). */
export interface QuerySpec {
  start: string | null;
  end: string | null;
  timezone: string | null;
  useCalendar: boolean;
  options: Record<string, string[]> | null;
  padding: boolean;
  noAnnotations: boolean;
  globalAnnotations: boolean;
  showTSUIDs: boolean;
  msResolution: boolean;
  showQuery: boolean;
  showStats: boolean;
  showSummary: boolean;
  delete: boolean;
  overrideByteLimit: boolean;
  overrideDataPointLimit: boolean;
  queries: SubQuerySpec[] | null;
}

export function newSubQuerySpec(): SubQuerySpec {
  return {
    aggregator: null,
    metric: null,
    tsuids: null,
    downsample: null,
    rate: false,
    rateOptions: null,
    filters: null,
    explicitTags: false,
    percentiles: null,
    showHistogramBuckets: false,
    rollupUsage: null,
    preAggregate: false,
    useFuzzyFilter: true,
    useMultiGets: true,
  };
}

export function newQuerySpec(): QuerySpec {
  return {
    start: null,
    end: null,
    timezone: null,
    useCalendar: false,
    options: null,
    padding: false,
    noAnnotations: false,
    globalAnnotations: false,
    showTSUIDs: false,
    msResolution: false,
    showQuery: false,
    showStats: false,
    showSummary: false,
    delete: false,
    overrideByteLimit: false,
    overrideDataPointLimit: false,
    queries: null,
  };
}

/** A validated sub-query. */
export interface TSSubQuery extends Readonly<SubQuerySpec> {
  readonly index: number;
  readonly aggregatorFn: Aggregator;
  /** null when the sub-query does not downsample. */
  readonly downsampler: DownsamplingSpec | null;
  readonly filters: TagVFilter[];
}

/** A validated query: what `parseQueryString`/`parseQueryBody` return. */
export interface TSQuery extends Readonly<Omit<QuerySpec, 'queries'>> {
  /** Start and end in ms, both inclusive. */
  readonly startTime: number;
  readonly endTime: number;
  readonly queries: readonly TSSubQuery[];
}
