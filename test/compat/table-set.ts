/**
 * A set of OpenTSDB's four tables on the run's HBase that tsd-ts and the reference OpenTSDB share:
 * created once per jest worker (named after the run and the worker, so later test files of the
 * worker find them), salted and pre-split by bucket when asked, as `tsdb create-tables` makes them.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { OpenTsdbTables } from '../../scripts/hbase/opentsdb-tables';
import { Config } from '../../src/config/config';
import { tableSpecs } from '../../src/core/tables';
import { HBaseStore } from '../../src/storage/hbase/hbase-store';
import { readHarnessInfo } from '../harness-env';

export interface Salting {
  readonly width: number;
  readonly buckets: number;
}

/** The two layouts the storage tests run on: set names take the suffix. */
export const SALTINGS = [
  { label: 'unsalted', suffix: '', salt: { width: 0, buckets: 20 } },
  { label: 'salted (1 byte, 4 buckets)', suffix: '-salted', salt: { width: 1, buckets: 4 } },
] as const;

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

const recordFile = (runDir: string, name: string): string => join(runDir, `tables-${process.pid}-${name}.json`);

/** Notes tables this worker created, so dropRecordedTableSets finds them. */
export function recordTables(runDir: string, name: string, tables: OpenTsdbTables): void {
  writeFileSync(recordFile(runDir, name), JSON.stringify(tables));
}

/** The worker's table set `name`, created on first use (and recorded for dropRecordedTableSets). */
export async function getTableSet(name: string, salt: Salting = { width: 0, buckets: 20 }): Promise<TableSet> {
  const set = describeSet(name, salt);
  const { zkQuorum, zkBasedir, runDir } = readHarnessInfo();
  if (existsSync(recordFile(runDir, set.name))) return set;
  const store = await HBaseStore.open({ zkQuorum, zkBasedir });
  try {
    const specs = tableSpecs(set.tables, { saltWidth: salt.width, saltBuckets: salt.buckets });
    for (const spec of specs) {
      if (!(await store.tableExists(spec.name))) await store.createTable(spec);
    }
  } finally {
    await store.close();
  }
  recordTables(runDir, set.name, set.tables);
  return set;
}

/**
 * Drops every table set this run created (called by globalTeardown when the HBase outlives the run,
 * as one `npm run hbase:start` left running does, so its heap does not fill up run after run).
 */
export async function dropRecordedTableSets(runDir: string, zkQuorum: string, zkBasedir: string): Promise<void> {
  const files = readdirSync(runDir).filter((f) => /^tables-\d+-[A-Za-z0-9-]+\.json$/.test(f));
  if (files.length === 0) return;
  const store = await HBaseStore.open({ zkQuorum, zkBasedir });
  try {
    for (const f of files) {
      const tables = JSON.parse(readFileSync(join(runDir, f), 'utf8')) as Record<string, string>;
      for (const name of Object.values(tables)) if (await store.tableExists(name)) await store.deleteTable(name);
    }
  } finally {
    await store.close();
  }
}

/** A Config of the table set, for codecs that read its cells directly. */
export const tableSetConfig = (set: TableSet): Config => new Config(set.config);
