/**
 * The telnet side of the fuzzer: connections that interleave good `put` lines with hostile ones,
 * connections that end in a 10 MB line, and senders that trickle a byte at a time. Every reply line
 * must be one OpenTSDB writes.
 */
import { connect, type Socket } from 'node:net';
import type { Random } from '../random';
import { BASE, hostileTelnetLine, type GoodPoint } from './cases';

/** The lines a TSD may answer a telnet client with. */
const TELNET_REPLY = [
  /^put: (illegal argument|invalid value): ./,
  /^unknown command: [^\n]*\.  Try `help'\.$/,
  /^net\.opentsdb\.tools /,
  /^Built on /,
  /^error: Line too long: more than \d+ bytes without a newline; closing the connection$/,
];

export const isTelnetReply = (line: string): boolean => TELNET_REPLY.some((re) => re.test(line));

export interface TelnetOutcome {
  /** Reply lines that are not in OpenTSDB's format (at most 20 kept). */
  readonly badReplies: string[];
  readonly replies: number;
  readonly closed: boolean;
  /** Whether the final `version` was answered (every line before it was handled). */
  readonly synced: boolean;
}

/** Sends `payload`, then `version`, and checks each reply line until the version answer or a close. */
export function runTelnet(port: number, payload: Buffer | readonly Buffer[], timeoutMs: number): Promise<TelnetOutcome> {
  const parts = Buffer.isBuffer(payload) ? [payload] : payload;
  return new Promise((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1');
    const badReplies: string[] = [];
    let replies = 0;
    let tail = '';
    let done = false;
    const finish = (closed: boolean, synced: boolean): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ badReplies, replies, closed, synced });
    };
    const timer = setTimeout(() => finish(false, false), timeoutMs);
    // Parts go 100 ms apart, so what one part leaves without a newline is buffered by the TSD.
    socket.on('connect', async () => {
      for (const [i, part] of parts.entries()) {
        if (i > 0) await new Promise((r) => setTimeout(r, 100));
        if (!done) socket.write(part);
      }
      if (!done) socket.write('version\n');
    });
    socket.on('data', (d: Buffer) => {
      const lines = (tail + d.toString('latin1')).split('\n');
      tail = lines.pop() as string;
      for (const l of lines) {
        replies++;
        if (!isTelnetReply(l) && badReplies.length < 20) badReplies.push(l);
        if (l.startsWith('Built on ')) finish(false, true);
      }
    });
    socket.on('error', () => finish(true, false));
    socket.on('close', () => finish(true, false));
  });
}

/** A connection's lines: good points of series `c=<name>` every other line, hostile lines between. */
export function telnetScript(rng: Random, name: string, lines: number, good: GoodPoint[]): Buffer {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    if (i % 2 === 0) {
      const n = i / 2;
      good.push({ series: name, ts: BASE + n, value: n });
      out.push(`put fz.good.t ${BASE + n} ${n} c=${name}`);
    } else out.push(hostileTelnetLine(rng));
  }
  return Buffer.from(out.join('\n') + '\n', 'latin1');
}

/**
 * Good lines, then a line of `longBytes` (a run of bytes or thousands of tags), then more good lines: two
 * parts split before the long line's newline, since (as in OpenTSDB) the limit is on bytes buffered without one.
 */
export function longLineScript(name: string, longBytes: number, tags: boolean, good: GoodPoint[]): { parts: Buffer[]; after: GoodPoint } {
  const head: string[] = [];
  for (let n = 0; n < 5; n++) {
    good.push({ series: name, ts: BASE + n, value: n });
    head.push(`put fz.good.t ${BASE + n} ${n} c=${name}`);
  }
  const long = tags
    ? `put fz.bad.t ${BASE} 1 ` + Array.from({ length: Math.ceil(longBytes / 12) }, (_, i) => `k${i}=v${i}`).join(' ')
    : 'x'.repeat(longBytes);
  // Lines after the long one are read only if the whole line was buffered at once (see longLines).
  const parts = [Buffer.from(`${head.join('\n')}\n${long}`, 'latin1'), Buffer.from(`\nput fz.good.t ${BASE + 99} 99 c=${name}\n`, 'latin1')];
  return { parts, after: { series: name, ts: BASE + 99, value: 99 } };
}

/** Sends good lines one byte every `byteMs`; resolves once all are written and the TSD answered `version`. */
export async function trickleTelnet(port: number, name: string, lines: number, byteMs: number, good: GoodPoint[]): Promise<boolean> {
  let text = '';
  for (let n = 0; n < lines; n++) {
    good.push({ series: name, ts: BASE + n, value: n });
    text += `put fz.good.t ${BASE + n} ${n} c=${name}\n`;
  }
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((r, j) => socket.once('connect', r).once('error', j));
  let answer = '';
  socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
  socket.on('error', () => undefined);
  for (const ch of text + 'version\n') {
    socket.write(ch);
    await new Promise((r) => setTimeout(r, byteMs));
  }
  const deadline = Date.now() + 10_000;
  while (!answer.includes('Built on ') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  socket.destroy();
  return answer.startsWith('net.opentsdb.tools ');
}
