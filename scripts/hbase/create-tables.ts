import { HarnessError } from './harness-error';
import { runHBaseRuby } from './hbase-ruby';
import { TableSpec } from './opentsdb-tables';

/** Where a running HBase's ZooKeeper is: `host:port` and the base znode (`/hbase`). */
export interface ZkLocation {
  readonly zkQuorum: string;
  readonly zkBasedir: string;
}

// Runs on JRuby against the HBase client jars: the same Admin calls the HBase shell's `create`
// makes. Idempotent: tables that exist are left alone. ARGV: host, port, znode parent, JSON specs.
const CREATE_TABLES_RB = `
require 'json'
java_import org.apache.hadoop.hbase.HBaseConfiguration
java_import org.apache.hadoop.hbase.TableName
java_import org.apache.hadoop.hbase.client.ConnectionFactory
java_import org.apache.hadoop.hbase.client.TableDescriptorBuilder
java_import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder
java_import org.apache.hadoop.hbase.regionserver.BloomType
java_import org.apache.hadoop.hbase.io.compress.Compression
java_import org.apache.hadoop.hbase.io.encoding.DataBlockEncoding
host, port, parent, specs = ARGV
conf = HBaseConfiguration.create
conf.set('hbase.zookeeper.quorum', host)
conf.set('hbase.zookeeper.property.clientPort', port)
conf.set('zookeeper.znode.parent', parent)
conn = ConnectionFactory.createConnection(conf)
admin = conn.getAdmin
JSON.parse(specs).each do |table|
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
admin.close
conn.close
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
  const [host, port] = splitQuorum(zk.zkQuorum);
  const what = `create tables ${tables.map((t) => t.name).join(', ')}`;
  const out = await runHBaseRuby(CREATE_TABLES_RB, [host, port, zk.zkBasedir, JSON.stringify(tables)], what, timeoutMs);
  const named = (verb: string): string[] =>
    [...out.matchAll(new RegExp(`^${verb} (\\S+)$`, 'gm'))].map((m) => m[1] as string);
  return { created: named('created'), existing: named('exists') };
}

/** Splits `host:port` (the first entry of a quorum list). */
export function splitQuorum(quorum: string): [string, string] {
  const first = quorum.split(',')[0] ?? '';
  const m = /^(.+):(\d+)$/.exec(first.trim());
  if (m === null) throw new HarnessError(`Cannot read ZooKeeper quorum '${quorum}': expected host:port`);
  return [m[1] as string, m[2] as string];
}
