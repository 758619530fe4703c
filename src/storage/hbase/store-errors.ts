/**
 * Maps HBase's exceptions onto the errors every Store backend raises (src/storage/errors.ts), so
 * callers cannot tell the backends apart.
 */
import { NoSuchColumnFamilyError, NotACounterError, TableExistsError, TableNotFoundError } from '../errors';
import { HBaseRemoteError, RetriesExhaustedError } from './rpc/hbase-errors';

/** The Store error for `err` raised while working on `table`, or `err` itself. */
export function toStoreError(err: unknown, table: string): unknown {
  const remote = err instanceof RetriesExhaustedError && err.cause instanceof HBaseRemoteError ? err.cause : err;
  if (!(remote instanceof HBaseRemoteError)) return err;
  const msg = remote.remoteMessage;
  switch (remote.simpleName) {
    case 'TableNotFoundException':
      return new TableNotFoundError(table);
    case 'TableExistsException':
      return new TableExistsError(table);
    case 'NoSuchColumnFamilyException': {
      // "Column family nope does not exist in region ... in table ..."
      const family = /Column famil(?:y|ies) (\S+?),? does not exist/.exec(msg)?.[1] ?? '?';
      return new NoSuchColumnFamilyError(table, family);
    }
    case 'DoNotRetryIOException': {
      // HRegion's increment check: "Field is not a long, it's 3 bytes wide"
      const m = /not a long, it's (\d+) bytes wide/.exec(msg);
      if (m) return new NotACounterError(table, Number(m[1]));
      return err;
    }
    default:
      return err;
  }
}
