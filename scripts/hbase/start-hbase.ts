import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTables, ZkLocation } from './create-tables';
import { freePorts } from './free-port';
import { hbaseClasspath, HBASE_JDK17_FLAGS, HBASE_VERSION } from './hbase-artifacts';
import { hbaseSiteXml, log4j2Properties } from './hbase-config';
import { HBaseState, isHBaseProcess } from './hbase-state';
import { HarnessError } from './harness-error';
import { checkJavaAndMaven } from './java-prereqs';
import { failureTails, removeDir, startJvm, stopProcessGroup, waitForJvm } from './jvm-process';
import { openTsdbTableNames, OpenTsdbTables, openTsdbTableSpecs } from './opentsdb-tables';
import { zkExists } from './zk-probe';

export interface StartHBaseOptions {
  /** OpenTSDB table sets to create once HBase is up (default: the four default-named tables). */
  readonly tables?: readonly OpenTsdbTables[];
  /** Master + region server + ZooKeeper share one JVM; 768 MB is ample for tests. */
  readonly heapMb?: number;
  /** Time allowed from JVM start to tables created (default 120 s). */
  readonly readyTimeoutMs?: number;
  /** Leave the JVM running after this Node process exits (`npm run hbase:start`). */
  readonly outliveParent?: boolean;
  /** How long stop() waits after SIGTERM before SIGKILL (default 5 s; the data is throwaway). */
  readonly stopGraceMs?: number;
}

/** A running standalone HBase: where its ZooKeeper is, its ports and files, and how to stop it. */
export interface HBaseHandle extends HBaseState, ZkLocation {
  /** Kills its process group and removes its folder. */
  stop(): Promise<void>;
}

/**
 * Starts HBase standalone (`HMaster start`: master, one region server and ZooKeeper in one JVM)
 * on free loopback ports in a fresh temp folder, waits until hbase:meta is assigned and the
 * tables are created, and returns a handle. On failure it stops the JVM and throws with the
 * tail of the HBase log.
 */
export async function startHBase(opts: StartHBaseOptions = {}): Promise<HBaseHandle> {
  checkJavaAndMaven();
  const cp = await hbaseClasspath();
  const dir = mkdtempSync(join(tmpdir(), 'tsd-ts-hbase-'));
  const confDir = join(dir, 'conf');
  mkdirSync(confDir);
  const [zkPort, masterPort, regionServerPort] = (await freePorts(3)) as [number, number, number];
  writeFileSync(join(confDir, 'hbase-site.xml'), hbaseSiteXml({ dir, zkPort, masterPort, regionServerPort }));
  const logFile = join(dir, 'hbase.log');
  writeFileSync(join(confDir, 'log4j2.properties'), log4j2Properties(logFile));
  const jvm = launchHMaster(dir, confDir, cp.jars, opts);
  const state: HBaseState = {
    pid: jvm.pid, version: HBASE_VERSION, zkQuorum: `127.0.0.1:${zkPort}`, zkBasedir: '/hbase',
    zkPort, masterPort, regionServerPort, dir, logFile, startedAt: new Date().toISOString(),
  };
  const handle = hbaseHandle(state, opts.stopGraceMs ?? 5000);
  try {
    const deadline = Date.now() + (opts.readyTimeoutMs ?? 120_000);
    const metaZnode = `${state.zkBasedir}/meta-region-server`;
    await waitForJvm(jvm, deadline, () => zkExists('127.0.0.1', zkPort, metaZnode, 2000),
      `${metaZnode} exists in ZooKeeper`);
    const tables = opts.tables ?? [openTsdbTableNames()];
    await createTables(state, tables.flatMap(openTsdbTableSpecs), Math.max(deadline - Date.now(), 1000));
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    const tail = failureTails(join(dir, 'hbase.out'), logFile);
    await handle.stop();
    throw new HarnessError(`Cannot start HBase ${HBASE_VERSION}: ${why}\n${tail}`);
  }
  return handle;
}

function launchHMaster(dir: string, confDir: string, jars: readonly string[], opts: StartHBaseOptions): ReturnType<typeof startJvm> {
  return startJvm({
    args: [`-Xmx${opts.heapMb ?? 768}m`, ...HBASE_JDK17_FLAGS,
      `-Dlog4j2.configurationFile=${join(confDir, 'log4j2.properties')}`,
      '-cp', [confDir, ...jars].join(':'), 'org.apache.hadoop.hbase.master.HMaster', 'start'],
    consoleFile: join(dir, 'hbase.out'), cwd: dir,
    outliveParent: opts.outliveParent ?? false, cleanupDir: dir,
  });
}

/**
 * Stops a running HBase (SIGTERM, so it flushes and closes its regions), keeps it down for `downMs`
 * in all, then starts it again on the same folder and ports, and waits until hbase:meta is assigned
 * again. For outage tests; the returned handle has the new pid.
 */
export async function restartHBase(handle: HBaseHandle, downMs: number, opts: StartHBaseOptions = {}): Promise<HBaseHandle> {
  const stoppedAt = Date.now();
  await stopProcessGroup(handle.pid, 60_000);
  const wait = downMs - (Date.now() - stoppedAt);
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const cp = await hbaseClasspath();
  const jvm = launchHMaster(handle.dir, join(handle.dir, 'conf'), cp.jars, opts);
  const state: HBaseState = { ...stateOf(handle), pid: jvm.pid, startedAt: new Date().toISOString() };
  const next = hbaseHandle(state, opts.stopGraceMs ?? 5000);
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 120_000);
  const metaZnode = `${state.zkBasedir}/meta-region-server`;
  await waitForJvm(jvm, deadline, () => zkExists('127.0.0.1', state.zkPort, metaZnode, 2000), `${metaZnode} exists in ZooKeeper`);
  return next;
}

function stateOf(h: HBaseHandle): HBaseState {
  const { pid, version, zkQuorum, zkBasedir, zkPort, masterPort, regionServerPort, dir, logFile, startedAt } = h;
  return { pid, version, zkQuorum, zkBasedir, zkPort, masterPort, regionServerPort, dir, logFile, startedAt };
}

/** A handle on an HBase described by `state`, started here or found through the state file. */
export function hbaseHandle(state: HBaseState, stopGraceMs = 5000): HBaseHandle {
  return {
    ...state,
    async stop(): Promise<void> {
      if (isHBaseProcess(state.pid)) await stopProcessGroup(state.pid, stopGraceMs);
      removeDir(state.dir);
    },
  };
}
