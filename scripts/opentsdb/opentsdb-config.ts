import { OpenTsdbTables } from '../hbase/opentsdb-tables';

export interface OpenTsdbConfigOptions {
  readonly port: number;
  readonly zkQuorum: string;
  readonly zkBasedir: string;
  readonly tables: OpenTsdbTables;
  readonly staticRoot: string;
  readonly cacheDir: string;
  /** More `opentsdb.conf` keys; they win over the harness's. */
  readonly extraConfig?: Readonly<Record<string, string>>;
}

/** The `opentsdb.conf` the oracle runs with (asynchbase reads its `hbase.*` keys from it too). */
export function openTsdbConf(o: OpenTsdbConfigOptions): string {
  const conf: Record<string, string> = {
    'tsd.network.bind': '127.0.0.1',
    'tsd.network.port': String(o.port),
    'tsd.http.staticroot': o.staticRoot,
    'tsd.http.cachedir': o.cacheDir,
    'tsd.core.auto_create_metrics': 'true',
    'tsd.http.request.enable_chunked': 'true',
    'tsd.storage.hbase.zk_quorum': o.zkQuorum,
    'tsd.storage.hbase.zk_basedir': o.zkBasedir,
    'tsd.storage.hbase.data_table': o.tables.data,
    'tsd.storage.hbase.uid_table': o.tables.uid,
    'tsd.storage.hbase.tree_table': o.tables.tree,
    'tsd.storage.hbase.meta_table': o.tables.meta,
    ...o.extraConfig,
  };
  for (const [k, v] of Object.entries(conf)) {
    if (/[\r\n]/.test(k + v)) throw new RangeError(`Cannot write opentsdb.conf key '${k}': line break in key or value`);
  }
  return `# Written by tsd-ts scripts/opentsdb for one test run.\n${Object.entries(conf)
    .map(([k, v]) => `${k} = ${v}`).join('\n')}\n`;
}

/** logback configuration: INFO and above to `logFile` (the jar ships none and would log DEBUG). */
export function logbackXml(logFile: string): string {
  return `<configuration>
  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
    <file>${logFile.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</file>
    <encoder><pattern>%d{ISO8601} %-5level [%thread] %logger{0}: %msg%n</pattern></encoder>
  </appender>
  <root level="INFO"><appender-ref ref="FILE"/></root>
</configuration>
`;
}
