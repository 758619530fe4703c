/**
 * The seam between the storage reader and the pure query engine.
 *
 * The storage reader turns the rows of one sub-query's scan (see `planSubQuery`) into one `Span` per
 * time series, the way OpenTSDB's SaltScanner fills its `TreeMap<byte[], Span>`: all points of the
 * series inside the scanned rows, whole hours, including points before `start` and after `end`.
 *
 * Numbers: values are IEEE doubles. Integer points (stored as 1-8 byte longs) are flagged in
 * `isInteger`; their value must be an exact integer. Integer arithmetic inside the engine follows Java's
 * int64 rules exactly (wrapping sums/products, truncating division) for every input up to 2^53 in
 * magnitude, and integer results beyond 2^53 are kept as `bigint` so they print exactly. Stored longs
 * beyond 2^53 reach the engine rounded to the nearest double: the one documented loss.
 */
import type { Annotation } from '../meta/annotation';

export type { Annotation };

/** One time series' points within the scan window, as OpenTSDB's Span: ascending, unique timestamps. */
export interface Span {
  /** Upper-case hex of the row key without salt and base time. */
  readonly tsuid: string;
  readonly metric: string;
  /** tagk -> tagv names. */
  readonly tags: Readonly<Record<string, string>>;
  /** The tagks in row-key order (ascending tagk UID bytes). */
  readonly tagkOrder: readonly string[];
  /**
   * The row key without salt and base time, one char per byte (latin1): metric UID, then the
   * (tagk UID, tagv UID) pairs. Its order is OpenTSDB's series order, and the engine reads tag UIDs
   * out of it (with `UidWidths`) to order groups and aggregated tags exactly as OpenTSDB does.
   */
  readonly sortKey: string;
  /**
   * The salt bytes of the series' rows (latin1; absent or '' when salting is off). OpenTSDB's
   * SpanCmp compares the salt before the metric, so salted series come bucket by bucket.
   */
  readonly salt?: string;
  /** Milliseconds since the epoch, strictly ascending. */
  readonly timestamps: Float64Array;
  readonly values: Float64Array;
  /** 1 where the point was stored as an integer, 0 for a float. */
  readonly isInteger: Uint8Array;
  /** Annotations found in the scanned rows of this series. */
  readonly annotations: readonly Annotation[];
}

/** UID widths in bytes (`tsd.storage.uid.width.*`), needed to read UIDs out of `Span.sortKey`. */
export interface UidWidths {
  readonly metric: number;
  readonly tagk: number;
  readonly tagv: number;
}

export const DEFAULT_UID_WIDTHS: UidWidths = { metric: 3, tagk: 3, tagv: 3 };

/** The result of one group of one sub-query: OpenTSDB's SpanGroup after iteration. */
export interface GroupResult {
  /** Index of the sub-query in the validated query. */
  readonly queryIndex: number;
  /** Metric name; '' for a group whose series were all outside the scan window (OpenTSDB does too). */
  readonly metric: string;
  /** Tag keys with one value across the group, in Java HashMap iteration order. */
  readonly tags: ReadonlyArray<readonly [string, string]>;
  /** Tag keys whose values differ, in tagk UID order. */
  readonly aggregateTags: readonly string[];
  /** TSUIDs of the group's series, sorted. */
  readonly tsuids: readonly string[];
  /** Annotations of the group's series (not yet filtered to [start, end]), or null if none. */
  readonly annotations: readonly Annotation[] | null;
  /** Points in [start, end], ascending (ms). */
  readonly timestamps: Float64Array;
  readonly values: Float64Array;
  /** 1 where the point is an integer-mode result (printed as a JSON integer). */
  readonly isInteger: Uint8Array;
  /** Integer results beyond 2^53 by point index; `values` then holds the rounded double. */
  readonly bigValues: ReadonlyMap<number, bigint> | null;
  /** Number of points emitted. */
  readonly size: number;
}
