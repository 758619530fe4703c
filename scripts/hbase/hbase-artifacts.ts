import { fetchMavenClasspath, MavenClasspath, MavenDependency, requireJar } from './maven-fetch';

/**
 * The newest HBase 2.6 built against Hadoop 3 on Maven Central (2.6.5 and 2.6.6 exist only in
 * the Hadoop 2 flavour there).
 */
export const HBASE_VERSION = '2.6.4-hadoop3';
const LOG4J2_VERSION = '2.24.3';

const log4j2 = (artifactId: string): MavenDependency =>
  ({ groupId: 'org.apache.logging.log4j', artifactId, version: LOG4J2_VERSION });

/**
 * hbase-server (master, region server, embedded ZooKeeper, client) with log4j2 as its SLF4J
 * binding instead of ZooKeeper's reload4j one. Tables are created through tsd-ts's own Admin client.
 */
export const HBASE_DEPENDENCIES: readonly MavenDependency[] = [
  {
    groupId: 'org.apache.hbase', artifactId: 'hbase-server', version: HBASE_VERSION,
    exclusions: [
      { groupId: 'org.slf4j', artifactId: 'slf4j-reload4j' },
      { groupId: 'ch.qos.reload4j', artifactId: 'reload4j' },
    ],
  },
  log4j2('log4j-core'),
  log4j2('log4j-slf4j-impl'),
  log4j2('log4j-1.2-api'),
];

/** The HBase runtime classpath, fetched once into the cache. */
export async function hbaseClasspath(): Promise<MavenClasspath> {
  const cp = await fetchMavenClasspath(`hbase-${HBASE_VERSION}`, HBASE_DEPENDENCIES);
  requireJar(cp, new RegExp(`^hbase-server-${HBASE_VERSION.replace(/\./g, '\\.')}\\.jar$`), 'hbase-server');
  requireJar(cp, /^log4j-slf4j-impl-/, 'log4j2 SLF4J binding');
  return cp;
}

/**
 * What bin/hbase adds for JDK 17 (superset over 2.5/2.6 releases): HBase's shaded netty and
 * its Unsafe tricks need these packages opened.
 */
export const HBASE_JDK17_FLAGS: readonly string[] = [
  '-XX:+UseG1GC',
  '-Dorg.apache.hbase.thirdparty.io.netty.tryReflectionSetAccessible=true',
  '--add-modules', 'jdk.unsupported',
  ...['java.lang', 'java.lang.reflect', 'java.nio', 'sun.nio.ch', 'jdk.internal.ref', 'java.io',
    'java.util', 'java.util.concurrent'].flatMap((p) => ['--add-opens', `java.base/${p}=ALL-UNNAMED`]),
  ...['java.base/jdk.internal.misc', 'java.security.jgss/sun.security.krb5', 'java.base/sun.net.dns',
    'java.base/sun.net.util'].flatMap((p) => ['--add-exports', `${p}=ALL-UNNAMED`]),
  '-Dzookeeper.admin.enableServer=false',
];
