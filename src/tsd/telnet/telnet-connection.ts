/**
 * Serves one telnet-style connection: frames lines, splits words, runs each command from the registry
 * and writes its reply lines. An over-long line closes the connection, as in OpenTSDB, after one error
 * line saying why. Reads pause while a command holds them (store backpressure) or the socket's write
 * buffer is full.
 */
import type { Socket } from 'node:net';
import type { Logger } from '../../logging/logger';
import { availableIn } from '../http/http-rpc';
import { LineSplitter, LineTooLongError, splitWords } from './line-splitter';
import { unknownCommandLine, type TelnetReply, type TelnetRpc } from './telnet-rpc';

export interface TelnetOptions {
  readonly commands: ReadonlyMap<string, TelnetRpc>;
  readonly mode: string;
  readonly maxLineLength: number;
  readonly logger: Logger;
  /**
   * Tries a line before it becomes a string (the `put` fast path); returns whether it handled it.
   * Lines it declines go through the command registry.
   */
  readonly fastLine?: (buf: Buffer, start: number, end: number) => boolean;
  /** After each chunk: a promise to pause reading on (the store is behind), or undefined. */
  readonly backpressure?: () => Promise<void> | undefined;
  readonly onConnection?: (event: 'open' | 'close') => void;
}

const MAX_WORKING = 1000;

export function serveTelnet(socket: Socket, options: TelnetOptions): void {
  const splitter = new LineSplitter(options.maxLineLength);
  // Commands still working (a new series resolving its UIDs): past a bound, reading pauses until they
  // finish, so a fast client cannot pile up lines in memory.
  const working = new Set<Promise<void>>();
  let holds = 0;
  let closing = false;
  const release = (): void => {
    if (--holds === 0 && !closing) socket.resume();
  };
  const reply: TelnetReply = {
    line(text) {
      if (closing || socket.destroyed) return false;
      // OpenTSDB's StringEncoder writes in the JVM's default charset: UTF-8 on the usual systems.
      const ok = socket.write(text + '\n', 'utf8');
      if (!ok) {
        holds++;
        socket.pause();
        socket.once('drain', release);
      }
      return ok;
    },
    close() {
      closing = true;
      socket.end();
    },
    holdReadsUntil(p) {
      holds++;
      socket.pause();
      p.then(release, release);
    },
  };

  const onLine = (buf: Buffer, start: number, end: number): void => {
    if (closing) return;
    if (options.fastLine?.(buf, start, end)) return;
    const line = buf.toString('latin1', start, end);
    const words = splitWords(line);
    const rpc = options.commands.get(words[0]);
    if (!rpc || !availableIn(options.mode, rpc.availability)) {
      reply.line(unknownCommandLine(words[0]));
      return;
    }
    try {
      const done = rpc.execute(words, reply, line);
      if (done) {
        const tracked = done.catch((e: unknown) => void reply.line(`${words[0]}: ${(e as Error).message}`));
        working.add(tracked);
        void tracked.then(() => working.delete(tracked));
      }
    } catch (e) {
      options.logger.error('Telnet command failed', { command: words[0], error: (e as Error).stack });
      reply.line(`${words[0]}: ${(e as Error).message}`);
    }
  };

  socket.on('data', (chunk: Buffer) => {
    try {
      splitter.push(chunk, onLine);
    } catch (e) {
      if (e instanceof LineTooLongError) {
        reply.line(`error: ${e.message}; closing the connection`);
        reply.close();
        return;
      }
      throw e;
    }
    const wait = options.backpressure?.();
    if (wait) reply.holdReadsUntil(wait);
    if (working.size > MAX_WORKING) reply.holdReadsUntil(Promise.all([...working]));
  });
}
