/**
 * Telnet exchanges for comparing TSDs line by line. A successful `put` writes nothing back, so each
 * line is followed by an unknown command as a marker: its fixed reply closes that line's answer. A
 * marker also opens the connection, so no line under test is the first of a connection (whose first
 * byte decides between HTTP and telnet).
 */
import { connect } from 'node:net';

const marker = (i: number): string => `zzmark${i}`;
const markerReply = (i: number): string => `unknown command: ${marker(i)}.  Try \`help'.`;

/** The lines each input line produced, on one connection; throws if the server closed it. */
export function telnetReplies(port: number, lines: readonly (string | Buffer)[], timeoutMs = 10_000): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const replies: string[][] = [];
    let current: string[] = [];
    let pending = '';
    let next = -1;
    const timer = setTimeout(() => fail(new Error(`No marker ${next} from port ${port} in ${timeoutMs} ms (got ${JSON.stringify(current)})`)), timeoutMs);
    const fail = (e: Error): void => {
      clearTimeout(timer);
      socket.destroy();
      reject(e);
    };
    const sendNext = (): void => {
      if (next === lines.length) {
        clearTimeout(timer);
        socket.end();
        resolve(replies);
        return;
      }
      const line = next < 0 ? '' : (lines[next] as string | Buffer);
      const bytes = typeof line === 'string' ? Buffer.from(line, 'latin1') : line;
      socket.write(next < 0 ? `${marker(next)}\n` : Buffer.concat([bytes, Buffer.from(`\n${marker(next)}\n`)]));
    };
    socket.on('connect', sendNext);
    socket.on('data', (d: Buffer) => {
      pending += d.toString('latin1');
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl).replace(/\r$/, '');
        pending = pending.slice(nl + 1);
        if (line === markerReply(next)) {
          if (next >= 0) replies.push(current);
          current = [];
          next++;
          sendNext();
        } else {
          current.push(line);
        }
      }
    });
    socket.on('close', () => fail(new Error(`Port ${port} closed the connection at line ${next}: ${JSON.stringify(lines[next]?.toString())}`)));
    socket.on('error', fail);
  });
}

/** Everything a server writes back to `bytes` sent on a fresh connection, until it closes or goes quiet. */
export function rawExchange(port: number, bytes: Buffer, quietMs = 1500): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let timer = setTimeout(() => done(false), quietMs);
    const done = (closed: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ text, closed });
    };
    socket.on('connect', () => socket.write(bytes));
    socket.on('data', (d: Buffer) => {
      text += d.toString('latin1');
      clearTimeout(timer);
      timer = setTimeout(() => done(false), quietMs);
    });
    socket.on('close', () => done(true));
    socket.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' ? done(true) : reject(e)));
  });
}
