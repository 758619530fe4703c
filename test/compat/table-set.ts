/**
 * A set of OpenTSDB's four tables on the run's HBase that tsd-ts and the reference OpenTSDB share:
 * created once per jest worker (named after the run and the worker, so later test files of the
 * worker find them), salted and pre-split by bucket when asked, as `tsdb create-tables` makes them.
 */
import { basename } from 'node:path';
import type { OpenTsdbTables } from '../../scripts/hbase/opentsdb-tables';
import { Config } from '../../src/config/config';
import { tableSpecs } from '../../src/core/tables';
import { HBaseStore } from '../../src/storage/hbase/hbase-store';
import { readHarnessInfo } from '../harness-env';

export interface Salting {
  readonly width: number;
  readonly buckets: number;
}

export interface TableSet {
  readonly name: string;
  readonly tables: OpenTsdbTables;
  /** The `opentsdb.conf` keys every TSD on these tables needs: table names and salting. */
  readonly config: Readonly<Record<string, string>>;
}

function describeSet(name: string, salt: Salting): TableSet {
  const { runDir } = readHarnessInfo();
  const run = basename(runDir).replace(/[^A-Za-z0-9]/g, '').slice(-8);
  const prefix = `compat_${run}_${process.pid}_${name}_`;
  const tables = { data: `${prefix}tsdb`, uid: `${prefix}tsdb-uid`, tree: `${prefix}tsdb-tree`, meta: `${prefix}tsdb-meta` };
  return {
    name,
    tables,
    config: {
      'tsd.storage.hbase.data_table': tables.data,
      'tsd.storage.hbase.uid_table': tables.uid,
      'tsd.storage.hbase.tree_table': tables.tree,
      'tsd.storage.hbase.meta_table': tables.meta,
      'tsd.storage.salt.width': String(salt.width),
      'tsd.storage.salt.buckets': String(salt.buckets),
    },
  };
}

/** The worker's table set `name`, created on first use. */
export async function getTableSet(name: string, salt: Salting = { width: 0, buckets: 20 }): Promise<TableSet> {
  const set = describeSet(name, salt);
  const { zkQuorum, zkBasedir } = readHarnessInfo();
  const store = await HBaseStore.open({ zkQuorum, zkBasedir });
  try {
    const specs = tableSpecs(set.tables, { saltWidth: salt.width, saltBuckets: salt.buckets });
    for (const spec of specs) {
      if (!(await store.tableExists(spec.name))) await store.createTable(spec);
    }
  } finally {
    await store.close();
  }
  return set;
}

/** A Config of the table set, for codecs that read its cells directly. */
export const tableSetConfig = (set: TableSet): Config => new Config(set.config);
