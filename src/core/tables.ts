/**
 * OpenTSDB's four tables (hbase-schema/tables.json) turned into Store table specs for a given
 * configuration: names from tsd.storage.hbase.*_table, the data table pre-split by salt bucket.
 */
import schema from '../../hbase-schema/tables.json';
import type { Config } from '../config/config';
import type { FamilySpec, TableSpec } from '../storage/store';

export type TableRole = 'data' | 'uid' | 'tree' | 'meta';

export interface TableNames {
  readonly data: string;
  readonly uid: string;
  readonly tree: string;
  readonly meta: string;
}

export function tableNames(config: Config): TableNames {
  return {
    data: config.getString('tsd.storage.hbase.data_table'),
    uid: config.getString('tsd.storage.hbase.uid_table'),
    tree: config.getString('tsd.storage.hbase.tree_table'),
    meta: config.getString('tsd.storage.hbase.meta_table'),
  };
}

export interface SchemaOptions {
  readonly compression?: string;
  /** TTL of the data table in seconds; undefined = FOREVER. */
  readonly dataTtlSeconds?: number;
  readonly saltWidth: number;
  readonly saltBuckets: number;
}

/** Split keys that give each salt bucket its own region: buckets 1..n-1 on `width` bytes. */
export function saltSplitKeys(width: number, buckets: number): Buffer[] {
  if (width === 0) return [];
  const keys: Buffer[] = [];
  for (let bucket = 1; bucket < buckets; bucket++) {
    const key = Buffer.alloc(width);
    let v = bucket;
    for (let i = width - 1; i >= 0; i--, v = Math.floor(v / 256)) key[i] = v & 0xff;
    keys.push(key);
  }
  return keys;
}

export function tableSpecs(names: TableNames, options: SchemaOptions): TableSpec[] {
  const d = schema.familyDefaults;
  return schema.tables.map((t) => {
    const families: FamilySpec[] = t.families.map((f) => ({
      name: f.name,
      versions: 'versions' in f ? f.versions : undefined,
      ttlSeconds: 'ttl' in f && f.ttl ? options.dataTtlSeconds : undefined,
      compression: options.compression ?? d.compression,
      bloomFilter: d.bloomFilter,
      dataBlockEncoding: d.dataBlockEncoding,
    }));
    const splitKeys = 'saltSplits' in t && t.saltSplits ? saltSplitKeys(options.saltWidth, options.saltBuckets) : undefined;
    return { name: names[t.role as TableRole], families, splitKeys };
  });
}
