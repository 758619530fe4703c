/** The fuzzer, long: 1,000,000 cases, a tenth of them over HTTP (issue 11, part 3). */
import { runFuzz } from '../reliability/fuzz/fuzz-run';
import { report } from './soak-report';

test('1,000,000 hostile cases: no crash, hang or leak, good points kept, errors in OpenTSDB format', async () => {
  const seed = Number(process.env.TSD_TEST_SEED ?? Date.now() % 100_000);
  // 384 MB, not the fast run's 128: eight workers' concurrent queries over the fuzz's data (fills of
  // up to 10 M buckets each) ran a 128 MB heap out (docs/reliability.md); a leak still shows.
  const f = await runFuzz({
    seed, telnetConnections: 180, telnetLanes: 8, linesPerConnection: 5000, httpRequests: 100_000, httpWorkers: 8,
    longLines: 10, slowSenders: 10, stalled: 200, timeoutMs: 60_000, heapLimitMb: 384, log: (l) => process.stdout.write(`${l}\n`),
  });
  report('fuzz', { seed, ...f, problems: f.problems.length });
  expect(f.problems).toEqual([]);
  expect(f.cases).toBeGreaterThanOrEqual(1_000_000);
  expect(f.hangs).toBe(0);
  expect(f.aliveAtEnd).toBe(true);
  expect(f.goodMissing).toBe(0);
  expect(f.goodExtra).toBe(0);
  expect(f.slowOk).toBe(f.slowSent);
  expect(f.peakRssBytes).toBeLessThan(768 * 2 ** 20);
});
