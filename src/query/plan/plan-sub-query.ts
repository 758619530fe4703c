/**
 * What the storage reader needs to scan for one sub-query, derived as OpenTSDB 2.4.1's TsdbQuery does
 * (`configureFromQuery`, `findGroupBys`, `getScanner`): the metric or TSUIDs, the hours to scan, and
 * per filtered tag key the literal values that may go into the row-key regex.
 *
 * The storage reader then: resolves the metric (NoSuchUniqueName 'metrics' → 400), resolves each
 * key's `literals` to tagv UIDs (unknown → NoSuchUniqueName 'tagv' → 400, or dropped when
 * `tsd.query.skip_unresolved_tagvs`), orders the keys by tagk UID, calls `pushDownLiterals`, builds
 * its row-key regex (every filtered key required; pushed keys limited to their UIDs; with
 * `explicitTags` no other keys), and keeps a scanned series only if `seriesFilter(...)` accepts it.
 */
import { LiteralOrFilter } from '../filters/literal-or-filter';
import type { TSQuery } from '../model';
import { QueryError } from '../query-error';
import type { UidWidths } from '../types';
import { DEFAULT_UID_WIDTHS } from '../types';
import { scanWindow } from './scan-window';

export interface TagKeyPlan {
  readonly tagk: string;
  /**
   * Values of the case-sensitive `literal_or` filters on this key that OpenTSDB resolves to UIDs
   * (each such filter with at most `tsd.query.filter.expansion_limit` values), unioned, unique.
   */
  readonly literals: readonly string[];
  /** Whether results are grouped by this key. */
  readonly groupBy: boolean;
}

export interface SubQueryPlan {
  readonly index: number;
  /** The metric name, or null for a TSUID sub-query. */
  readonly metric: string | null;
  /** Exact series (upper-case hex) of a TSUID sub-query, or null. */
  readonly tsuids: readonly string[] | null;
  /** Rows with base time in [scanStartSec, scanEndSec) are scanned. */
  readonly scanStartSec: number;
  readonly scanEndSec: number;
  /**
   * explicitTags with filters and `tsd.query.enable_fuzzy_filter`: OpenTSDB's fuzzy-filter stop key
   * also admits the row whose base time is `scanEndSec` for the filtered tag keys; scan it too.
   */
  readonly scanRowAtEnd: boolean;
  /** Only series whose tag keys are exactly the filtered keys (when any filter exists). */
  readonly explicitTags: boolean;
  /** One entry per filtered tag key, in order of first appearance in the filters. */
  readonly tagKeys: readonly TagKeyPlan[];
}

export interface PlanOptions {
  /** `tsd.query.filter.expansion_limit` (default 4096). */
  readonly expansionLimit?: number;
  /** `tsd.query.enable_fuzzy_filter` (default true). */
  readonly enableFuzzyFilter?: boolean;
  readonly uidWidths?: UidWidths;
}

export function planSubQuery(query: TSQuery, index: number, options: PlanOptions = {}): SubQueryPlan {
  const sub = query.queries[index];
  const { scanStartSec, scanEndSec } = scanWindow(query.startTime, query.endTime, sub.downsampler?.interval ?? 0);
  const base = { index, scanStartSec, scanEndSec, explicitTags: sub.explicitTags };
  if (sub.tsuids !== null && sub.tsuids.length > 0) {
    checkTsuidMetrics(sub.tsuids, (options.uidWidths ?? DEFAULT_UID_WIDTHS).metric);
    const tsuids = sub.tsuids.map((t) => t.toUpperCase());
    return { ...base, metric: null, tsuids, scanRowAtEnd: false, tagKeys: [] };
  }
  const limit = options.expansionLimit ?? 4096;
  const keys = new Map<string, { literals: Set<string>; groupBy: boolean }>();
  for (const f of sub.filters) {
    let key = keys.get(f.tagk);
    if (key === undefined) keys.set(f.tagk, (key = { literals: new Set(), groupBy: false }));
    key.groupBy ||= f.groupBy;
    if (f instanceof LiteralOrFilter && f.resolvesLiterals && f.literals.size <= limit) {
      for (const v of f.values) key.literals.add(v);
    }
  }
  const tagKeys = [...keys].map(([tagk, k]) => ({ tagk, literals: [...k.literals], groupBy: k.groupBy }));
  const scanRowAtEnd = sub.explicitTags && tagKeys.length > 0 && (options.enableFuzzyFilter ?? true);
  return { ...base, metric: sub.metric, tsuids: null, scanRowAtEnd, tagKeys };
}

/** TsdbQuery.configureFromQuery: every TSUID must start with the same metric UID. */
function checkTsuidMetrics(tsuids: readonly string[], metricWidth: number): void {
  let first = '';
  for (const tsuid of tsuids) {
    if (tsuid.length < metricWidth * 2) {
      throw new QueryError(`begin 0, end ${metricWidth * 2}, length ${tsuid.length}`, 500);
    }
    const metric = tsuid.slice(0, metricWidth * 2).toUpperCase();
    if (first.length === 0) first = metric;
    else if (first !== metric) {
      throw new QueryError(`One or more TSUIDs did not share the same metric [${first}] [${metric}]`, 500);
    }
  }
}

export interface ResolvedTagKey {
  readonly tagk: string;
  /** The key's literal values that resolved to UIDs. */
  readonly resolved: ReadonlySet<string>;
}

/**
 * `findGroupBys`' expansion limit: walking the keys in tagk UID order, a key's resolved literals go
 * into the row-key regex while the running total stays within the limit; such literal filters are
 * then not evaluated again after the scan (so two literal filters on one key act as OR).
 */
export function pushDownLiterals(
  keysByTagkUid: readonly ResolvedTagKey[],
  expansionLimit = 4096,
): Map<string, ReadonlySet<string>> {
  const pushed = new Map<string, ReadonlySet<string>>();
  let count = 0;
  for (const key of keysByTagkUid) {
    if (key.resolved.size === 0 || key.resolved.size + count > expansionLimit) continue;
    pushed.set(key.tagk, key.resolved);
    count += key.resolved.size;
  }
  return pushed;
}
