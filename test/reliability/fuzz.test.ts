/**
 * 100,000 generated and mutated telnet lines and HTTP requests against a TSD process (issue 11,
 * part 3). The soak run (test/soak) sends ten times more, with more of them over HTTP.
 */
import { runFuzz } from './fuzz/fuzz-run';

test('no crash, hang or leak; good points beside bad ones kept; every error in OpenTSDB format', async () => {
  const seed = Number(process.env.TSD_TEST_SEED ?? 11);
  const f = await runFuzz({
    seed, telnetConnections: 19, telnetLanes: 4, linesPerConnection: 5000, httpRequests: 5000, httpWorkers: 6,
    longLines: 2, slowSenders: 2, stalled: 20, timeoutMs: 30_000, heapLimitMb: 128,
  });
  expect(f.problems).toEqual([]);
  expect(f.cases).toBeGreaterThanOrEqual(100_000);
  expect(f.hangs).toBe(0);
  expect(f.aliveAtEnd).toBe(true);
  expect(f.goodPoints).toBeGreaterThan(40_000);
  expect(f.goodMissing).toBe(0);
  expect(f.goodExtra).toBe(0);
  expect(f.slowOk).toBe(f.slowSent);
  // The V8 heap is capped at 128 MB (a leak kills the process); the rest is buffers and code.
  expect(f.peakRssBytes).toBeLessThan(768 * 2 ** 20);
}, 180_000);
