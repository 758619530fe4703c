/**
 * Data-table row keys (OpenTSDB's RowKey / IncomingDataPoints.rowKeyTemplate):
 *
 *   [salt: saltWidth][metric UID][base time: 4 bytes][tagk UID][tagv UID]...
 *
 * Tag pairs are sorted by unsigned bytes (so by tagk UID). The salt is Java's Arrays.hashCode over
 * every byte after the timestamp plus the metric UID, modulo the bucket count, so all hours of a
 * series share a bucket.
 */

export interface KeyLayout {
  readonly metricWidth: number;
  readonly tagkWidth: number;
  readonly tagvWidth: number;
  readonly saltWidth: number;
  readonly saltBuckets: number;
}

export const DEFAULT_LAYOUT: KeyLayout = { metricWidth: 3, tagkWidth: 3, tagvWidth: 3, saltWidth: 0, saltBuckets: 20 };

const TIMESTAMP_BYTES = 4;

/** Java Arrays.hashCode(byte[]) over bytes [from, to) of each part, signed bytes, 32-bit wrap. */
function javaHash(parts: readonly [Buffer, number, number][]): number {
  let h = 1;
  for (const [buf, from, to] of parts) {
    for (let i = from; i < to; i++) h = (Math.imul(h, 31) + ((buf[i] << 24) >> 24)) | 0;
  }
  return h;
}

export class RowKeyCodec {
  /** Bytes before the tags: salt, metric, timestamp. */
  readonly prefixLength: number;
  readonly tagPairWidth: number;

  constructor(readonly layout: KeyLayout) {
    this.prefixLength = layout.saltWidth + layout.metricWidth + TIMESTAMP_BYTES;
    this.tagPairWidth = layout.tagkWidth + layout.tagvWidth;
  }

  /** The bucket a key (with salt placeholder) belongs to (RowKey.getSaltBytes' hash). */
  saltBucket(key: Buffer): number {
    const { saltWidth, metricWidth, saltBuckets } = this.layout;
    const metricEnd = saltWidth + metricWidth;
    const h = javaHash([
      [key, saltWidth, metricEnd],
      [key, metricEnd + TIMESTAMP_BYTES, key.length],
    ]);
    return Math.abs(h % saltBuckets);
  }

  /** Writes `bucket` big-endian into the first saltWidth bytes. */
  writeSalt(key: Buffer, bucket: number): void {
    let v = bucket;
    for (let i = this.layout.saltWidth - 1; i >= 0; i--) {
      key[i] = v & 0xff;
      v = Math.floor(v / 256);
    }
  }

  saltBytes(bucket: number): Buffer {
    const out = Buffer.alloc(this.layout.saltWidth);
    this.writeSalt(out, bucket);
    return out;
  }

  /**
   * Salts a key in place (RowKey.prefixKeyWithSalt). Keys whose metric bytes are all zero (global
   * annotations) and keys too short to hold a metric stay unsalted.
   */
  prefixKeyWithSalt(key: Buffer): Buffer {
    const { saltWidth, metricWidth } = this.layout;
    if (saltWidth === 0 || key.length < saltWidth + metricWidth) return key;
    let allZero = true;
    for (let i = saltWidth; i < saltWidth + metricWidth; i++) if (key[i] !== 0) allZero = false;
    if (allZero) return key;
    this.writeSalt(key, this.saltBucket(key));
    return key;
  }

  /**
   * The row key of a series at `baseTime`: the metric UID and the tag pairs (each tagk UID followed by
   * its tagv UID) in any order; they are sorted here.
   */
  build(metric: Buffer, tagPairs: readonly Buffer[], baseTime: number): Buffer {
    const sorted = tagPairs.length > 1 ? [...tagPairs].sort(Buffer.compare) : tagPairs;
    const key = Buffer.alloc(this.prefixLength + sorted.length * this.tagPairWidth);
    metric.copy(key, this.layout.saltWidth);
    key.writeUInt32BE(baseTime >>> 0, this.layout.saltWidth + this.layout.metricWidth);
    let at = this.prefixLength;
    for (const pair of sorted) at += pair.copy(key, at);
    return this.prefixKeyWithSalt(key);
  }

  /** A copy of `key` moved to another base time, salt unchanged (it does not depend on time). */
  withBaseTime(key: Buffer, baseTime: number): Buffer {
    const out = Buffer.from(key);
    out.writeUInt32BE(baseTime >>> 0, this.layout.saltWidth + this.layout.metricWidth);
    return out;
  }

  baseTime(key: Buffer): number {
    return key.readUInt32BE(this.layout.saltWidth + this.layout.metricWidth);
  }

  metric(key: Buffer): Buffer {
    return key.subarray(this.layout.saltWidth, this.layout.saltWidth + this.layout.metricWidth);
  }

  tagCount(key: Buffer): number {
    return (key.length - this.prefixLength) / this.tagPairWidth;
  }

  /** [tagk UID, tagv UID] pairs of a row key, in key order. */
  tags(key: Buffer): [Buffer, Buffer][] {
    const out: [Buffer, Buffer][] = [];
    const { tagkWidth } = this.layout;
    for (let at = this.prefixLength; at + this.tagPairWidth <= key.length; at += this.tagPairWidth) {
      out.push([key.subarray(at, at + tagkWidth), key.subarray(at + tagkWidth, at + this.tagPairWidth)]);
    }
    return out;
  }

  /** TSUID bytes: the key without salt and timestamp (UniqueId.getTSUIDFromKey). */
  tsuid(key: Buffer): Buffer {
    const { saltWidth, metricWidth } = this.layout;
    return Buffer.concat([key.subarray(saltWidth, saltWidth + metricWidth), key.subarray(this.prefixLength)]);
  }

  /** The row key of a TSUID at `baseTime`, salted (RowKey.rowKeyFromTSUID). */
  fromTsuid(tsuid: Buffer, baseTime: number): Buffer {
    const { saltWidth, metricWidth } = this.layout;
    const key = Buffer.alloc(saltWidth + tsuid.length + TIMESTAMP_BYTES);
    tsuid.copy(key, saltWidth, 0, metricWidth);
    key.writeUInt32BE(baseTime >>> 0, saltWidth + metricWidth);
    tsuid.copy(key, this.prefixLength, metricWidth);
    return this.prefixKeyWithSalt(key);
  }

  /** Whether two keys name the same series (salt and time ignored), as Span's comparator. */
  sameSeries(a: Buffer, b: Buffer): boolean {
    const { saltWidth, metricWidth } = this.layout;
    if (a.length !== b.length) return false;
    return (
      a.compare(b, saltWidth, saltWidth + metricWidth, saltWidth, saltWidth + metricWidth) === 0 &&
      a.compare(b, this.prefixLength, b.length, this.prefixLength, a.length) === 0
    );
  }
}

/** Upper-case hex, as OpenTSDB prints UIDs and TSUIDs. */
export const toHex = (b: Buffer): string => b.toString('hex').toUpperCase();

/** Parses hex in either case; an odd length gets a leading 0 (UniqueId.stringToUid). */
export function fromHex(hex: string): Buffer {
  if (!/^[0-9a-fA-F]*$/.test(hex)) throw new RangeError(`Cannot parse '${hex}' as a hex UID`);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
}
