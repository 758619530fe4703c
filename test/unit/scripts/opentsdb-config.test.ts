import { openTsdbConf } from '../../../scripts/opentsdb/opentsdb-config';
import { openTsdbTableNames } from '../../../scripts/hbase/opentsdb-tables';
import { splitQuorum } from '../../../scripts/hbase/create-tables';

const base = {
  port: 4243, zkQuorum: '127.0.0.1:2181', zkBasedir: '/hbase', tables: openTsdbTableNames('w1-'),
  staticRoot: '/tmp/s', cacheDir: '/tmp/c',
};
const parse = (text: string): Map<string, string> => new Map(text.split('\n')
  .filter((l) => l.includes(' = ')).map((l) => l.split(' = ') as [string, string]));

describe('openTsdbConf', () => {
  it('points OpenTSDB at the given ZooKeeper, port and prefixed tables', () => {
    const conf = parse(openTsdbConf(base));
    expect(conf.get('tsd.storage.hbase.zk_quorum')).toBe('127.0.0.1:2181');
    expect(conf.get('tsd.network.port')).toBe('4243');
    expect(conf.get('tsd.storage.hbase.uid_table')).toBe('w1-tsdb-uid');
    expect(conf.get('tsd.storage.hbase.meta_table')).toBe('w1-tsdb-meta');
  });

  it('lets extraConfig override the harness defaults', () => {
    const conf = parse(openTsdbConf({ ...base, extraConfig: { 'tsd.core.auto_create_metrics': 'false' } }));
    expect(conf.get('tsd.core.auto_create_metrics')).toBe('false');
  });

  it('refuses a value that would inject another line', () => {
    expect(() => openTsdbConf({ ...base, extraConfig: { 'tsd.a': 'x\ntsd.b = y' } }))
      .toThrow(RangeError);
  });
});

describe('splitQuorum', () => {
  it('takes host and port of the first entry', () => {
    expect(splitQuorum('127.0.0.1:2181,other:2182')).toEqual(['127.0.0.1', '2181']);
  });

  it('refuses an entry without a port', () => {
    expect(() => splitQuorum('localhost')).toThrow(/expected host:port/);
  });
});
