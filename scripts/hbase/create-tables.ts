import { runHBaseAdminRuby } from './hbase-ruby';
import { TableSpec } from './opentsdb-tables';
import type { ZkLocation } from './zk-location';

// Kept importable from here, where they were first declared.
export { splitQuorum, type ZkLocation } from './zk-location';

// Runs on JRuby against the HBase client jars: the same Admin calls the HBase shell's `create`
// makes. Idempotent: tables that exist are left alone. ARGV[3]: the JSON specs.
const CREATE_TABLES_RB = `
java_import org.apache.hadoop.hbase.client.TableDescriptorBuilder
java_import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder
java_import org.apache.hadoop.hbase.regionserver.BloomType
java_import org.apache.hadoop.hbase.io.compress.Compression
java_import org.apache.hadoop.hbase.io.encoding.DataBlockEncoding
JSON.parse(ARGV[3]).each do |table|
  name = TableName.valueOf(table['name'])
  if admin.tableExists(name)
    puts "exists #{table['name']}"
    next
  end
  builder = TableDescriptorBuilder.newBuilder(name)
  table['families'].each do |f|
    cf = ColumnFamilyDescriptorBuilder.newBuilder(f['name'].to_java_bytes)
    cf.setMaxVersions(f['versions']) if f['versions']
    cf.setCompressionType(Compression::Algorithm::NONE)
    cf.setBloomFilterType(BloomType::ROW)
    cf.setDataBlockEncoding(DataBlockEncoding::DIFF)
    builder.setColumnFamily(cf.build)
  end
  admin.createTable(builder.build)
  puts "created #{table['name']}"
end
`;

/** Which of the requested tables were made and which were there already. */
export interface CreateTablesResult {
  readonly created: string[];
  readonly existing: string[];
}

/**
 * Creates `tables` in the HBase at `zk` unless they exist. The one place tables are made, so the
 * project's own Admin client can replace this JRuby run later.
 */
export async function createTables(
  zk: ZkLocation, tables: readonly TableSpec[], timeoutMs = 120_000,
): Promise<CreateTablesResult> {
  const what = `create tables ${tables.map((t) => t.name).join(', ')}`;
  const out = await runHBaseAdminRuby(zk, CREATE_TABLES_RB, [JSON.stringify(tables)], what, timeoutMs);
  const named = (verb: string): string[] =>
    [...out.matchAll(new RegExp(`^${verb} (\\S+)$`, 'gm'))].map((m) => m[1] as string);
  return { created: named('created'), existing: named('exists') };
}
