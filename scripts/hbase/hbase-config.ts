/** Ports and folders of one standalone HBase run. */
export interface HBaseSiteOptions {
  readonly dir: string;
  readonly zkPort: number;
  readonly masterPort: number;
  readonly regionServerPort: number;
}

const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * hbase-site.xml for a single-JVM standalone HBase (master, one region server and ZooKeeper as
 * threads) on loopback only, on the given ports, with its state under `dir` and no web UIs.
 */
export function hbaseSiteXml(o: HBaseSiteOptions): string {
  const props: Array<[string, string]> = [
    ['hbase.cluster.distributed', 'false'],
    ['hbase.rootdir', `file://${o.dir}/hbase`],
    ['hbase.tmp.dir', `${o.dir}/tmp`],
    ['hbase.zookeeper.property.dataDir', `${o.dir}/zk`],
    ['hbase.zookeeper.quorum', '127.0.0.1'],
    ['hbase.zookeeper.property.clientPort', String(o.zkPort)],
    ['hbase.master.port', String(o.masterPort)],
    ['hbase.regionserver.port', String(o.regionServerPort)],
    ['hbase.master.info.port', '-1'],
    ['hbase.regionserver.info.port', '-1'],
    ['hbase.master.ipc.address', '127.0.0.1'],
    ['hbase.regionserver.ipc.address', '127.0.0.1'],
    // The names written into ZooKeeper and hbase:meta, so clients connect to loopback.
    ['hbase.master.hostname', 'localhost'],
    ['hbase.unsafe.regionserver.hostname', 'localhost'],
    // LocalFileSystem cannot hflush/hsync; without this the WAL refuses to start.
    ['hbase.unsafe.stream.capability.enforce', 'false'],
  ];
  const body = props
    .map(([k, v]) => `  <property><name>${k}</name><value>${escapeXml(v)}</value></property>`)
    .join('\n');
  return `<?xml version="1.0"?>\n<!-- Written by tsd-ts scripts/hbase for one test run. -->\n` +
    `<configuration>\n${body}\n</configuration>\n`;
}

/** log4j2 configuration sending everything at `level` and above to `logFile`. */
export function log4j2Properties(logFile: string, level: 'INFO' | 'WARN' = 'INFO'): string {
  return [
    'status = warn',
    'appender.file.type = File',
    'appender.file.name = file',
    `appender.file.fileName = ${logFile}`,
    'appender.file.layout.type = PatternLayout',
    'appender.file.layout.pattern = %d{ISO8601} %-5p [%t] %c{2}: %m%n',
    `rootLogger = ${level},file`,
    '',
  ].join('\n');
}
