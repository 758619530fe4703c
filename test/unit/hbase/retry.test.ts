import type { Clock } from '../../../src/storage/hbase/clock';
import { nextBackoff, withRetries } from '../../../src/storage/hbase/retry';
import { HBaseRemoteError, RegionMovedError, RetriesExhaustedError, RetryLaterError, ServerDeadError } from '../../../src/storage/hbase/rpc/hbase-errors';

/** A clock whose sleeps only move its own time forward. */
function fakeClock(): Clock & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return { slept, nowMs: () => now, sleep: async (ms) => void (slept.push(ms), (now += ms)) };
}

describe('nextBackoff', () => {
  it('starts at 16 ms, doubles under 5 s, then grows by 5 s up to 30 s', () => {
    const seq: number[] = [];
    let b = 0;
    for (let i = 0; i < 16; i++) seq.push((b = nextBackoff(b)));
    expect(seq).toEqual([16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 5000, 10000, 15000, 20000, 25000, 30000, 30000]);
  });
});

describe('withRetries', () => {
  it('retries a relocation at once, then backs off, and returns the first success', async () => {
    const clock = fakeClock();
    const seen: string[] = [];
    const errors = [new RegionMovedError('moved'), new RetryLaterError('busy'), new ServerDeadError('gone')];
    const result = await withRetries('test', async (n) => {
      if (n < errors.length) throw errors[n];
      return 'ok';
    }, { clock, timeoutMs: 10_000, onRetry: (e) => seen.push(e.kind) });
    expect(result).toBe('ok');
    expect(seen).toEqual(['relocate', 'backoff', 'server']);
    expect(clock.slept).toEqual([16, 32]);
  });

  it('does not retry a fatal error or a foreign one', async () => {
    const clock = fakeClock();
    let calls = 0;
    const fatal = new HBaseRemoteError('org.apache.hadoop.hbase.DoNotRetryIOException', 'no');
    await expect(withRetries('test', async () => { calls++; throw fatal; }, { clock, timeoutMs: 1000 })).rejects.toBe(fatal);
    await expect(withRetries('test', async () => { calls++; throw new TypeError('bug'); }, { clock, timeoutMs: 1000 })).rejects.toThrow(TypeError);
    expect(calls).toBe(2);
  });

  it('gives up at the deadline with the last error as cause', async () => {
    const clock = fakeClock();
    const last = new RetryLaterError('still busy');
    const p = withRetries('write a row', async () => { throw last; }, { clock, timeoutMs: 1000 });
    await expect(p).rejects.toBeInstanceOf(RetriesExhaustedError);
    await expect(p).rejects.toMatchObject({ cause: last });
    expect(clock.slept.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1000);
  });

  it('stops when its signal aborts', async () => {
    const ac = new AbortController();
    ac.abort(new Error('cancelled'));
    await expect(withRetries('test', async () => 1, { clock: fakeClock(), timeoutMs: 1000, signal: ac.signal })).rejects.toThrow('cancelled');
  });
});
