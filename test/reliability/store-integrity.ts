/**
 * Checks every row of a data table the way a reader would decode it: each data cell must walk cleanly
 * (qualifier and value lengths agree) and the cells of a row must merge without a differing duplicate.
 * Reports how many rows are still more than one cell (not compacted).
 */
import { mergeRow } from '../../src/core/row-merge';
import { DATA_FAMILY } from '../../src/core/const';
import type { Store } from '../../src/storage/store';

export interface IntegrityReport {
  rows: number;
  cells: number;
  points: number;
  /** Rows with more than one data cell. */
  unpacked: number;
  /** Row key (hex) and the decoder's complaint, for every row that cannot be read. */
  corrupt: string[];
}

export async function checkDataTable(store: Store, table: string): Promise<IntegrityReport> {
  const report: IntegrityReport = { rows: 0, cells: 0, points: 0, unpacked: 0, corrupt: [] };
  for await (const rows of store.scan(table, { families: [DATA_FAMILY] })) {
    for (const row of rows) {
      report.rows++;
      report.cells += row.cells.length;
      if (row.cells.length > 1) report.unpacked++;
      try {
        report.points += mergeRow(row.cells, { fixDuplicates: false, rowKey: row.key }).pointCount;
      } catch (e) {
        report.corrupt.push(`${row.key.toString('hex')}: ${(e as Error).message}`);
      }
    }
  }
  return report;
}
