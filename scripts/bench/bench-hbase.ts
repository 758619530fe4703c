/**
 * The one HBase every HBase-backed target shares in a benchmark run: table sets made fresh per run
 * (the schema of OpenTSDB's create_table.sh, the same for tsd-ts and OpenTSDB), flushed and
 * major-compacted through HBase's Admin before their files are measured, dropped afterwards.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Config } from '../../src/config/config';
import { tableNames, tableSpecs, type TableNames } from '../../src/core/tables';
import { HBaseStore } from '../../src/storage/hbase/hbase-store';
import { runHBaseAdminRuby } from './hbase-admin-ruby';
import { startHBase, type HBaseHandle } from '../hbase/start-hbase';

// Flushes then major-compacts each table and waits until HBase reports no compaction running on it
// (the request is queued, so NONE right after asking does not mean done). ARGV[3]: JSON table names.
const COMPACT_RB = `
java_import org.apache.hadoop.hbase.client.CompactionState
tables = JSON.parse(ARGV[3]).map { |n| TableName.valueOf(n) }
tables.each { |t| admin.flush(t) }
tables.each { |t| admin.majorCompact(t) }
sleep 2
quiet = 0
while quiet < 3
  busy = tables.any? { |t| admin.getCompactionState(t) != CompactionState::NONE }
  quiet = busy ? 0 : quiet + 1
  sleep 1
end
puts "compacted #{tables.size}"
`;

export class BenchHBase {
  #sets = 0;

  private constructor(readonly handle: HBaseHandle, readonly store: HBaseStore) {}

  static async start(heapMb: number): Promise<BenchHBase> {
    const handle = await startHBase({ heapMb, tables: [] });
    try {
      return new BenchHBase(handle, await HBaseStore.open({ zkQuorum: handle.zkQuorum, zkBasedir: handle.zkBasedir }));
    } catch (err) {
      await handle.stop();
      throw err;
    }
  }

  /** Four new tables named `<prefix>-tsdb…`, with the `tsd.storage.hbase.*` keys that name them. */
  async createTableSet(label: string): Promise<{ names: TableNames; config: Record<string, string> }> {
    const prefix = `bench-${label}-${++this.#sets}`;
    const config = {
      'tsd.storage.hbase.data_table': `${prefix}-tsdb`,
      'tsd.storage.hbase.uid_table': `${prefix}-tsdb-uid`,
      'tsd.storage.hbase.tree_table': `${prefix}-tsdb-tree`,
      'tsd.storage.hbase.meta_table': `${prefix}-tsdb-meta`,
    };
    const names = tableNames(new Config(config));
    for (const spec of tableSpecs(names, { saltWidth: 0, saltBuckets: 20 })) await this.store.createTable(spec);
    return { names, config };
  }

  async dropTableSet(names: TableNames): Promise<void> {
    for (const table of [names.data, names.uid, names.tree, names.meta]) await this.store.deleteTable(table);
  }

  /** Flushes and major-compacts `tables` through HBase's Admin, waiting until the compactions ended. */
  async compact(tables: readonly string[]): Promise<void> {
    if (tables.length === 0) return;
    await runHBaseAdminRuby(this.handle, COMPACT_RB, [JSON.stringify(tables)], `compact ${tables.join(', ')}`, 900_000);
  }

  /**
   * Bytes of the table's live HFiles. After a major compaction each store holds one live file; the
   * files it replaced linger in the same folder until HBase's discharger chore archives them, so only
   * the newest file of each store counts.
   */
  tableBytes(table: string): number {
    const tableDir = join(this.handle.dir, 'hbase', 'data', 'default', table);
    let total = 0;
    for (const region of visible(tableDir)) {
      for (const family of visible(join(tableDir, region))) {
        const dir = join(tableDir, region, family);
        if (family === 'recovered.edits' || !statSync(dir).isDirectory()) continue;
        const files = visible(dir).map((f) => statSync(join(dir, f))).filter((s) => s.isFile());
        files.sort((a, b) => b.mtimeMs - a.mtimeMs);
        total += files[0]?.size ?? 0;
      }
    }
    return total;
  }

  /** RSS of the HBase JVM is reported as context: both HBase-backed targets share it. */
  get pid(): number {
    return this.handle.pid;
  }

  async stop(): Promise<void> {
    await this.store.close();
    await this.handle.stop();
  }
}

function visible(dir: string): string[] {
  return readdirSync(dir).filter((name) => !name.startsWith('.'));
}
