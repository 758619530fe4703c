/**
 * What compacting one stored row writes (CompactionQueue.Compaction.compact, storage spec §7.4): the
 * merged column, then a delete of every other data cell that took part. Nothing happens for a row
 * that is already a single clean column, and rows holding an append column are never rewritten.
 */
import type { Cell, Mutation } from '../storage/store';
import { DATA_FAMILY } from './const';
import { mergeRow, type MergeOptions, type MergedRow } from './row-merge';

export interface CompactionPlan {
  readonly merged: MergedRow;
  /** The mutations to apply, in order: the put of the compacted cell first, then the deletes. */
  readonly put: Mutation | null;
  readonly delete: Mutation | null;
}

export function planCompaction(table: string, rowKey: Buffer, cells: readonly Cell[], options: MergeOptions): CompactionPlan {
  const merged = mergeRow(cells, { ...options, rowKey });
  if (!merged.needsRewrite || merged.hasAppend || merged.pointCount === 0) return { merged, put: null, delete: null };
  const existing = cells.find((c) => c.qualifier.equals(merged.qualifier));
  const put: Mutation | null =
    existing && existing.value.equals(merged.value)
      ? null
      : { type: 'put', table, row: rowKey, cells: [{ family: DATA_FAMILY, qualifier: merged.qualifier, value: merged.value }] };
  const doomed = merged.sourceQualifiers.filter((q) => !q.equals(merged.qualifier));
  const del: Mutation | null = doomed.length > 0 ? { type: 'delete', table, row: rowKey, family: DATA_FAMILY, qualifiers: doomed } : null;
  return { merged, put, delete: del };
}
