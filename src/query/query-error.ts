/**
 * The error every parse, validation and execution failure of a query raises. The HTTP face renders it
 * as OpenTSDB's `{"error":{"code":status,"message":…,"details":…}}` (details only when non-empty).
 *
 * Status follows where OpenTSDB 2.4.1 throws: BadRequestException → 400; an IllegalArgumentException
 * escaping `QueryRpc.parseQuery` (bad tag or filter in `m=`) → 500; errors raised while the results are
 * computed are caught by `QueryRpc.ErrorCB` → 400 with the exception's message.
 */
import { TsdError } from '../errors/tsd-error';

export class QueryError extends TsdError {
  override name = 'QueryError';
}

/** Java's IllegalArgumentException thrown while building filters, tags, durations, dates… */
export class IllegalArgumentError extends Error {
  override name = 'IllegalArgumentError';
}

