import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hbaseClasspath, HBASE_JDK17_FLAGS } from './hbase-artifacts';
import { javaCommand } from './java-prereqs';
import { removeDir } from './jvm-process';
import { runCommand } from './run-command';

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
