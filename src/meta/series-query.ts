/**
 * What a lookup asks of the series index, in UIDs, and the test one series must pass. The meaning is
 * TimeSeriesLookup's (OpenTSDB 2.4.1): the metric if given; tag pairs with the same key are ORed and
 * a key with a wildcard value takes any value; different keys are ANDed; pairs with only a value
 * (`*=web01`) match a series with that value under any key, ORed among themselves.
 */
import type { UidWidths } from './series-index';

/** One `tagk=tagv` pair of a lookup; null stands for the `*` wildcard. */
export interface TagConstraint {
  readonly tagk: Buffer | null;
  readonly tagv: Buffer | null;
}

export interface SeriesQuery {
  /** Null for any metric. */
  readonly metric: Buffer | null;
  readonly tags: readonly TagConstraint[];
  /** At most this many series; 0 or less for all. */
  readonly limit: number;
}

interface KeyedConstraint {
  readonly tagk: Buffer;
  /** Null: any value. */
  readonly tagvs: Buffer[] | null;
}

export interface CompiledSeriesQuery {
  readonly metric: Buffer | null;
  readonly keyed: readonly KeyedConstraint[];
  /** Whether the TSUID in arena[from, to) matches. */
  matches(arena: Uint8Array, from: number, to: number): boolean;
}

function equalAt(arena: Uint8Array, at: number, b: Buffer): boolean {
  for (let i = 0; i < b.length; i++) if (arena[at + i] !== b[i]) return false;
  return true;
}

/** Groups the pairs by key; null when a UID has the wrong width, so nothing can match. */
export function compileSeriesQuery(query: SeriesQuery, widths: UidWidths): CompiledSeriesQuery | null {
  const { metricWidth, tagkWidth, tagvWidth } = widths;
  if (query.metric && query.metric.length !== metricWidth) return null;
  const byKey = new Map<string, KeyedConstraint>();
  let values: Buffer[] | null = null;
  for (const { tagk, tagv } of query.tags) {
    if ((tagk && tagk.length !== tagkWidth) || (tagv && tagv.length !== tagvWidth)) return null;
    if (tagk === null) {
      // `*=*` constrains nothing (OpenTSDB 2.4.1 fails on it; see docs/compatibility.md).
      if (tagv !== null) (values ??= []).push(tagv);
      continue;
    }
    const k = tagk.toString('latin1');
    const known = byKey.get(k);
    if (!known) byKey.set(k, { tagk, tagvs: tagv ? [tagv] : null });
    else if (known.tagvs && tagv) known.tagvs.push(tagv);
    else byKey.set(k, { tagk, tagvs: null });
  }
  const keyed = [...byKey.values()];
  const metric = query.metric;
  const pair = tagkWidth + tagvWidth;
  const valueOnly = values;
  return {
    metric,
    keyed,
    matches(arena, from, to) {
      if (metric && !equalAt(arena, from, metric)) return false;
      const tagsFrom = from + metricWidth;
      for (const c of keyed) {
        let at = tagsFrom;
        while (at < to && !equalAt(arena, at, c.tagk)) at += pair;
        if (at >= to) return false;
        if (c.tagvs && !c.tagvs.some((v) => equalAt(arena, at + tagkWidth, v))) return false;
      }
      if (valueOnly) {
        let found = false;
        for (let at = tagsFrom; at < to && !found; at += pair) {
          found = valueOnly.some((v) => equalAt(arena, at + tagkWidth, v));
        }
        if (!found) return false;
      }
      return true;
    },
  };
}
