/**
 * Starts a real TSD (embedded store in a temp dir, ephemeral port) for socket-level tests, and gives
 * small clients for its HTTP and telnet sides.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Config } from '../../src/config/config';
import { memoryLogger } from '../../src/logging/logger';
import { startDaemon, type Daemon } from '../../src/tsd/daemon';
import { TSDB } from '../../src/tsdb';
import { tableNames, tableSpecs } from '../../src/core/tables';
import { HBaseStore } from '../../src/storage/hbase/hbase-store';
import type { Store } from '../../src/storage/store';
import { readHarnessInfo } from '../harness-env';

export interface TestTsd {
  readonly tsdb: TSDB;
  readonly daemon: Daemon;
  readonly url: string;
  readonly port: number;
  readonly logLines: string[];
  stop(): Promise<void>;
}

export type TestBackend = 'embedded' | 'hbase';

let tableRun = 0;

/**
 * Tables of their own on the shared test HBase for one TSD (unique names, so tests never see each
 * other's data), created as `tsdb create-tables` would — unless `create` is false, when the caller's
 * overrides name tables that exist already.
 */
export async function hbaseTables(create = true): Promise<{ store: Store; overrides: Record<string, string> }> {
  const { zkQuorum, zkBasedir } = readHarnessInfo();
  const prefix = `t${process.pid}-${Date.now().toString(36)}-${++tableRun}`;
  const overrides = {
    'tsd.storage.backend': 'hbase',
    'tsd.storage.hbase.zk_quorum': zkQuorum,
    'tsd.storage.hbase.zk_basedir': zkBasedir,
    'tsd.storage.hbase.data_table': `${prefix}-tsdb`,
    'tsd.storage.hbase.uid_table': `${prefix}-tsdb-uid`,
    'tsd.storage.hbase.tree_table': `${prefix}-tsdb-tree`,
    'tsd.storage.hbase.meta_table': `${prefix}-tsdb-meta`,
  };
  const store = await HBaseStore.open({ zkQuorum, zkBasedir });
  if (!create) return { store, overrides };
  const config = new Config(overrides);
  for (const spec of tableSpecs(tableNames(config), { saltWidth: 0, saltBuckets: 20 })) await store.createTable(spec);
  return { store, overrides };
}

export interface TestTsdOptions {
  /** On HBase, create tables of its own (default); false when `overrides` name existing tables. */
  readonly createTables?: boolean;
}

export async function startTestTsd(
  overrides: Record<string, string> = {},
  backend: TestBackend = 'embedded',
  options: TestTsdOptions = {},
): Promise<TestTsd> {
  const dir = mkdtempSync(join(tmpdir(), 'tsd-ts-test-'));
  const hbase = backend === 'hbase' ? await hbaseTables(options.createTables ?? true) : undefined;
  const config = new Config({
    'tsd.network.port': '0',
    'tsd.network.bind': '127.0.0.1',
    'tsd.storage.embedded.path': dir,
    ...hbase?.overrides,
    ...overrides,
  });
  const { logger, lines } = memoryLogger();
  const tsdb = await TSDB.open(config, logger, { store: hbase?.store });
  const daemon = await startDaemon(tsdb);
  const port = daemon.address.port;
  return {
    tsdb,
    daemon,
    port,
    url: `http://127.0.0.1:${port}`,
    logLines: lines,
    async stop() {
      await daemon.close();
      await tsdb.shutdown();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Sends `input` over a telnet connection and collects what comes back until `expectLines` lines
 * arrived or the server closed the connection (or `timeoutMs` passed).
 */
export function telnet(port: number, input: string | Buffer, expectLines = Infinity, timeoutMs = 5000): Promise<{ lines: string[]; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let done = false;
    const finish = (closed: boolean): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const lines = text.split('\n');
      lines.pop();
      resolve({ lines, closed });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on('connect', () => socket.write(input));
    socket.on('data', (d) => {
      text += d.toString('latin1');
      if (text.split('\n').length - 1 >= expectLines) finish(false);
    });
    socket.on('close', () => finish(true));
    socket.on('error', (e) => (done ? undefined : reject(e)));
  });
}
