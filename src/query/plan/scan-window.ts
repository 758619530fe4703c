/**
 * The rows a sub-query reads (`TsdbQuery.getScanStartTimeSeconds/getScanEndTimeSeconds` of OpenTSDB
 * 2.4.1): whole hours from the one holding the downsample-aligned start, up to the hour boundary after
 * `end` (plus one second, plus the next downsample interval). Points outside [start, end] in those
 * rows still drive interpolation, rates and edge buckets.
 */

/** Times at or above 2^32 are milliseconds; smaller ones are taken as seconds (Const.SECOND_MASK). */
const SECOND_MASK_LIMIT = 4294967296;
const HOUR = 3600;

export interface ScanWindow {
  /** First row base time to scan, inclusive (epoch seconds). */
  readonly scanStartSec: number;
  /** Row base time where the scan stops, exclusive (epoch seconds). */
  readonly scanEndSec: number;
}

/**
 * @param intervalMs the downsample interval (`DownsamplingSpecification.getInterval()`): 0 without
 *   downsampling and for `all`; the plain duration for calendar intervals.
 */
export function scanWindow(startMs: number, endMs: number, intervalMs: number): ScanWindow {
  let start = startMs >= SECOND_MASK_LIMIT ? Math.floor(startMs / 1000) : startMs;
  if (intervalMs > 0) start -= Math.floor(((1000 * start) % intervalMs) / 1000);
  const scanStartSec = Math.max(0, start - (start % HOUR));

  let end = endMs;
  if (end >= SECOND_MASK_LIMIT) end = Math.floor(end / 1000);
  // OpenTSDB's "sub-second" guard is always true: every millisecond end time gains one second.
  if (endMs >= SECOND_MASK_LIMIT) end++;
  let scanEndSec: number;
  if (intervalMs > 0) {
    const aligned = end + Math.floor((intervalMs - ((1000 * end) % intervalMs)) / 1000);
    const offset = aligned % HOUR;
    scanEndSec = offset === 0 ? aligned : aligned + (HOUR - offset);
  } else {
    scanEndSec = end + (HOUR - (end % HOUR));
  }
  return { scanStartSec, scanEndSec };
}
