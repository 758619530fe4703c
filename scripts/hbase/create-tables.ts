import type { TableSpec } from '../../src/storage/store';
import { HBaseStore } from '../../src/storage/hbase/hbase-store';
import { HarnessError } from './harness-error';

/** Where a running HBase's ZooKeeper is: `host:port` and the base znode (`/hbase`). */
export interface ZkLocation {
  readonly zkQuorum: string;
  readonly zkBasedir: string;
}

/** Which of the requested tables were made and which were there already. */
export interface CreateTablesResult {
  readonly created: string[];
  readonly existing: string[];
}

/**
 * Creates `tables` in the HBase at `zk` unless they exist, through tsd-ts's own HBase Admin client
 * (what `tsdb create-tables` uses), from the one schema in hbase-schema/.
 */
export async function createTables(
  zk: ZkLocation, tables: readonly TableSpec[], timeoutMs = 120_000,
): Promise<CreateTablesResult> {
  const store = await HBaseStore.open({ zkQuorum: zk.zkQuorum, zkBasedir: zk.zkBasedir, operationTimeoutMs: timeoutMs });
  try {
    const created: string[] = [];
    const existing: string[] = [];
    for (const t of tables) {
      if (await store.tableExists(t.name)) {
        existing.push(t.name);
        continue;
      }
      await store.createTable(t);
      created.push(t.name);
    }
    return { created, existing };
  } catch (e) {
    throw new HarnessError(`Cannot create tables ${tables.map((t) => t.name).join(', ')}: ${(e as Error).message}`);
  } finally {
    await store.close();
  }
}

/** Splits `host:port` (the first entry of a quorum list). */
export function splitQuorum(quorum: string): [string, string] {
  const first = quorum.split(',')[0] ?? '';
  const m = /^(.+):(\d+)$/.exec(first.trim());
  if (m === null) throw new HarnessError(`Cannot read ZooKeeper quorum '${quorum}': expected host:port`);
  return [m[1] as string, m[2] as string];
}
