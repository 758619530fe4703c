import { commandLineOf, isAlive } from './jvm-process';
import { clearStateFile, readStateFile, stateFilePath, writeStateFile } from './state-file';
import { zkExists } from './zk-probe';

/** What the harness records about a running standalone HBase, in memory and in the state file. */
export interface HBaseState {
  readonly pid: number;
  readonly version: string;
  readonly zkQuorum: string;
  readonly zkBasedir: string;
  readonly zkPort: number;
  readonly masterPort: number;
  readonly regionServerPort: number;
  /** The run's throwaway folder (data, conf, logs); removed on stop. */
  readonly dir: string;
  readonly logFile: string;
  readonly startedAt: string;
}

const NAME = 'hbase-harness';

/** The state file of the instance `npm run hbase:start` left running. */
export const hbaseStateFile = (): string => stateFilePath(NAME);
export const writeHBaseState = (state: HBaseState): void => writeStateFile(NAME, state);
export const readHBaseState = (): HBaseState | undefined => readStateFile<HBaseState>(NAME);
export const clearHBaseState = (): void => clearStateFile(NAME);

/** True when `pid` is still an HBase master JVM (not a recycled pid of something else). */
export function isHBaseProcess(pid: number): boolean {
  if (!isAlive(pid)) return false;
  const cmd = commandLineOf(pid);
  return cmd === undefined || cmd.includes('org.apache.hadoop.hbase.master.HMaster');
}

/**
 * The instance recorded in the state file when its JVM lives and its ZooKeeper knows where
 * hbase:meta is; otherwise undefined (a stale file is removed).
 */
export async function findRunningHBase(): Promise<HBaseState | undefined> {
  const state = readHBaseState();
  if (state === undefined) return undefined;
  const ready = isHBaseProcess(state.pid) &&
    (await zkExists('127.0.0.1', state.zkPort, `${state.zkBasedir}/meta-region-server`).catch(() => false));
  if (!ready) {
    if (!isAlive(state.pid)) clearHBaseState();
    return undefined;
  }
  return state;
}
