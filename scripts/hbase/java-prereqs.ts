import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { HarnessError } from './harness-error';

/** The `java` to run: `$JAVA_HOME/bin/java` when JAVA_HOME is set, else the one on PATH. */
export function javaCommand(): string {
  const home = process.env.JAVA_HOME;
  return home !== undefined && home !== '' ? join(home, 'bin', 'java') : 'java';
}

/**
 * Reads the feature release from `java -version` output: `17.0.15` → 17, `1.8.0_392` → 8.
 * Returns undefined when the text holds no version.
 */
export function parseJavaMajor(versionText: string): number | undefined {
  const m = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(versionText);
  if (m === null) return undefined;
  const first = Number(m[1]);
  return first === 1 && m[2] !== undefined ? Number(m[2]) : first;
}

/** Fails with one line naming what to install unless Java ≥ 17 and Maven answer. */
export function checkJavaAndMaven(): void {
  const java = spawnSync(javaCommand(), ['-version'], { encoding: 'utf8', env: process.env });
  const major = java.error === undefined ? parseJavaMajor(`${java.stderr}${java.stdout}`) : undefined;
  if (major === undefined) {
    throw new HarnessError(
      'Cannot run the HBase/OpenTSDB harness: no `java` found; install a JDK 17 or newer ' +
        '(e.g. `apt-get install openjdk-17-jdk-headless`) or set JAVA_HOME');
  }
  if (major < 17) {
    throw new HarnessError(
      `Cannot run the HBase/OpenTSDB harness: \`java\` is version ${major}; install a JDK 17 ` +
        'or newer (e.g. `apt-get install openjdk-17-jdk-headless`) or set JAVA_HOME');
  }
  const mvn = spawnSync('mvn', ['-v'], { encoding: 'utf8', env: process.env });
  if (mvn.error !== undefined || mvn.status !== 0) {
    throw new HarnessError(
      'Cannot run the HBase/OpenTSDB harness: no `mvn` found; install Apache Maven 3 ' +
        '(e.g. `apt-get install maven`)');
  }
}
