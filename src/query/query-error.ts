/**
 * The error every parse, validation and execution failure of a query raises. The HTTP face renders it
 * as OpenTSDB's `{"error":{"code":status,"message":…,"details":…}}` (details only when non-empty).
 *
 * Status follows where OpenTSDB 2.4.1 throws: BadRequestException → 400; an IllegalArgumentException
 * escaping `QueryRpc.parseQuery` (bad tag or filter in `m=`) → 500; errors raised while the results are
 * computed are caught by `QueryRpc.ErrorCB` → 400 with the exception's message.
 */
export class QueryError extends Error {
  override name = 'QueryError';

  constructor(
    message: string,
    readonly status: number = 400,
    readonly details: string = '',
  ) {
    super(message);
  }
}

/** Java's IllegalArgumentException thrown while building filters, tags, durations, dates… */
export class IllegalArgumentError extends Error {
  override name = 'IllegalArgumentError';
}

/** Missing required query string parameter, worded as `BadRequestException.missingParameter`. */
export function missingParameter(name: string): QueryError {
  return new QueryError(`Missing parameter <code>${name}</code>`);
}
