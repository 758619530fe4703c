import { HBaseClient } from '../../../src/storage/hbase/client';

describe('HBaseClient options', () => {
  it('fills defaults, also for options given as undefined', () => {
    const c = new HBaseClient({ zkQuorum: 'zk1:2181,zk2', zkBasedir: undefined });
    expect(c.options).toMatchObject({ zkQuorum: 'zk1:2181,zk2', zkBasedir: '/hbase', rpcTimeoutMs: 30_000, operationTimeoutMs: 60_000 });
    expect(c.description).toBe('hbase:zk=zk1:2181,zk2');
  });

  it.each([
    [{ zkQuorum: '' }, "'tsd.storage.hbase.zk_quorum' is empty"],
    [{ zkQuorum: 'zk', zkBasedir: 'hbase' }, "'tsd.storage.hbase.zk_basedir' must start with '/': current value is 'hbase'"],
    [{ zkQuorum: 'zk', rpcTimeoutMs: 0 }, 'rpcTimeoutMs must be > 0: current value is 0'],
    [{ zkQuorum: 'zk', maxFrameBytes: Number.NaN }, 'maxFrameBytes must be > 0'],
  ])('refuses %j up front', (opts, message) => {
    expect(() => new HBaseClient(opts)).toThrow(RangeError);
    expect(() => new HBaseClient(opts)).toThrow(message);
  });
});
