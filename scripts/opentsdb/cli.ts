/**
 * `npm run opentsdb:start [-- --port N]` / `opentsdb:stop`: the real OpenTSDB 2.4.1 for people,
 * on the HBase `npm run hbase:start` runs (its default-named tables), left running between commands.
 */
import { HarnessError } from '../hbase/harness-error';
import { findRunningHBase } from '../hbase/hbase-state';
import { commandLineOf, isAlive, removeDir, stopProcessGroup } from '../hbase/jvm-process';
import { clearStateFile, readStateFile, stateFilePath, writeStateFile } from '../hbase/state-file';
import { startOpenTSDB } from './start-opentsdb';

const NAME = 'opentsdb-harness';

interface OpenTsdbState {
  readonly pid: number;
  readonly url: string;
  readonly dir: string;
  readonly logFile: string;
  readonly configFile: string;
}

const isTsd = (pid: number): boolean =>
  isAlive(pid) && (commandLineOf(pid) ?? 'net.opentsdb.tools.TSDMain').includes('net.opentsdb.tools.TSDMain');

const describe = (s: OpenTsdbState): string =>
  `  url     ${s.url}\n  pid     ${s.pid}\n  log     ${s.logFile}\n  config  ${s.configFile}\n` +
  `  state   ${stateFilePath(NAME)}`;

async function start(args: readonly string[]): Promise<void> {
  const running = readStateFile<OpenTsdbState>(NAME);
  if (running !== undefined && isTsd(running.pid)) {
    console.log(`OpenTSDB is already running:\n${describe(running)}`);
    return;
  }
  const hbase = await findRunningHBase();
  if (hbase === undefined) {
    throw new HarnessError('No harness HBase is running: start it with `npm run hbase:start`');
  }
  const portAt = args.indexOf('--port');
  const port = portAt >= 0 ? Number(args[portAt + 1]) : undefined;
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    throw new HarnessError(`Cannot start OpenTSDB: --port must be a TCP port, got '${args[portAt + 1]}'`);
  }
  const t0 = Date.now();
  const tsd = await startOpenTSDB({
    zkQuorum: hbase.zkQuorum, zkBasedir: hbase.zkBasedir, port, outliveParent: true,
  });
  const { pid, url, dir, logFile, configFile } = tsd;
  const state: OpenTsdbState = { pid, url, dir, logFile, configFile };
  writeStateFile(NAME, state);
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  console.log(`OpenTSDB 2.4.1 ready in ${seconds} s on HBase ${hbase.zkQuorum}:\n${describe(state)}`);
}

async function stop(): Promise<void> {
  const state = readStateFile<OpenTsdbState>(NAME);
  if (state === undefined) {
    console.log(`No harness OpenTSDB recorded in ${stateFilePath(NAME)}`);
    return;
  }
  if (isTsd(state.pid)) await stopProcessGroup(state.pid, 3000);
  removeDir(state.dir);
  clearStateFile(NAME);
  console.log(`Stopped OpenTSDB (pid ${state.pid}) and removed ${state.dir}`);
}

const [command, ...rest] = process.argv.slice(2);
const run = command === 'start' ? start(rest) : command === 'stop' ? stop() : undefined;
if (run === undefined) {
  console.error('usage: node dist/scripts/opentsdb/cli.js start [--port N] | stop');
  process.exit(2);
}
run.then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof HarnessError ? err.message : err);
    process.exit(1);
  },
);
