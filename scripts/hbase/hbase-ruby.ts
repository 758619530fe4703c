import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hbaseClasspath, HBASE_JDK17_FLAGS } from './hbase-artifacts';
import { javaCommand } from './java-prereqs';
import { removeDir } from './jvm-process';
import { runCommand } from './run-command';
import { splitQuorum, type ZkLocation } from './zk-location';

// Opens `admin` on the HBase whose ZooKeeper is ARGV[0..2] (host, port, znode parent); the script
// body finds its own arguments from ARGV[3] on, and the connection is closed after it.
const ADMIN_PRELUDE = `require 'json'
java_import org.apache.hadoop.hbase.HBaseConfiguration
java_import org.apache.hadoop.hbase.TableName
java_import org.apache.hadoop.hbase.client.ConnectionFactory
conf = HBaseConfiguration.create
conf.set('hbase.zookeeper.quorum', ARGV[0])
conf.set('hbase.zookeeper.property.clientPort', ARGV[1])
conf.set('zookeeper.znode.parent', ARGV[2])
conn = ConnectionFactory.createConnection(conf)
admin = conn.getAdmin
`;

/**
 * Runs a Ruby `script` on JRuby with the HBase client jars (how the harness makes Admin calls the
 * project's own client does not have yet) and returns its stdout. Client logs go to stderr at WARN,
 * so a failure shows HBase's own reason.
 */
export async function runHBaseRuby(script: string, args: readonly string[], what: string, timeoutMs: number): Promise<string> {
  const cp = await hbaseClasspath();
  const dir = mkdtempSync(join(tmpdir(), 'tsd-ts-hbase-ruby-'));
  try {
    const file = join(dir, 'script.rb');
    const logConfig = join(dir, 'log4j2.properties');
    writeFileSync(file, script);
    writeFileSync(logConfig, 'status = warn\nappender.e.type = Console\nappender.e.name = e\n' +
      'appender.e.target = SYSTEM_ERR\nappender.e.layout.type = PatternLayout\n' +
      'appender.e.layout.pattern = %-5p %c{1}: %m%n\nrootLogger = WARN,e\n');
    // A short-lived tool: C1 only and JRuby's interpreter start fastest (what `jruby --dev` does).
    const jvmArgs = ['-Xmx256m', '-XX:TieredStopAtLevel=1', '-Djruby.compile.mode=OFF',
      '-Djruby.compile.invokedynamic=false', ...HBASE_JDK17_FLAGS,
      `-Dlog4j2.configurationFile=${logConfig}`, '-cp', cp.jars.join(':'), 'org.jruby.Main', file, ...args];
    return await runCommand(javaCommand(), jvmArgs, what, timeoutMs);
  } finally {
    removeDir(dir);
  }
}

/** Runs `body` with `admin` (an HBase Admin) open on the HBase at `zk`; `args` arrive as ARGV[3..]. */
export function runHBaseAdminRuby(zk: ZkLocation, body: string, args: readonly string[], what: string, timeoutMs: number): Promise<string> {
  const [host, port] = splitQuorum(zk.zkQuorum);
  return runHBaseRuby(`${ADMIN_PRELUDE}${body}\nadmin.close\nconn.close\n`, [host, port, zk.zkBasedir, ...args], what, timeoutMs);
}
