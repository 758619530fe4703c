/**
 * The two ingest clients every target gets: telnet `put` lines over several connections, and
 * `/api/put` JSON batches with a few requests in flight. Both send a dataset in step-major order
 * (every series' point at step 0, then step 1, …), bounded by a step count, and collect what came
 * back (telnet error lines, non-204 answers) so a target that refuses points cannot look fast.
 */
import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { DevopsDataset } from './devops-dataset';

export interface LoadResult {
  /** Points written to sockets (telnet) or carried by answered requests (HTTP). */
  readonly sent: number;
  /** Telnet reply lines (each one a refused put) or failed HTTP requests. */
  readonly errors: number;
  readonly firstError?: string;
  /** Per-request latency in ms (HTTP only). */
  readonly latenciesMs: readonly number[];
}

function connected(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const sock = connect(port, '127.0.0.1');
    sock.once('connect', () => resolve(sock));
    sock.once('error', reject);
  });
}

/** Writes `steps` steps of the dataset as put lines, the series split over `connections` sockets. */
export async function sendTelnet(port: number, data: DevopsDataset, steps: number, connections: number): Promise<LoadResult> {
  const n = data.series.length;
  const per = Math.ceil(n / connections);
  let errors = 0;
  let firstError: string | undefined;
  const parts = await Promise.all(
    Array.from({ length: Math.min(connections, n) }, async (_, c) => {
      const [from, to] = [c * per, Math.min(n, (c + 1) * per)];
      const sock = await connected(port);
      let replies = '';
      sock.on('data', (d: Buffer) => {
        replies += d.toString('latin1');
        const lines = replies.split('\n');
        replies = lines.pop() ?? '';
        errors += lines.length;
        firstError ??= lines[0];
      });
      const closed = new Promise<void>((resolve) => sock.once('close', () => resolve()));
      sock.on('error', (e) => (firstError ??= e.message));
      for (let step = 0; step < steps; step++) {
        if (!sock.write(data.telnetLines(from, to, step))) await new Promise((r) => sock.once('drain', r));
      }
      sock.end();
      await closed;
      return (to - from) * steps;
    }),
  );
  return { sent: parts.reduce((a, b) => a + b, 0), errors, firstError, latenciesMs: [] };
}

function post(agent: Agent, port: number, path: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text.length < 500 ? (text += d) : undefined));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Posts `steps` steps of the dataset to `/api/put` in batches of `batch`, `inflight` requests at a time. */
export async function sendHttpPut(port: number, data: DevopsDataset, steps: number, batch: number, inflight: number): Promise<LoadResult> {
  const total = data.series.length * steps;
  const agent = new Agent({ keepAlive: true, maxSockets: inflight });
  const latenciesMs: number[] = [];
  let [cursor, sent, errors] = [0, 0, 0];
  let firstError: string | undefined;
  await Promise.all(
    Array.from({ length: inflight }, async () => {
      while (cursor < total) {
        const points: string[] = [];
        for (const end = Math.min(total, cursor + batch); cursor < end; cursor++) points.push(data.jsonPoint(cursor));
        const t0 = performance.now();
        const res = await post(agent, port, '/api/put', `[${points.join(',')}]`).catch((e: Error) => ({ status: 0, text: e.message }));
        latenciesMs.push(performance.now() - t0);
        if (res.status === 204 || res.status === 200) sent += points.length;
        else {
          errors++;
          firstError ??= `HTTP ${res.status}: ${res.text.slice(0, 200)}`;
        }
      }
    }),
  );
  agent.destroy();
  return { sent, errors, firstError, latenciesMs };
}
