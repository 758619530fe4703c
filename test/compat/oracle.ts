/**
 * The reference OpenTSDB 2.4.1 for compat tests: `await getOracle(profile)` starts it at most once
 * per jest worker and profile, on the run's shared HBase, and later test files in the same worker
 * find it again through a record in the run folder. Without a profile it gets tables of its own
 * (so workers never collide); a profile may name tables shared with tsd-ts and extra config.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTables } from '../../scripts/hbase/create-tables';
import { isAlive, removeDir, stopProcessGroup } from '../../scripts/hbase/jvm-process';
import { openTsdbTableNames, OpenTsdbTables, openTsdbTableSpecs } from '../../scripts/hbase/opentsdb-tables';
import { startOpenTSDB } from '../../scripts/opentsdb/start-opentsdb';
import { readHarnessInfo } from '../harness-env';
import { recordTables } from './table-set';

/** A running reference TSD. */
export interface Oracle {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  readonly dir: string;
  readonly logFile: string;
  readonly tables: OpenTsdbTables;
}

/** Which oracle: one per name and worker. */
export interface OracleProfile {
  /** Letters, digits and dashes; names the worker's record of this oracle. */
  readonly name: string;
  /** Existing tables to run on; without them the oracle creates tables of its own. */
  readonly tables?: OpenTsdbTables;
  /** More `opentsdb.conf` keys. */
  readonly extraConfig?: Readonly<Record<string, string>>;
}

const DEFAULT_PROFILE: OracleProfile = { name: 'default' };

const recordFile = (runDir: string, workerPid: number, name: string): string =>
  join(runDir, `oracle-${workerPid}-${name}.json`);

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/api/version`, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

async function findRecorded(file: string): Promise<Oracle | undefined> {
  if (!existsSync(file)) return undefined;
  const oracle = JSON.parse(readFileSync(file, 'utf8')) as Oracle;
  return isAlive(oracle.pid) && (await answers(oracle.url)) ? oracle : undefined;
}

async function startOracle(profile: OracleProfile): Promise<Oracle> {
  if (!/^[A-Za-z0-9-]+$/.test(profile.name)) throw new RangeError(`Cannot name an oracle '${profile.name}'`);
  const harness = readHarnessInfo();
  const file = recordFile(harness.runDir, process.pid, profile.name);
  const recorded = await findRecorded(file);
  if (recorded !== undefined) return recorded;
  let tables = profile.tables;
  if (tables === undefined) {
    // Unique per run and worker, so a reused long-lived HBase never hands a test old data.
    tables = openTsdbTableNames(`oracle_${Date.now().toString(36)}_${process.pid}_`);
    await createTables(harness, openTsdbTableSpecs(tables));
    recordTables(harness.runDir, `oracle-${profile.name}`, tables);
  }
  const tsd = await startOpenTSDB({
    zkQuorum: harness.zkQuorum, zkBasedir: harness.zkBasedir, tables, extraConfig: profile.extraConfig,
  });
  const oracle: Oracle = {
    url: tsd.url, port: tsd.port, pid: tsd.pid, dir: tsd.dir, logFile: tsd.logFile, tables,
  };
  writeFileSync(file, JSON.stringify(oracle));
  return oracle;
}

const starting = new Map<string, Promise<Oracle>>();

/** The worker's reference OpenTSDB for `profile`, started on first use. */
export function getOracle(profile: OracleProfile = DEFAULT_PROFILE): Promise<Oracle> {
  let p = starting.get(profile.name);
  if (p === undefined) {
    p = startOracle(profile).catch((err: unknown) => {
      starting.delete(profile.name);
      throw err;
    });
    starting.set(profile.name, p);
  }
  return p;
}

/** Stops every oracle this run recorded (called by globalTeardown). */
export async function stopRecordedOracles(runDir: string): Promise<void> {
  const files = readdirSync(runDir).filter((f) => /^oracle-\d+-[A-Za-z0-9-]+\.json$/.test(f));
  await Promise.all(files.map(async (f) => {
    const oracle = JSON.parse(readFileSync(join(runDir, f), 'utf8')) as Oracle;
    if (isAlive(oracle.pid)) await stopProcessGroup(oracle.pid, 3000);
    removeDir(oracle.dir);
  }));
}
