/**
 * The client's error classes, one per retry decision (spec/hbase.md §2.10, the shape of gohbase's
 * region/client.go), and the pure classifier from Java exception class names onto them.
 */

/** What the retry loop does about an error. */
export type RetryKind = 'relocate' | 'backoff' | 'server' | 'fatal';

export abstract class HBaseError extends Error {
  abstract readonly kind: RetryKind;
}

/** The region is not (or no longer) where the cache says: look it up again and retry. */
export class RegionMovedError extends HBaseError {
  override name = 'RegionMovedError';
  readonly kind = 'relocate';
}

/** The region is busy, opening or throttled: retry the same place after a backoff. */
export class RetryLaterError extends HBaseError {
  override name = 'RetryLaterError';
  readonly kind = 'backoff';
}

/** The connection or the server is gone: drop the socket, relocate everything it served, retry. */
export class ServerDeadError extends HBaseError {
  override name = 'ServerDeadError';
  readonly kind = 'server';
}

/** An exception HBase raised that retrying cannot fix (DoNotRetryIOException and the unknown). */
export class HBaseRemoteError extends HBaseError {
  override name = 'HBaseRemoteError';
  readonly kind = 'fatal';
  constructor(readonly className: string, readonly remoteMessage: string) {
    super(`HBase threw ${className}: ${remoteMessage}`);
  }
  /** The class name without its package (HBase moved some classes between packages). */
  get simpleName(): string {
    return simpleName(this.className);
  }
}

/** The call got no answer within its timeout. */
export class CallTimeoutError extends RetryLaterError {
  override name = 'CallTimeoutError';
}

/** The retry loop ran out of time; `cause` is the last error seen. */
export class RetriesExhaustedError extends HBaseError {
  override name = 'RetriesExhaustedError';
  readonly kind = 'fatal';
}

const simpleName = (className: string): string => className.slice(className.lastIndexOf('.') + 1);

// Matched on the simple name, as HBase moved some of these between packages across versions.
const RELOCATE = new Set([
  'NotServingRegionException',
  'RegionMovedException',
  // A scanner that the server lost or that fell out of step: reopen it from the last row.
  'UnknownScannerException',
  'OutOfOrderScannerNextException',
  'ScannerResetException',
]);
const BACK_OFF = new Set([
  'RegionOpeningException',
  'RegionTooBusyException',
  'CallQueueTooBigException',
  'CallDroppedException',
  'RpcThrottlingException',
  'ThrottlingException',
  'RetryImmediatelyException',
  'PleaseHoldException',
  'RegionInRecoveryException',
  'CallTimeoutException',
]);
const SERVER_GONE = new Set([
  'RegionServerStoppedException',
  'RegionServerAbortedException',
  'ServerNotRunningYetException',
  'MasterStoppedException',
  'MasterNotRunningException',
  'FatalConnectionException',
  'ConnectionClosingException',
]);

/**
 * Maps a remote exception onto the error class that carries its retry decision. The tables win over
 * the server's `do_not_retry` flag: the scanner exceptions are DoNotRetryIOExceptions to HBase's own
 * client, which reopens the scanner, and so do we. Anything unknown is not retried (as gohbase).
 */
export function classifyRemoteException(className: string, message: string): HBaseError {
  const name = simpleName(className);
  const text = `HBase threw ${className}: ${message}`;
  if (RELOCATE.has(name) || message.includes('Cannot append; log is closed')) return new RegionMovedError(text);
  if (BACK_OFF.has(name)) return new RetryLaterError(text);
  if (SERVER_GONE.has(name)) return new ServerDeadError(text);
  return new HBaseRemoteError(className, message);
}

/** The message of a Java stack trace's first line ("a.b.SomeException: message\n\tat ..."). */
export function remoteMessage(className: string, stackTrace: string): string {
  const firstLine = stackTrace.split('\n', 1)[0] ?? '';
  const prefix = `${className}: `;
  return (firstLine.startsWith(prefix) ? firstLine.slice(prefix.length) : firstLine).trim();
}
