/**
 * Runs one of the real OpenTSDB 2.4.1 command-line tools (net.opentsdb.tools.UidManager, Fsck,
 * TextImporter, DumpSeries, CliQuery) from the Maven-fetched jars against the test HBase, so the CLI
 * tests can compare our `tsdb` with OpenTSDB's on the same tables. OpenTSDB logs go to stderr.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkJavaAndMaven, javaCommand } from '../../scripts/hbase/java-prereqs';
import { openTsdbClasspath, OPENTSDB_JVM_FLAGS } from '../../scripts/opentsdb/opentsdb-artifacts';
import type { CliResult } from './tsdb-cli';

export type OpenTsdbTool = 'UidManager' | 'Fsck' | 'TextImporter' | 'DumpSeries' | 'CliQuery';

const LOGBACK = `<configuration>
  <appender name="ERR" class="ch.qos.logback.core.ConsoleAppender">
    <target>System.err</target>
    <encoder><pattern>%-5level %logger{0}: %msg%n</pattern></encoder>
  </appender>
  <root level="INFO"><appender-ref ref="ERR"/></root>
</configuration>
`;

export async function runOpenTsdbTool(dir: string, tool: OpenTsdbTool, args: readonly string[], timeoutMs = 120_000): Promise<CliResult> {
  checkJavaAndMaven();
  const cp = await openTsdbClasspath();
  const logback = join(dir, 'tool-logback.xml');
  writeFileSync(logback, LOGBACK);
  const jvmArgs = ['-Xmx256m', '-XX:TieredStopAtLevel=1', ...OPENTSDB_JVM_FLAGS, `-Dlogback.configurationFile=${logback}`, '-cp', cp.jars.join(':'), `net.opentsdb.tools.${tool}`, ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(javaCommand(), jvmArgs, { cwd: dir, env: { ...process.env, TZ: 'UTC' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (signal) reject(new Error(`OpenTSDB ${tool} was killed (${signal})\n${stderr.slice(-4000)}`));
      else resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}
