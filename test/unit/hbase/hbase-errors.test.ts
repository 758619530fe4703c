import { NoSuchColumnFamilyError, NotACounterError, TableExistsError, TableNotFoundError } from '../../../src/storage/errors';
import { HBaseRemoteError, RetriesExhaustedError, classifyRemoteException, remoteMessage } from '../../../src/storage/hbase/rpc/hbase-errors';
import { toStoreError } from '../../../src/storage/hbase/store-errors';

describe('classifyRemoteException', () => {
  it.each([
    ['org.apache.hadoop.hbase.NotServingRegionException', 'relocate'],
    ['org.apache.hadoop.hbase.exceptions.RegionMovedException', 'relocate'],
    ['org.apache.hadoop.hbase.UnknownScannerException', 'relocate'],
    ['org.apache.hadoop.hbase.exceptions.OutOfOrderScannerNextException', 'relocate'],
    ['org.apache.hadoop.hbase.exceptions.ScannerResetException', 'relocate'],
    ['org.apache.hadoop.hbase.exceptions.RegionOpeningException', 'backoff'],
    ['org.apache.hadoop.hbase.RegionTooBusyException', 'backoff'],
    ['org.apache.hadoop.hbase.CallQueueTooBigException', 'backoff'],
    ['org.apache.hadoop.hbase.CallDroppedException', 'backoff'],
    ['org.apache.hadoop.hbase.quotas.RpcThrottlingException', 'backoff'],
    ['org.apache.hadoop.hbase.RetryImmediatelyException', 'backoff'],
    ['org.apache.hadoop.hbase.PleaseHoldException', 'backoff'],
    ['org.apache.hadoop.hbase.regionserver.RegionServerStoppedException', 'server'],
    ['org.apache.hadoop.hbase.regionserver.RegionServerAbortedException', 'server'],
    ['org.apache.hadoop.hbase.ipc.ServerNotRunningYetException', 'server'],
    ['org.apache.hadoop.hbase.ipc.FatalConnectionException', 'server'],
    ['org.apache.hadoop.hbase.DoNotRetryIOException', 'fatal'],
    ['org.apache.hadoop.hbase.TableNotFoundException', 'fatal'],
    ['org.apache.hadoop.hbase.regionserver.NoSuchColumnFamilyException', 'fatal'],
    ['org.apache.hadoop.hbase.exceptions.FailedSanityCheckException', 'fatal'],
    ['org.apache.hadoop.hbase.exceptions.UnknownProtocolException', 'fatal'],
    ['java.io.IOException', 'fatal'],
  ])('%s → %s', (cls, kind) => {
    expect(classifyRemoteException(cls, 'text').kind).toBe(kind);
  });

  it('relocates on a closed WAL, whatever the class', () => {
    expect(classifyRemoteException('java.io.IOException', 'Cannot append; log is closed').kind).toBe('relocate');
  });

  it('keeps the class name and message of what it does not retry', () => {
    const e = classifyRemoteException('org.apache.hadoop.hbase.TableNotFoundException', 'tsdb');
    expect(e).toBeInstanceOf(HBaseRemoteError);
    expect((e as HBaseRemoteError).simpleName).toBe('TableNotFoundException');
    expect(e.message).toBe('HBase threw org.apache.hadoop.hbase.TableNotFoundException: tsdb');
  });

  it('reads the message from the first line of a Java stack trace', () => {
    const trace = 'org.apache.hadoop.hbase.DoNotRetryIOException: Field is not a long, it\'s 3 bytes wide\n\tat org.apache...';
    expect(remoteMessage('org.apache.hadoop.hbase.DoNotRetryIOException', trace)).toBe("Field is not a long, it's 3 bytes wide");
    expect(remoteMessage('X', 'plain text')).toBe('plain text');
  });
});

describe('toStoreError', () => {
  const remote = (cls: string, msg: string) => new HBaseRemoteError(`org.apache.hadoop.hbase.${cls}`, msg);
  it('maps the exceptions callers react to onto the Store errors', () => {
    expect(toStoreError(remote('TableNotFoundException', 't1'), 't1')).toBeInstanceOf(TableNotFoundError);
    expect(toStoreError(remote('TableExistsException', 't1'), 't1')).toBeInstanceOf(TableExistsError);
    const fam = toStoreError(remote('regionserver.NoSuchColumnFamilyException', 'Column family nope does not exist in region t1,,1.abc. in table t1'), 't1');
    expect(fam).toBeInstanceOf(NoSuchColumnFamilyError);
    expect((fam as NoSuchColumnFamilyError).family).toBe('nope');
    const counter = toStoreError(remote('DoNotRetryIOException', "Field is not a long, it's 3 bytes wide"), 't1');
    expect(counter).toBeInstanceOf(NotACounterError);
    expect((counter as NotACounterError).length).toBe(3);
  });
  it('looks through an exhausted retry at its cause and passes anything else unchanged', () => {
    const wrapped = new RetriesExhaustedError('gave up', { cause: remote('TableNotFoundException', 'x') });
    expect(toStoreError(wrapped, 'x')).toBeInstanceOf(TableNotFoundError);
    const other = remote('DoNotRetryIOException', 'something else');
    expect(toStoreError(other, 'x')).toBe(other);
    const plain = new Error('boom');
    expect(toStoreError(plain, 'x')).toBe(plain);
  });
});
