/** Stops what global-setup.ts started: the oracles of this run, then HBase unless it was reused. */
import { unregisterHBaseUser } from '../scripts/hbase/hbase-state';
import { removeDir } from '../scripts/hbase/jvm-process';
import { stopRecordedOracles } from './compat/oracle';
import { HarnessGlobals } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const globals = globalThis as HarnessGlobals;
  const runDir = globals.tsdTestRunDir;
  if (runDir !== undefined) {
    await stopRecordedOracles(runDir);
    removeDir(runDir);
  }
  if (globals.tsdTestHBase === undefined) unregisterHBaseUser(process.pid);
  await globals.tsdTestHBase?.stop();
}
