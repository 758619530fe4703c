/**
 * How a `tsdb` subcommand ends with a given exit code, as OpenTSDB's tools do with System.exit:
 * 0 ok, 1 not found or failed, 2 usage, 3 storage error (UidManager's codes). The message, if any,
 * is written to stderr as is.
 */
export class CliExit extends Error {
  override name = 'CliExit';
  constructor(
    readonly code: number,
    message = '',
  ) {
    super(message);
  }
}

/** A usage error: the reason, then the command's usage text, exit code 2 (CliOptions.parse). */
export function usageExit(reason: string, usage: string): CliExit {
  return new CliExit(2, `${reason}\n${usage}`);
}
