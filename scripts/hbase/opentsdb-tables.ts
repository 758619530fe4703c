/** The names of OpenTSDB's four tables (`tsd.storage.hbase.{data,uid,tree,meta}_table`). */
export interface OpenTsdbTables {
  readonly data: string;
  readonly uid: string;
  readonly tree: string;
  readonly meta: string;
}

/** A column family as OpenTSDB's create_table.sh declares it (VERSIONS only where it sets one). */
export interface FamilySpec {
  readonly name: string;
  readonly versions?: number;
}

/** One table to create, with every family COMPRESSION NONE, BLOOMFILTER ROW, DATA_BLOCK_ENCODING DIFF. */
export interface TableSpec {
  readonly name: string;
  readonly families: readonly FamilySpec[];
}

/** OpenTSDB's default table names, each behind an optional prefix (e.g. `w1-` → `w1-tsdb`). */
export function openTsdbTableNames(prefix = ''): OpenTsdbTables {
  return {
    data: `${prefix}tsdb`, uid: `${prefix}tsdb-uid`, tree: `${prefix}tsdb-tree`, meta: `${prefix}tsdb-meta`,
  };
}

/**
 * The four tables of OpenTSDB 2.4.1's src/create_table.sh, with COMPRESSION NONE instead of
 * its LZO default (LZO needs native libraries) and no TTL on the data table (FOREVER).
 */
export function openTsdbTableSpecs(t: OpenTsdbTables): TableSpec[] {
  return [
    { name: t.uid, families: [{ name: 'id' }, { name: 'name' }] },
    { name: t.data, families: [{ name: 't', versions: 1 }] },
    { name: t.tree, families: [{ name: 't', versions: 1 }] },
    { name: t.meta, families: [{ name: 'name' }] },
  ];
}
