import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../hbase/free-port';
import { HarnessError } from '../hbase/harness-error';
import { checkJavaAndMaven } from '../hbase/java-prereqs';
import { failureTails, isAlive, removeDir, startJvm, stopProcessGroup, waitForJvm } from '../hbase/jvm-process';
import { openTsdbTableNames, OpenTsdbTables } from '../hbase/opentsdb-tables';
import { openTsdbClasspath, OPENTSDB_JVM_FLAGS, OPENTSDB_VERSION } from './opentsdb-artifacts';
import { logbackXml, openTsdbConf } from './opentsdb-config';

export interface StartOpenTsdbOptions {
  /** `host:port` of the HBase's ZooKeeper (the harness HBase's `zkQuorum`). */
  readonly zkQuorum: string;
  readonly zkBasedir?: string;
  /** Table names; they must exist (default: tsdb, tsdb-uid, tsdb-tree, tsdb-meta). */
  readonly tables?: OpenTsdbTables;
  /** Port on 127.0.0.1 (default: a free one). */
  readonly port?: number;
  readonly extraConfig?: Readonly<Record<string, string>>;
  readonly heapMb?: number;
  readonly readyTimeoutMs?: number;
  /** Leave the JVM running after this Node process exits. */
  readonly outliveParent?: boolean;
}

/** A running OpenTSDB 2.4.1 TSD. */
export interface OpenTsdbHandle {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  readonly dir: string;
  readonly logFile: string;
  readonly configFile: string;
  readonly tables: OpenTsdbTables;
  /** Kills its process group and removes its folder (logs included). */
  stop(): Promise<void>;
}

async function answersVersion(url: string): Promise<boolean> {
  const res = await fetch(`${url}/api/version`, { signal: AbortSignal.timeout(2000) });
  await res.arrayBuffer();
  return res.status === 200;
}

/**
 * Starts the real OpenTSDB 2.4.1 (`net.opentsdb.tools.TSDMain`) on 127.0.0.1 against an HBase
 * whose tables exist, and waits until `GET /api/version` answers. On failure it stops the JVM
 * and throws with the tail of OpenTSDB's log.
 */
export async function startOpenTSDB(opts: StartOpenTsdbOptions): Promise<OpenTsdbHandle> {
  checkJavaAndMaven();
  const cp = await openTsdbClasspath();
  const dir = mkdtempSync(join(tmpdir(), 'tsd-ts-opentsdb-'));
  const port = opts.port ?? (await freePort());
  const tables = opts.tables ?? openTsdbTableNames();
  const [staticRoot, cacheDir] = [join(dir, 'static'), join(dir, 'cache')];
  mkdirSync(staticRoot); // must exist: TSDMain refuses to start otherwise
  const logFile = join(dir, 'opentsdb.log');
  const configFile = join(dir, 'opentsdb.conf');
  writeFileSync(configFile, openTsdbConf({ port, zkQuorum: opts.zkQuorum,
    zkBasedir: opts.zkBasedir ?? '/hbase', tables, staticRoot, cacheDir, extraConfig: opts.extraConfig }));
  writeFileSync(join(dir, 'logback.xml'), logbackXml(logFile));
  const jvm = startJvm({
    args: [`-Xmx${opts.heapMb ?? 512}m`, ...OPENTSDB_JVM_FLAGS,
      `-Dlogback.configurationFile=${join(dir, 'logback.xml')}`, '-cp', cp.jars.join(':'),
      'net.opentsdb.tools.TSDMain', `--config=${configFile}`],
    consoleFile: join(dir, 'opentsdb.out'), cwd: dir,
    outliveParent: opts.outliveParent ?? false, cleanupDir: dir,
  });
  const url = `http://127.0.0.1:${port}`;
  const handle: OpenTsdbHandle = {
    url, port, pid: jvm.pid, dir, logFile, configFile, tables,
    async stop(): Promise<void> {
      if (isAlive(jvm.pid)) await stopProcessGroup(jvm.pid, 3000);
      removeDir(dir);
    },
  };
  try {
    const deadline = Date.now() + (opts.readyTimeoutMs ?? 60_000);
    await waitForJvm(jvm, deadline, () => answersVersion(url), `${url}/api/version answers`);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    const tail = failureTails(join(dir, 'opentsdb.out'), logFile);
    await handle.stop();
    throw new HarnessError(`Cannot start OpenTSDB ${OPENTSDB_VERSION}: ${why}\n${tail}`);
  }
  return handle;
}
