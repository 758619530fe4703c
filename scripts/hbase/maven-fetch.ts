import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir } from './cache-dir';
import { HarnessError } from './harness-error';
import { runCommand } from './run-command';

export interface MavenExclusion {
  readonly groupId: string;
  readonly artifactId: string;
}

export interface MavenDependency extends MavenExclusion {
  readonly version: string;
  readonly exclusions?: readonly MavenExclusion[];
}

/** A resolved runtime classpath: the folder of jars and their sorted absolute paths. */
export interface MavenClasspath {
  readonly libDir: string;
  readonly jars: readonly string[];
}

/** Renders a throwaway pom whose runtime dependencies are exactly `deps` (plus Maven's transitive ones). */
export function renderPom(name: string, deps: readonly MavenDependency[]): string {
  const exclusion = (e: MavenExclusion): string =>
    `<exclusion><groupId>${e.groupId}</groupId><artifactId>${e.artifactId}</artifactId></exclusion>`;
  const dependency = (d: MavenDependency): string => {
    const ex = d.exclusions?.length
      ? `\n      <exclusions>${d.exclusions.map(exclusion).join('')}</exclusions>` : '';
    return `    <dependency><groupId>${d.groupId}</groupId><artifactId>${d.artifactId}</artifactId>` +
      `<version>${d.version}</version>${ex}</dependency>`;
  };
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by tsd-ts scripts/hbase/maven-fetch.ts; only used to fetch a test classpath. -->
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>tsd-ts.harness</groupId>
  <artifactId>${name}</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
${deps.map(dependency).join('\n')}
  </dependencies>
</project>
`;
}

const listJars = (libDir: string): string[] =>
  readdirSync(libDir).filter((f) => f.endsWith('.jar')).sort().map((f) => join(libDir, f));

/**
 * Brings the runtime jars of `deps` into `<cache>/maven/<name>/lib` with
 * `mvn dependency:copy-dependencies`. Cached: when the pom is unchanged and the jars are
 * there, Maven is not run again.
 */
export async function fetchMavenClasspath(
  name: string, deps: readonly MavenDependency[],
): Promise<MavenClasspath> {
  const dir = join(cacheDir(), 'maven', name);
  const libDir = join(dir, 'lib');
  const pom = renderPom(name, deps);
  const digest = createHash('sha256').update(pom).digest('hex');
  const stampFile = join(dir, 'lib.sha256');
  if (existsSync(libDir) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === digest) {
    return { libDir, jars: listJars(libDir) };
  }
  mkdirSync(dir, { recursive: true });
  const pomFile = join(dir, `pom-${process.pid}.xml`);
  const tmpLib = join(dir, `lib.tmp-${process.pid}`);
  writeFileSync(pomFile, pom);
  try {
    await runCommand('mvn', ['-B', '-q', '-f', pomFile, 'dependency:copy-dependencies',
      '-DincludeScope=runtime', `-DoutputDirectory=${tmpLib}`], 'fetch the test classpath with Maven');
    // Swap in whole, so a concurrent or interrupted fetch never leaves a half-filled lib/.
    rmSync(libDir, { recursive: true, force: true });
    renameSync(tmpLib, libDir);
    writeFileSync(stampFile, digest);
    renameSync(pomFile, join(dir, 'pom.xml'));
  } finally {
    rmSync(tmpLib, { recursive: true, force: true });
    rmSync(pomFile, { force: true });
  }
  return { libDir, jars: listJars(libDir) };
}

/** Fails unless a jar whose file name matches `pattern` is on the classpath (checks what Maven resolved). */
export function requireJar(cp: MavenClasspath, pattern: RegExp, what: string): string {
  const jar = cp.jars.find((j) => pattern.test(j.slice(cp.libDir.length + 1)));
  if (jar === undefined) {
    throw new HarnessError(`Maven resolved no ${what} into ${cp.libDir}; delete that folder and retry`);
  }
  return jar;
}
