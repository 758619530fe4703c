/**
 * OpenTSDB 2.4.1's grouping (`TsdbQuery.GroupByAndAggregateCB`, `SpanGroup.add/computeTags`): series in
 * row-key order; one group per series for `none`, one group for all without group-by tags, else one
 * per combination of group-by tag value UIDs, ordered by those UID bytes (tag keys by UID). A series
 * joins its group only if it has a point inside the scan window; a group can end up empty.
 */
import type { TagVFilter } from '../filters/tag-v-filter';
import { JavaHashMap } from '../../java/java-hash-map';
import type { Annotation, Span, UidWidths } from '../types';

export interface SpanGroup {
  /** Series with points in the scan window, in row-key order. */
  readonly members: Span[];
  readonly annotations: Annotation[];
}

export interface ScanRangeMs {
  readonly startMs: number;
  readonly endMs: number;
}

/** The UID bytes (latin1) of a series' tag key or value, read from its row key. */
function tagUid(span: Span, tagk: string, widths: UidWidths, value: boolean): string | undefined {
  const idx = span.tagkOrder.indexOf(tagk);
  if (idx < 0) return undefined;
  const at = widths.metric + idx * (widths.tagk + widths.tagv) + (value ? widths.tagk : 0);
  return span.sortKey.slice(at, at + (value ? widths.tagv : widths.tagk));
}

/** `SpanGroup.add`: data series join if they overlap the window; empty ones lend in-range annotations. */
function add(group: SpanGroup, span: Span, range: ScanRangeMs): void {
  const n = span.timestamps.length;
  if (n === 0) {
    for (const a of span.annotations) {
      const start = a.startTime < 4294967296 ? a.startTime * 1000 : a.startTime;
      if (start >= range.startMs && start <= range.endMs) group.annotations.push(a);
    }
  } else if (span.timestamps[0] <= range.endMs && span.timestamps[n - 1] >= range.startMs) {
    group.members.push(span);
    group.annotations.push(...span.annotations);
  }
}

export function formGroups(
  spans: readonly Span[],
  filters: readonly TagVFilter[],
  none: boolean,
  widths: UidWidths,
  range: ScanRangeMs,
): SpanGroup[] {
  // SpanCmp: the salt first, then metric and tags; each key built once, not per comparison.
  const sorted = spans
    .map((span) => ({ span, key: (span.salt ?? '') + span.sortKey }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((e) => e.span);
  const newGroup = (): SpanGroup => ({ members: [], annotations: [] });
  if (sorted.length === 0) return [];
  if (none) {
    return sorted.map((span) => {
      const g = newGroup();
      add(g, span, range);
      return g;
    });
  }
  const groupBys = [...new Set(filters.filter((f) => f.groupBy).map((f) => f.tagk))];
  if (groupBys.length === 0) {
    const g = newGroup();
    for (const span of sorted) add(g, span, range);
    return [g];
  }
  const groups = new Map<string, SpanGroup>();
  for (const span of sorted) {
    const keys = groupBys.map((tagk) => [tagUid(span, tagk, widths, false), tagUid(span, tagk, widths, true)]);
    if (keys.some(([k]) => k === undefined)) continue; // OpenTSDB drops such a series ("WTF?")
    keys.sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1));
    const id = keys.map(([, v]) => v).join('');
    let g = groups.get(id);
    if (g === undefined) groups.set(id, (g = newGroup()));
    add(g, span, range);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
}

export interface GroupTags {
  /** Tags shared by all members that have the key, in Java HashMap iteration order. */
  readonly tags: Array<[string, string]>;
  /** Keys whose values differ, by tagk UID. */
  readonly aggregateTags: string[];
}

/** `SpanGroup.computeTags` plus the HashMap copies the JSON serializer iterates. */
export function groupTags(members: readonly Span[], widths: UidWidths): GroupTags {
  const uids = new Map<string, string>();
  const values = new Map<string, string>();
  const discards = new Set<string>();
  for (const span of members) {
    for (const tagk of span.tagkOrder) {
      if (!uids.has(tagk)) uids.set(tagk, tagUid(span, tagk, widths, false) ?? '');
      if (discards.has(tagk)) continue;
      const v = span.tags[tagk];
      const seen = values.get(tagk);
      if (seen === undefined) values.set(tagk, v);
      else if (seen !== v) {
        discards.add(tagk);
        values.delete(tagk);
      }
    }
  }
  const byUid = (a: string, b: string): number => {
    const ua = uids.get(a) as string;
    const ub = uids.get(b) as string;
    return ua < ub ? -1 : ua > ub ? 1 : 0;
  };
  // SpanGroup.tags = new HashMap(n), filled in tagk UID order; the serializer copies it with putAll.
  const resolved = new JavaHashMap<string>(values.size);
  for (const k of [...values.keys()].sort(byUid)) resolved.put(k, values.get(k) as string);
  const copy = new JavaHashMap<string>();
  copy.putAll(resolved);
  return { tags: copy.orderedEntries(), aggregateTags: [...discards].sort(byUid) };
}
