/** Two TSD processes ingesting and compacting the same series on one HBase (issue 11, part 5). */
import { concurrentTsds } from './concurrent-tsds';

test('no point is lost or doubled and no name gets two UIDs', async () => {
  const f = await concurrentTsds({ hours: 4, hosts: 40, newMetricsPerHour: 25 });
  expect(f.expectedPoints).toBe(40 * 4 * 60 + 100);
  expect(f.wrongPoints).toBe(0);
  expect(f.wrongCounts).toBe(0);
  expect(f.unmappedNames).toEqual([]);
  expect(f.strayUids).toEqual([]);
  expect(f.rows.corrupt).toEqual([]);
}, 240_000);
