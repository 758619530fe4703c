/**
 * Reads a table set's data rows directly (our Store on the same HBase), to tell loose cells from
 * compacted ones: how the rows of a metric are stored, not what a query makes of them.
 */
import { ANNOTATION_PREFIX } from '../../src/core/const';
import type { TSDB } from '../../src/tsdb';
import type { StoredRow } from '../../src/storage/store';

/** Every data row of `metric` (all salt buckets), in key order. */
export async function metricRows(tsdb: TSDB, metric: string): Promise<StoredRow[]> {
  const uid = await tsdb.uids.metrics.getId(metric);
  const { saltWidth } = tsdb.codec.layout;
  const rows: StoredRow[] = [];
  for await (const batch of tsdb.store.scan(tsdb.tables.data, {})) {
    for (const row of batch) if (row.key.subarray(saltWidth, saltWidth + uid.length).equals(uid)) rows.push(row);
  }
  return rows;
}

/** A cell holding data points (not an annotation, which starts 0x01 and is 3 or 5 bytes long). */
export const isDataCell = (q: Buffer): boolean => !(q[0] === ANNOTATION_PREFIX && (q.length === 3 || q.length === 5));

/** How many data cells each row of `metric` holds. */
export async function cellsPerRow(tsdb: TSDB, metric: string): Promise<number[]> {
  return (await metricRows(tsdb, metric)).map((r) => r.cells.filter((c) => isDataCell(c.qualifier)).length);
}
