/** Two TSDs on one HBase, long: 24 hours of rows, 200 series, 1,200 names raced for (issue 11, part 5). */
import { concurrentTsds } from '../reliability/concurrent-tsds';
import { report } from './soak-report';

test('no point lost or doubled, no name with two UIDs', async () => {
  const f = await concurrentTsds({ hours: 24, hosts: 200, newMetricsPerHour: 50 });
  report('concurrent-tsds', { ...f, rows: { ...f.rows, corrupt: f.rows.corrupt.length } });
  expect(f.expectedPoints).toBe(24 * 200 * 60 + 24 * 50);
  expect(f.wrongPoints).toBe(0);
  expect(f.wrongCounts).toBe(0);
  expect(f.unmappedNames).toEqual([]);
  expect(f.strayUids).toEqual([]);
  expect(f.rows.corrupt).toEqual([]);
});
