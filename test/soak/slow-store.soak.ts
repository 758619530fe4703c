/** Slow stores, long: a minute of flood on the crawling embedded store, and the throttled real HBase (part 6). */
import { slowStoreRun, type SlowStoreOptions } from '../reliability/slow-store';
import { report } from './soak-report';

const MAX_OPEN_BYTES = 4 * 2 ** 20;
const MAX_PENDING = 20_000;

test.each([
  ['embedded', 'log', 500, 60_000],
  ['hbase', 'cells', 50_000, 20_000],
] as const)('%s (%s mode) at %d writes/s for %d ms: bounds hold, nothing lost', async (backend, writeMode, writesPerSecond, floodMs) => {
  const o: SlowStoreOptions = { backend, writeMode, writesPerSecond, floodMs, series: 50_000, maxPendingPoints: MAX_PENDING, maxOpenBytes: MAX_OPEN_BYTES, heapLimitMb: 256 };
  const f = await slowStoreRun(o);
  report(`slow-store-${backend}`, { ...o, ...f });
  expect(f.aliveAtEnd).toBe(true);
  expect(f.pointsStored).toBe(f.pointsSent);
  expect(f.peakOpenRowsBytes).toBeLessThanOrEqual(1.5 * MAX_OPEN_BYTES + 2 ** 20);
  expect(f.peakBacklog).toBeLessThanOrEqual(MAX_PENDING + 5000);
});
