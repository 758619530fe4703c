import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
export const readHBaseState = (): HBaseState | undefined => readStateFile<HBaseState>(NAME);

export function writeHBaseState(state: HBaseState): void {
  rmSync(usersDir(), { recursive: true, force: true });
  writeStateFile(NAME, state);
}

export function clearHBaseState(): void {
  clearStateFile(NAME);
  rmSync(usersDir(), { recursive: true, force: true });
}

// Test runs that reuse the recorded instance sign in here, so `hbase:stop` does not pull HBase
// from under them (the cache, hence the instance, is shared by every run of the same user).
const usersDir = (): string => `${stateFilePath(NAME).replace(/\.json$/, '')}.users`;

export function registerHBaseUser(pid: number): void {
  mkdirSync(usersDir(), { recursive: true });
  writeFileSync(join(usersDir(), String(pid)), '');
}

export function unregisterHBaseUser(pid: number): void {
  rmSync(join(usersDir(), String(pid)), { force: true });
}

/** Pids of the live processes using the recorded instance (stale entries are dropped). */
export function liveHBaseUsers(): number[] {
  if (!existsSync(usersDir())) return [];
  const pids = readdirSync(usersDir()).map(Number).filter((pid) => Number.isInteger(pid) && pid > 0);
  for (const pid of pids.filter((p) => !isAlive(p))) unregisterHBaseUser(pid);
  return pids.filter(isAlive);
}

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
