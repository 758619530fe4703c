import { tableSpecs } from '../../src/core/tables';
import type { TableSpec } from '../../src/storage/store';

/** The names of OpenTSDB's four tables (`tsd.storage.hbase.{data,uid,tree,meta}_table`). */
export interface OpenTsdbTables {
  readonly data: string;
  readonly uid: string;
  readonly tree: string;
  readonly meta: string;
}

/** OpenTSDB's default table names, each behind an optional prefix (e.g. `w1-` → `w1-tsdb`). */
export function openTsdbTableNames(prefix = ''): OpenTsdbTables {
  return {
    data: `${prefix}tsdb`, uid: `${prefix}tsdb-uid`, tree: `${prefix}tsdb-tree`, meta: `${prefix}tsdb-meta`,
  };
}

/**
 * The four tables of OpenTSDB 2.4.1's create_table.sh (hbase-schema/tables.json), unsalted, with
 * COMPRESSION NONE instead of its LZO default (LZO needs native libraries) and no TTL.
 */
export function openTsdbTableSpecs(t: OpenTsdbTables): TableSpec[] {
  return tableSpecs(t, { saltWidth: 0, saltBuckets: 20 });
}
