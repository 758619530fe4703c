/**
 * A telnet command, as OpenTSDB's TelnetRpc: looked up case-sensitively by its first word, available
 * in the TSD modes it declares, and given the connection to answer on.
 */
import type { RpcAvailability } from '../http/http-rpc';

export interface TelnetReply {
  /** Writes one line (the newline is added); returns false when the socket buffer is full. */
  line(text: string): boolean;
  /** Closes the connection after what was written. */
  close(): void;
  /** Pauses reading from the socket until the promise settles (backpressure from the store). */
  holdReadsUntil(p: Promise<unknown>): void;
}

export interface TelnetRpc {
  readonly availability: RpcAvailability;
  /** `line` is the whole line the words came from (ISO-8859-1). */
  execute(words: string[], reply: TelnetReply, line: string): void | Promise<void>;
}

/** RpcHandler.Unknown: the exact text, with two spaces, a backtick and an apostrophe. */
export const unknownCommandLine = (name: string): string => `unknown command: ${name}.  Try \`help'.`;
