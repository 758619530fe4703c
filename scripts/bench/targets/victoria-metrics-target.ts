/**
 * VictoriaMetrics single-node as the ingest peer: its OpenTSDB telnet listener and its OpenTSDB HTTP
 * (`/api/put`) listener on loopback. The binary is built from the Go module proxy with `go install`
 * into the cache outside git on first use (like the harness fetches HBase with Maven), never kept in
 * the repository. Its count of taken-in points is `vm_rows_inserted_total` for the two listeners.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheDir } from '../../hbase/cache-dir';
import { freePorts } from '../../hbase/free-port';
import { startChildServer } from '../child-server';
import { dirBytes } from '../proc-stats';
import type { RunningTarget, TargetKind, TargetStorage } from './target';

export const VICTORIA_METRICS_VERSION = 'v1.151.0';
const MODULE = 'github.com/VictoriaMetrics/VictoriaMetrics/app/victoria-metrics';

/** The cached binary, built now when missing; throws one line naming what to install when Go is absent. */
export function victoriaMetricsBinary(): string {
  const dir = join(cacheDir(), 'victoria-metrics', VICTORIA_METRICS_VERSION);
  const binary = join(dir, 'victoria-metrics');
  if (existsSync(binary)) return binary;
  try {
    execFileSync('go', ['version'], { stdio: 'ignore' });
  } catch {
    throw new Error('Cannot build VictoriaMetrics for the benchmark: the Go toolchain (`go`, 1.24 or newer) is not installed');
  }
  mkdirSync(dir, { recursive: true });
  process.stderr.write(`building VictoriaMetrics ${VICTORIA_METRICS_VERSION} with go install into ${dir} (once; a few minutes)\n`);
  execFileSync('go', ['install', `${MODULE}@${VICTORIA_METRICS_VERSION}`], { env: { ...process.env, GOBIN: dir }, stdio: ['ignore', 'ignore', 'inherit'] });
  return binary;
}

async function metric(httpPort: number, pattern: RegExp): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${httpPort}/metrics`)).text();
  let sum = 0;
  for (const m of text.matchAll(pattern)) sum += Number(m[1]);
  return sum;
}

const INSERTED = /^vm_rows_inserted_total\{type="opentsdb(?:http)?"\} (\d+)$/gm;
const STORED = /^vm_rows_added_to_storage_total (\d+)$/gm;
const MERGES = /^vm_active_merges\{[^}]*\} (\d+)$/gm;

/**
 * Flushes buffered rows, checks every row taken in reached storage (it drops rows outside its
 * retention silently), merges every partition, then waits until no merge runs.
 */
async function settle(httpPort: number): Promise<void> {
  await (await fetch(`http://127.0.0.1:${httpPort}/internal/force_flush`)).arrayBuffer();
  const [inserted, stored] = [await metric(httpPort, INSERTED), await metric(httpPort, STORED)];
  if (stored < inserted) throw new Error(`VictoriaMetrics stored ${stored} of the ${inserted} rows it took in`);
  await (await fetch(`http://127.0.0.1:${httpPort}/internal/force_merge`)).arrayBuffer();
  for (let quiet = 0; quiet < 3; ) {
    await new Promise((r) => setTimeout(r, 500));
    quiet = (await metric(httpPort, MERGES)) === 0 ? quiet + 1 : 0;
  }
}

export function victoriaMetrics(): TargetKind {
  const binary = victoriaMetricsBinary();
  return {
    name: `VictoriaMetrics ${VICTORIA_METRICS_VERSION}`,
    speaksQueries: false,
    async prepare(): Promise<TargetStorage> {
      const dir = mkdtempSync(join(tmpdir(), 'tsd-ts-bench-vm-'));
      const data = join(dir, 'data');
      return {
        hbaseDataTables: [],
        async start(): Promise<RunningTarget> {
          const [http, telnet, httpPut] = (await freePorts(3)) as [number, number, number];
          const args = [`-storageDataPath=${data}`, `-httpListenAddr=127.0.0.1:${http}`,
            `-opentsdbListenAddr=127.0.0.1:${telnet}`, `-opentsdbHTTPListenAddr=127.0.0.1:${httpPut}`, '-loggerLevel=WARN',
            // The dataset's timestamps are from 2023: outside the default one-month retention.
            '-retentionPeriod=100y'];
          const child = await startChildServer(binary, args, join(dir, 'vm.log'), `http://127.0.0.1:${http}/health`);
          return {
            telnetPort: telnet,
            httpPort: httpPut,
            pid: child.pid,
            pointsAdded: () => metric(http, INSERTED),
            async stop() {
              try {
                await settle(http);
              } finally {
                await child.stop('SIGINT');
              }
            },
          };
        },
        // Caches and tmp are rebuilt on start; data (with its indexdb) and metadata are what it stores.
        bytesOnDisk: async () => dirBytes(data, new Set(['cache', 'snapshots', 'tmp'])),
        async discard() {
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  };
}
