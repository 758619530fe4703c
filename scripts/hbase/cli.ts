/**
 * `npm run hbase:start` / `hbase:stop` / `hbase:status`: a standalone HBase for people, left
 * running between commands and recorded in the state file so test runs reuse it.
 */
import { HarnessError } from './harness-error';
import {
  clearHBaseState, findRunningHBase, hbaseStateFile, liveHBaseUsers, readHBaseState, writeHBaseState,
} from './hbase-state';
import { hbaseHandle, startHBase } from './start-hbase';

function describe(s: { zkQuorum: string; zkBasedir: string; pid: number; masterPort: number;
  regionServerPort: number; logFile: string; dir: string }): string {
  return [
    `  ZooKeeper quorum  ${s.zkQuorum}  (znode parent ${s.zkBasedir})`,
    `  master port       ${s.masterPort}, region server port ${s.regionServerPort} (127.0.0.1)`,
    `  pid               ${s.pid}`,
    `  log               ${s.logFile}`,
    `  data              ${s.dir}`,
    `  state file        ${hbaseStateFile()}`,
  ].join('\n');
}

async function main(command: string | undefined, force: boolean): Promise<number> {
  if (command === 'start') {
    const running = await findRunningHBase();
    if (running !== undefined) {
      console.log(`HBase is already running:\n${describe(running)}`);
      return 0;
    }
    const t0 = Date.now();
    const hbase = await startHBase({ outliveParent: true });
    writeHBaseState(hbase);
    console.log(`HBase ${hbase.version} ready in ${((Date.now() - t0) / 1000).toFixed(1)} s ` +
      `with OpenTSDB's tables (tsdb, tsdb-uid, tsdb-tree, tsdb-meta):\n${describe(hbase)}`);
    return 0;
  }
  if (command === 'stop') {
    const state = readHBaseState();
    if (state === undefined) {
      console.log(`No harness HBase recorded in ${hbaseStateFile()}`);
      return 0;
    }
    const users = liveHBaseUsers();
    if (users.length > 0 && !force) {
      console.error(`HBase is in use by test runs (pids ${users.join(', ')}); let them finish, ` +
        'or stop it anyway with `npm run hbase:stop -- --force`');
      return 1;
    }
    await hbaseHandle(state).stop();
    clearHBaseState();
    console.log(`Stopped HBase (pid ${state.pid}) and removed ${state.dir}`);
    return 0;
  }
  if (command === 'status') {
    const running = await findRunningHBase();
    console.log(running === undefined ? 'No harness HBase is running' : `HBase is running:\n${describe(running)}`);
    return running === undefined ? 1 : 0;
  }
  console.error('usage: node dist/scripts/hbase/cli.js start | stop [--force] | status');
  return 2;
}

main(process.argv[2], process.argv.includes('--force')).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof HarnessError ? err.message : err);
    process.exit(1);
  },
);
