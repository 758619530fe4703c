/** Stops what global-setup.ts started: the oracles of this run, then HBase unless it was reused. */
import { unregisterHBaseUser } from '../scripts/hbase/hbase-state';
import { removeDir } from '../scripts/hbase/jvm-process';
import { stopRecordedOracles } from './compat/oracle';
import { dropRecordedTableSets } from './compat/table-set';
import { HarnessGlobals } from './global-setup';
import { readHarnessInfo } from './harness-env';

export default async function globalTeardown(): Promise<void> {
  const globals = globalThis as HarnessGlobals;
  const runDir = globals.tsdTestRunDir;
  if (runDir !== undefined) {
    await stopRecordedOracles(runDir);
    // A reused HBase outlives the run: drop the compat tables, or its heap fills up run after run.
    if (globals.tsdTestHBase === undefined) {
      const { zkQuorum, zkBasedir } = readHarnessInfo();
      await dropRecordedTableSets(runDir, zkQuorum, zkBasedir).catch((e: unknown) => console.warn(`Cannot drop the compat tables: ${String(e)}`));
    }
    removeDir(runDir);
  }
  if (globals.tsdTestHBase === undefined) unregisterHBaseUser(process.pid);
  await globals.tsdTestHBase?.stop();
}
