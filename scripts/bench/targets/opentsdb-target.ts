/**
 * The real OpenTSDB 2.4.1 (the harness's TSDMain) on fresh tables of the benchmark's HBase, with
 * chunked HTTP bodies on and a chunk limit large enough for `/api/put` batches of 50 (it closes the
 * connection on bodies over 8 KiB otherwise). Stopped with SIGTERM, so its shutdown hook flushes its
 * write buffers and compaction queue before the files are measured.
 */
import { isAlive } from '../../hbase/jvm-process';
import { startOpenTSDB } from '../../opentsdb/start-opentsdb';
import type { BenchHBase } from '../bench-hbase';
import { datapointsAdded, type RunningTarget, type TargetKind, type TargetStorage } from './target';

const OPENTSDB_CONFIG = {
  'tsd.core.auto_create_metrics': 'true',
  'tsd.http.request.enable_chunked': 'true',
  'tsd.http.request.max_chunk': String(1 << 20),
};

async function waitExit(pid: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}

export function openTsdbOnHBase(hbase: BenchHBase, heapMb = 1024): TargetKind {
  return {
    name: 'OpenTSDB 2.4.1 (HBase)',
    speaksQueries: true,
    async prepare(): Promise<TargetStorage> {
      const { names } = await hbase.createTableSet('opentsdb');
      return {
        hbaseDataTables: [names.data],
        async start(): Promise<RunningTarget> {
          const tsd = await startOpenTSDB({ zkQuorum: hbase.handle.zkQuorum, zkBasedir: hbase.handle.zkBasedir, tables: names, extraConfig: OPENTSDB_CONFIG, heapMb });
          return {
            telnetPort: tsd.port,
            httpPort: tsd.port,
            pid: tsd.pid,
            pointsAdded: () => datapointsAdded(tsd.port),
            async stop() {
              // The JVM is its own process group leader (startJvm); SIGTERM runs TSDMain's shutdown hook.
              process.kill(tsd.pid, 'SIGTERM');
              await waitExit(tsd.pid, 600_000);
              await tsd.stop();
            },
          };
        },
        bytesOnDisk: async () => hbase.tableBytes(names.data),
        discard: () => hbase.dropTableSet(names),
      };
    },
  };
}
