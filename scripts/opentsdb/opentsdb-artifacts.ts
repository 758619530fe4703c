import { fetchMavenClasspath, MavenClasspath, MavenDependency, requireJar } from '../hbase/maven-fetch';

export const OPENTSDB_VERSION = '2.4.1';

/**
 * OpenTSDB 2.4.1 without its GWT UI (not needed for the HTTP API) plus jaxb-api, whose
 * DatatypeConverter OpenTSDB's UniqueId.uidToString needs and JDK 11+ no longer ships.
 */
export const OPENTSDB_DEPENDENCIES: readonly MavenDependency[] = [
  {
    groupId: 'net.opentsdb', artifactId: 'opentsdb', version: OPENTSDB_VERSION,
    exclusions: [
      { groupId: 'com.google.gwt', artifactId: '*' },
      { groupId: 'net.opentsdb', artifactId: 'opentsdb_gwt_theme' },
    ],
  },
  { groupId: 'javax.xml.bind', artifactId: 'jaxb-api', version: '2.3.1' },
];

/** The OpenTSDB runtime classpath, fetched once into the cache and checked for what it needs. */
export async function openTsdbClasspath(): Promise<MavenClasspath> {
  const cp = await fetchMavenClasspath(`opentsdb-${OPENTSDB_VERSION}`, OPENTSDB_DEPENDENCIES);
  requireJar(cp, /^opentsdb-2\.4\.1\.jar$/, 'opentsdb 2.4.1');
  // Maven must have activated the opentsdb pom's default `hbase` profile for these two.
  requireJar(cp, /^asynchbase-1\.8\.2\.jar$/, 'asynchbase 1.8.2');
  requireJar(cp, /^zookeeper-3\.4\.\d+\.jar$/, 'zookeeper 3.4.x');
  requireJar(cp, /^jaxb-api-2\.3\.1\.jar$/, 'jaxb-api 2.3.1');
  return cp;
}

/**
 * JVM flags for OpenTSDB on JDK 17. Assertions on, as OpenTSDB's own `tsdb` launcher runs it;
 * the export lets UnionIterator/IntersectionIterator throw their NotImplementedException
 * instead of an IllegalAccessError.
 */
export const OPENTSDB_JVM_FLAGS: readonly string[] = [
  '-enableassertions', '-enablesystemassertions',
  '--add-exports', 'java.base/sun.reflect.generics.reflectiveObjects=ALL-UNNAMED',
];
