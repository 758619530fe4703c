import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { splitQuorum, type ZkLocation } from '../hbase/create-tables';
import { hbaseClasspath, HBASE_JDK17_FLAGS } from '../hbase/hbase-artifacts';
import { javaCommand } from '../hbase/java-prereqs';
import { removeDir } from '../hbase/jvm-process';
import { fetchMavenClasspath, requireJar } from '../hbase/maven-fetch';
import { runCommand } from '../hbase/run-command';

const JRUBY_VERSION = '9.4.14.0';

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
 * Runs `body` on JRuby with `admin` (HBase's own Admin client) open on the HBase at `zk`; `args`
 * arrive as ARGV[3..]. The benchmark needs Admin calls tsd-ts's client does not make (flush, major
 * compaction); JRuby comes from Maven Central into the cache, like HBase itself. Client logs go to
 * stderr at WARN, so a failure shows HBase's own reason.
 */
export async function runHBaseAdminRuby(zk: ZkLocation, body: string, args: readonly string[], what: string, timeoutMs: number): Promise<string> {
  const jruby = await fetchMavenClasspath(`jruby-${JRUBY_VERSION}`, [{ groupId: 'org.jruby', artifactId: 'jruby-complete', version: JRUBY_VERSION }]);
  requireJar(jruby, /^jruby-complete-/, 'jruby-complete');
  const hbase = await hbaseClasspath();
  const [host, port] = splitQuorum(zk.zkQuorum);
  const dir = mkdtempSync(join(tmpdir(), 'tsd-ts-hbase-ruby-'));
  try {
    const file = join(dir, 'script.rb');
    const logConfig = join(dir, 'log4j2.properties');
    writeFileSync(file, `${ADMIN_PRELUDE}${body}\nadmin.close\nconn.close\n`);
    writeFileSync(logConfig, 'status = warn\nappender.e.type = Console\nappender.e.name = e\n' +
      'appender.e.target = SYSTEM_ERR\nappender.e.layout.type = PatternLayout\n' +
      'appender.e.layout.pattern = %-5p %c{1}: %m%n\nrootLogger = WARN,e\n');
    // A short-lived tool: C1 only and JRuby's interpreter start fastest (what `jruby --dev` does).
    const jvmArgs = ['-Xmx256m', '-XX:TieredStopAtLevel=1', '-Djruby.compile.mode=OFF',
      '-Djruby.compile.invokedynamic=false', ...HBASE_JDK17_FLAGS, `-Dlog4j2.configurationFile=${logConfig}`,
      '-cp', [...hbase.jars, ...jruby.jars].join(':'), 'org.jruby.Main', file, host, port, zk.zkBasedir, ...args];
    return await runCommand(javaCommand(), jvmArgs, what, timeoutMs);
  } finally {
    removeDir(dir);
  }
}
