/** A TSD on the embedded store killed at each step of packing rows (issue 11, part 2). */
import { defineCompactionCrashTests } from './compaction-crash';

// What each crash leaves in the store: hour 1's rows only (hour 2 lives in the log alone), then the
// merged cell beside the old packed one, then the packing done but not yet noted (the log still holds it).
defineCompactionCrashTests(
  'embedded',
  {
    'before-pack-put': { rows: 4, unpacked: 0, points: 480 },
    'after-pack-put': { rows: 8, unpacked: 4, points: 1440 },
    'after-pack-delete': { rows: 8, unpacked: 0, points: 1440 },
  },
  'the rows are packed again',
  90_000,
);
