/**
 * The HTTP side of the fuzzer: sends a case, checks the answer is OpenTSDB's (204 with no body, 200
 * with JSON, or an error JSON whose code is the status), never a 5xx, and never later than the
 * timeout. Also raw requests HTTP clients would not send, and a request trickled byte by byte.
 */
import { connect } from 'node:net';
import type { HttpCase } from './cases';

export interface HttpOutcome {
  readonly status: number;
  /** Why the answer is not one OpenTSDB gives, or null. */
  readonly problem: string | null;
  readonly hung: boolean;
}

/**
 * Errors that mean the TSD failed, not the request: a JavaScript built-in error escaping to the HTTP
 * face. (OpenTSDB answers some bad requests with 500 — an IllegalArgumentException out of
 * QueryRpc.parseQuery — so a 500 is fine when a domain error, raised on purpose, says why.)
 */
const CRASH_TRACE = /^(TypeError|RangeError|ReferenceError|SyntaxError|EvalError|URIError|AggregateError|Error):/;

/** Checks an answer's shape; returns what is wrong with it, or null. */
export function answerProblem(status: number, body: string): string | null {
  if (status > 500) return `${status}: ${body.slice(0, 300)}`;
  if (status === 500 && CRASH_TRACE.test((tryJson(body) as { error?: { trace?: string } } | undefined)?.error?.trace ?? 'Error:')) {
    return `500 from an unexpected failure: ${body.slice(0, 300)}`;
  }
  if (status === 204) return body === '' ? null : `204 with a body: ${body.slice(0, 100)}`;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return `${status} without JSON: ${body.slice(0, 100)}`;
  }
  if (status < 300) return null;
  const o = json as { error?: { code?: unknown; message?: unknown }; failed?: unknown; success?: unknown };
  // /api/put's summary and details answers are 400s too.
  if (typeof o.failed === 'number' && typeof o.success === 'number') return null;
  if (o.error && o.error.code === status && typeof o.error.message === 'string' && o.error.message !== '') return null;
  return `${status} not in OpenTSDB's error format: ${body.slice(0, 200)}`;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export async function sendCase(url: string, c: HttpCase, timeoutMs: number): Promise<HttpOutcome> {
  try {
    const res = await fetch(url + c.path, { method: c.method, body: c.body, headers: c.headers, signal: AbortSignal.timeout(timeoutMs) });
    const body = await res.text();
    return { status: res.status, problem: answerProblem(res.status, body), hung: false };
  } catch (e) {
    const hung = (e as Error).name === 'TimeoutError';
    return { status: 0, problem: hung ? `no answer in ${timeoutMs} ms: ${c.method} ${c.path.slice(0, 200)}` : `request failed: ${(e as Error).message} (${c.method} ${c.path.slice(0, 200)})`, hung };
  }
}

/** Requests no HTTP client library would send; the TSD must answer 4xx or close, and live on. */
export const RAW_REQUESTS: readonly string[] = [
  'GET /api/query?m=\u0000 HTTP/1.1\r\nHost: x\r\n\r\n',
  'POST /api/put HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n',
  'POST /api/put HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n\r\n',
  'POST /api/put HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\n[{}]',
  `GET /api/version HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(100_000)}\r\n\r\n`,
  'GET /api/version HTTP/9.9\r\n\r\n',
  'GET\r\n\r\n',
  'POST /api/put HTTP/1.1\r\nHost: x\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n\r\n\u001f\u008b\u0008\u0000',
  'POST /api/put HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n[',
];

/** Sends raw bytes; resolves with the status line of the answer ('' when the TSD just closed). */
export function rawRequest(port: number, text: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    const finish = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer.split('\r\n')[0]);
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on('connect', () => socket.end(Buffer.from(text, 'latin1')));
    socket.on('data', (d: Buffer) => {
      answer += d.toString('latin1');
      if (answer.includes('\r\n')) finish();
    });
    socket.on('error', finish);
    socket.on('close', finish);
  });
}

/** POSTs `body` to /api/put?sync one byte every `byteMs`; resolves with the answer's status line. */
export async function trickleHttp(port: number, body: string, byteMs: number): Promise<string> {
  const head = `POST /api/put?sync HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((r, j) => socket.once('connect', r).once('error', j));
  let answer = '';
  socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
  socket.on('error', () => undefined);
  for (const ch of head + body) {
    socket.write(ch);
    await new Promise((r) => setTimeout(r, byteMs));
  }
  const deadline = Date.now() + 10_000;
  while (!answer.includes('\r\n') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  socket.destroy();
  return answer.split('\r\n')[0];
}
