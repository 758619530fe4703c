/**
 * A TSD on the real HBase killed at each step of packing rows (issue 11, part 2): the packed cell
 * beside the loose cells it replaces must not double count, and compaction on read repairs the row.
 */
import { defineCompactionCrashTests } from './compaction-crash';

// What each crash leaves in HBase: every row loose, then packed cells beside the loose cells they
// replace, then clean rows.
defineCompactionCrashTests(
  'hbase',
  {
    'before-pack-put': { rows: 8, unpacked: 8, points: 1440 },
    'after-pack-put': { rows: 8, unpacked: 8, points: 1440 },
    'after-pack-delete': { rows: 8, unpacked: 0, points: 1440 },
  },
  'reads repair the rows',
  120_000,
);
