/**
 * An error a client is meant to see, in OpenTSDB's words, with the HTTP status OpenTSDB gives it
 * (BadRequestException's status and details). Faces render it: HTTP as the error JSON, telnet as a
 * `<command>: <message>` line.
 */
export class TsdError extends Error {
  override name = 'TsdError';
  constructor(
    message: string,
    readonly status: number = 400,
    readonly details: string = '',
  ) {
    super(message);
  }

  /** BadRequestException.missingParameter: the literal <code> tags are part of OpenTSDB's text. */
  static missingParameter(name: string): TsdError {
    return new TsdError(`Missing parameter <code>${name}</code>`, 400);
  }
}
