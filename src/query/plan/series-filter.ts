/**
 * The complete series predicate of a sub-query: what OpenTSDB 2.4.1's row-key regex and post-scan
 * filters accept together, on resolved tag names. Every filtered tag key must exist (even for
 * `not_literal_or`), with `explicitTags` no other key may, pushed-down keys must hold one of their
 * literals, and every other post-scan filter must match (AND). A lone `*` wildcard never runs after
 * the scan; literal filters whose values went into the regex do not either.
 */
import { LiteralOrFilter } from '../filters/literal-or-filter';
import type { TagMap } from '../filters/tag-v-filter';
import type { TSSubQuery } from '../model';

/**
 * @param pushed the result of `pushDownLiterals`: per tag key, the literal values in the regex.
 *   Pass an empty map when the storage pushes nothing down (then literal filters run post-scan).
 */
export function seriesFilter(sub: TSSubQuery, pushed: ReadonlyMap<string, ReadonlySet<string>>): (tags: TagMap) => boolean {
  if (sub.tsuids !== null && sub.tsuids.length > 0) return () => true; // filters are ignored for TSUIDs
  const keys = [...new Set(sub.filters.map((f) => f.tagk))];
  const postScan = sub.filters.filter((f) => {
    if (!f.postScan) return false;
    const values = pushed.get(f.tagk);
    // setPostScan(false) only reaches literal filters with at least one value in the regex.
    return !(values !== undefined && f instanceof LiteralOrFilter && f.resolvesLiterals && f.values.some((v) => values.has(v)));
  });
  const pushedKeys = [...pushed];
  const explicit = sub.explicitTags && keys.length > 0;
  return (tags) => {
    for (const k of keys) if (tags[k] === undefined) return false;
    if (explicit && Object.keys(tags).length !== keys.length) return false;
    for (const [k, values] of pushedKeys) if (!values.has(tags[k])) return false;
    for (const f of postScan) if (!f.match(tags)) return false;
    return true;
  };
}
