/**
 * How a query reads the data table (storage spec §10): one scan per salt bucket from
 * [salt][metric][start hour] to [salt][metric][end second], with the tag filters pushed into the
 * store as OpenTSDB's row-key regular expression (QueryUtil.getRowKeyUIDRegex), byte for byte.
 */
import type { ScanFilter } from '../../storage/store';
import type { RowKeyCodec } from '../row-key';

/** A tag the query names: its tagk UID and the tagv UIDs it may take, or null for any value. */
export interface TagLiteral {
  readonly tagk: Buffer;
  readonly tagvs: readonly Buffer[] | null;
}

export interface ScanPlanInput {
  readonly metricUid: Buffer;
  /** First second scanned, rounded down to the hour by the caller or here. */
  readonly startSec: number;
  /** Stop second (exclusive), as TsdbQuery.getScanEndTimeSeconds computes it. */
  readonly endSec: number;
  readonly literals: readonly TagLiteral[];
  readonly explicitTags: boolean;
}

export interface ScanRange {
  readonly start: Buffer;
  readonly stop: Buffer;
  readonly filter?: ScanFilter;
}

/** Appends UID bytes inside \Q…\E as chars, re-opening the quote after a 5C 45 pair (QueryUtil.addId). */
function quoted(bytes: Buffer): string {
  let out = '\\Q';
  let backslash = false;
  for (const b of bytes) {
    out += String.fromCharCode(b);
    if (b === 0x45 && backslash) {
      out += '\\\\E\\Q';
      backslash = false;
    } else {
      backslash = b === 0x5c;
    }
  }
  return `${out}\\E`;
}

/** QueryUtil.getRowKeyUIDRegex: literals sorted by tagk UID; explicit tags drop the skips. */
export function rowKeyRegex(codec: RowKeyCodec, literals: readonly TagLiteral[], explicitTags: boolean): string {
  const { tagkWidth, tagvWidth } = codec.layout;
  const pair = tagkWidth + tagvWidth;
  const sorted = [...literals].sort((a, b) => Buffer.compare(a.tagk, b.tagk));
  let re = `(?s)^.{${codec.prefixLength}}`;
  for (const lit of sorted) {
    if (!explicitTags) re += `(?:.{${pair}})*`;
    re += quoted(lit.tagk);
    if (lit.tagvs && lit.tagvs.length > 0) {
      const values = [...lit.tagvs].sort(Buffer.compare);
      re += `(?:${values.map(quoted).join('|')})`;
    } else {
      re += `.{${tagvWidth}}`;
    }
  }
  if (!explicitTags) re += `(?:.{${pair}})*`;
  return `${re}$`;
}

/** The scans of one query, one per salt bucket (or one when salting is off). */
export function planScans(codec: RowKeyCodec, input: ScanPlanInput): ScanRange[] {
  const { saltWidth, saltBuckets, metricWidth } = codec.layout;
  const startHour = Math.max(0, input.startSec - (input.startSec % 3600));
  const key = (bucket: number, time: number): Buffer => {
    const k = Buffer.alloc(saltWidth + metricWidth + 4);
    if (saltWidth > 0) codec.writeSalt(k, bucket);
    input.metricUid.copy(k, saltWidth);
    k.writeUInt32BE(Math.min(time, 0xffffffff) >>> 0, saltWidth + metricWidth);
    return k;
  };
  // QueryUtil.setDataTableScanFilter is a no-op without filtered keys, explicit tags or not.
  const filter: ScanFilter | undefined = input.literals.length > 0
    ? { type: 'keyRegexp', pattern: rowKeyRegex(codec, input.literals, input.explicitTags) }
    : undefined;
  const buckets = saltWidth > 0 ? saltBuckets : 1;
  const out: ScanRange[] = [];
  for (let b = 0; b < buckets; b++) out.push({ start: key(b, startHour), stop: key(b, input.endSec), filter });
  return out;
}

/**
 * QueryUtil.getRowKeyTSUIDRegex: the rows of exactly these series, whatever their metric bytes (the
 * scan range already fixes the metric): `(?s)^.{P}(` + each TSUID's tag bytes quoted, joined by `|`,
 * + `)$`, TSUIDs in string order.
 */
export function tsuidRegex(codec: RowKeyCodec, tsuids: readonly Buffer[]): string {
  const { metricWidth } = codec.layout;
  const sorted = [...tsuids].sort((a, b) => (a.toString('hex').toUpperCase() < b.toString('hex').toUpperCase() ? -1 : 1));
  return `(?s)^.{${codec.prefixLength}}(${sorted.map((t) => quoted(t.subarray(metricWidth))).join('|')})$`;
}
