/**
 * OpenTSDB 2.4's storage constants (net.opentsdb.core.Const and friends): the bits of qualifiers,
 * the hour-long row span, and the special qualifier prefixes of non-data cells.
 */

/** Seconds per row: every row holds one hour of one series (Const.MAX_TIMESPAN). */
export const MAX_TIMESPAN = 3600;

/** Timestamps with any of the high 32 bits set are milliseconds (Const.SECOND_MASK). */
export const SECOND_MASK_LIMIT = 0xffffffff;

/** The largest millisecond timestamp OpenTSDB accepts (13 digits). */
export const MAX_MS_TIMESTAMP = 9_999_999_999_999;

/** Low 4 bits of a qualifier: float flag and value length − 1 (Const.FLAGS_MASK). */
export const FLAGS_MASK = 0x0f;
export const FLAG_FLOAT = 0x08;
export const LENGTH_MASK = 0x07;
/** Seconds qualifiers keep the offset in the upper 12 bits of 2 bytes (Const.FLAG_BITS). */
export const FLAG_BITS = 4;
/** Millisecond qualifiers: 0xF marker, 22-bit offset shifted by 6 (Const.MS_FLAG_BITS). */
export const MS_FLAG_BITS = 6;
export const MS_BYTE_FLAG = 0xf0;
export const MS_FLAG = 0xf0000000;

/** Trailing meta byte of a compacted value when seconds and milliseconds are mixed. */
export const MS_MIXED_COMPACT = 0x01;

/** Non-data cells are told apart by the first byte of an odd-length qualifier. */
export const ANNOTATION_PREFIX = 0x01;
export const APPEND_PREFIX = 0x05;
export const HISTOGRAM_PREFIX = 0x06;

/** The qualifier all appends go to (AppendDataPoints.APPEND_COLUMN_QUALIFIER). */
export const APPEND_QUALIFIER = Buffer.from([APPEND_PREFIX, 0, 0]);

/** The one column family of the data table. */
export const DATA_FAMILY = 't';

/** True for a millisecond timestamp (Internal: any bit above the low 32 set). */
export function isMilliseconds(timestamp: number): boolean {
  return timestamp > SECOND_MASK_LIMIT;
}

/** Base time of the row holding `timestamp` (seconds or ms), in seconds. */
export function baseTimeOf(timestamp: number): number {
  const seconds = isMilliseconds(timestamp) ? Math.floor(timestamp / 1000) : timestamp;
  return seconds - (seconds % MAX_TIMESPAN);
}
