/**
 * The one retry loop of the client (spec/hbase.md §2.10, gohbase rpc.go's policy): relocations and
 * dead servers are retried at once the first time (failover should be fast), then everything
 * backs off 16 ms, doubling under 5 s, then growing by 5 s up to 30 s, so a struggling cluster is
 * not hammered; the whole operation has one deadline.
 */
import type { Clock } from './clock';
import { HBaseError, RetriesExhaustedError } from './rpc/hbase-errors';

export interface RetryOptions {
  readonly clock: Clock;
  /** Total time allowed for all attempts, in ms. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Called with each retryable error before the next attempt (evict caches, drop sockets). */
  readonly onRetry?: (err: HBaseError) => void;
}

/** The pause after `previousMs` (0 for the first backoff). */
export function nextBackoff(previousMs: number): number {
  if (previousMs <= 0) return 16;
  if (previousMs < 5000) return Math.min(previousMs * 2, 5000);
  return Math.min(previousMs + 5000, 30_000);
}

/**
 * Runs `attempt` until it succeeds, fails with an error that is not a retryable HBaseError, or the
 * deadline passes (RetriesExhaustedError, with the last error as `cause`).
 */
export async function withRetries<T>(what: string, attempt: (n: number) => Promise<T>, opts: RetryOptions): Promise<T> {
  const started = opts.clock.nowMs();
  let backoff = 0;
  for (let n = 0; ; n++) {
    opts.signal?.throwIfAborted();
    try {
      return await attempt(n);
    } catch (err) {
      if (!(err instanceof HBaseError) || err.kind === 'fatal') throw err;
      opts.onRetry?.(err);
      const immediate = n === 0 && (err.kind === 'relocate' || err.kind === 'server');
      const pause = immediate ? 0 : (backoff = nextBackoff(backoff));
      const elapsed = opts.clock.nowMs() - started;
      if (elapsed + pause > opts.timeoutMs) {
        throw new RetriesExhaustedError(`Cannot ${what}: gave up after ${n + 1} attempts in ${elapsed} ms: ${err.message}`, { cause: err });
      }
      if (pause > 0) await opts.clock.sleep(pause, opts.signal);
    }
  }
}
