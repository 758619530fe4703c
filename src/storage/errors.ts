/**
 * Errors every backend raises with the same class, so callers above the store can react alike.
 * Names follow HBase's exceptions (TableNotFoundException, NoSuchColumnFamilyException, …).
 */

export class StoreError extends Error {
  override name = 'StoreError';
}

export class TableNotFoundError extends StoreError {
  override name = 'TableNotFoundError';
  constructor(readonly table: string) {
    super(`Cannot find table '${table}'`);
  }
}

export class TableExistsError extends StoreError {
  override name = 'TableExistsError';
  constructor(readonly table: string) {
    super(`Cannot create table '${table}': it exists`);
  }
}

export class NoSuchColumnFamilyError extends StoreError {
  override name = 'NoSuchColumnFamilyError';
  constructor(readonly table: string, readonly family: string) {
    super(`Column family '${family}' does not exist in table '${table}'`);
  }
}

/** HBase refuses to increment a cell that does not hold an 8-byte long ("Field is not a long"). */
export class NotACounterError extends StoreError {
  override name = 'NotACounterError';
  constructor(readonly table: string, readonly length: number) {
    super(`Cannot increment a cell of ${length} bytes in table '${table}': field is not a long`);
  }
}

/** HBase's limit on row keys (HConstants.MAX_ROW_LENGTH, Short.MAX_VALUE), with its words. */
export const MAX_ROW_LENGTH = 32767;

export class RowTooLongError extends StoreError {
  override name = 'RowTooLongError';
  constructor(readonly length: number) {
    super(`Row length ${length} is > ${MAX_ROW_LENGTH}`);
  }
}

export class StoreClosedError extends StoreError {
  override name = 'StoreClosedError';
  constructor(what: string) {
    super(`Cannot use ${what}: the store is closed`);
  }
}

/** The embedded store's directory is held by another process (LevelDB LOCK). */
export class StoreLockedError extends StoreError {
  override name = 'StoreLockedError';
  constructor(readonly path: string) {
    super(
      `Cannot open the embedded store at '${path}': another process holds it ` +
        `(only one TSD or tool may open an embedded store at a time; stop it or use --backend hbase)`,
    );
  }
}
