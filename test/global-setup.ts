/**
 * Starts ONE standalone HBase for the whole jest run (or reuses the one `npm run hbase:start`
 * left running) and publishes its ZooKeeper quorum to the test workers.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRunningHBase, registerHBaseUser } from '../scripts/hbase/hbase-state';
import { HBaseHandle, startHBase } from '../scripts/hbase/start-hbase';
import { publishHarnessInfo } from './harness-env';

/** Read by global-teardown.ts (jest runs both in the same process). */
export interface HarnessGlobals {
  tsdTestHBase?: HBaseHandle;
  tsdTestRunDir?: string;
}

export default async function globalSetup(): Promise<void> {
  const runDir = mkdtempSync(join(tmpdir(), 'tsd-ts-jest-'));
  const globals = globalThis as HarnessGlobals;
  globals.tsdTestRunDir = runDir;
  const running = await findRunningHBase();
  if (running !== undefined) {
    registerHBaseUser(process.pid);
    publishHarnessInfo({ zkQuorum: running.zkQuorum, zkBasedir: running.zkBasedir, runDir, reused: true });
    return;
  }
  const hbase = await startHBase();
  globals.tsdTestHBase = hbase;
  publishHarnessInfo({ zkQuorum: hbase.zkQuorum, zkBasedir: hbase.zkBasedir, runDir, reused: false });
}
