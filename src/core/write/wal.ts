/**
 * The write-ahead log of the embedded store's write path. Points that are not yet packed into their
 * row's compacted cell live only in memory and here, so a killed process loses nothing it wrote to
 * the log. The log is a directory of numbered segments; each segment is a series of records
 *
 *   [payload length: u32][crc32 of payload: u32][payload]
 *
 * and a payload is a sequence of entries: a row definition (0x01, row id u32, key length u16, key)
 * the first time a segment mentions a row, then points (0x02, row id u32, qualifier length u8,
 * qualifier, value length u8, value). A torn record at the tail of the last segment (a crash mid-write)
 * is ignored on replay; a bad checksum anywhere else is reported.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';

const DEFINE_ROW = 0x01;
const POINT = 0x02;
const HEADER = 8;

export interface WalPoint {
  /** The segment the point was read from (replay only). */
  segment?: number;
  readonly rowKey: Buffer;
  readonly qualifier: Buffer;
  readonly value: Buffer;
}

export class WalCorruptError extends Error {
  override name = 'WalCorruptError';
}

function segmentName(id: number): string {
  return `${String(id).padStart(12, '0')}.wal`;
}

/** Builds one record's payload; rows are referred to by small ids after their first mention. */
export class WalRecordBuilder {
  #buf = Buffer.allocUnsafe(64 * 1024);
  #len = 0;

  get length(): number {
    return this.#len;
  }

  #ensure(n: number): void {
    if (this.#len + n <= this.#buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.#buf.length * 2, this.#len + n));
    this.#buf.copy(next, 0, 0, this.#len);
    this.#buf = next;
  }

  defineRow(id: number, key: Buffer): void {
    this.#ensure(7 + key.length);
    const b = this.#buf;
    b[this.#len] = DEFINE_ROW;
    b.writeUInt32BE(id, this.#len + 1);
    b.writeUInt16BE(key.length, this.#len + 5);
    this.#len += 7 + key.copy(b, this.#len + 7);
  }

  /** A point whose qualifier is `qLen` bytes of `qBuf` at `qAt`. */
  point(id: number, qBuf: Buffer, qAt: number, qLen: number, value: Buffer): void {
    this.#ensure(7 + qLen + value.length);
    const b = this.#buf;
    let at = this.#len;
    b[at] = POINT;
    b[at + 1] = id >>> 24;
    b[at + 2] = (id >>> 16) & 0xff;
    b[at + 3] = (id >>> 8) & 0xff;
    b[at + 4] = id & 0xff;
    b[at + 5] = qLen;
    at += 6;
    for (let i = 0; i < qLen; i++) b[at++] = qBuf[qAt + i];
    b[at++] = value.length;
    for (let i = 0; i < value.length; i++) b[at++] = value[i];
    this.#len = at;
  }

  /** The framed record (header + payload); resets the builder. */
  take(): Buffer {
    const payload = this.#buf.subarray(0, this.#len);
    const out = Buffer.allocUnsafe(HEADER + payload.length);
    out.writeUInt32BE(payload.length, 0);
    out.writeUInt32BE(crc32(payload), 4);
    payload.copy(out, HEADER);
    this.#len = 0;
    return out;
  }
}

/** Decodes the records of one segment's bytes; `last` tolerates a torn final record. */
export function* readSegment(data: Buffer, last: boolean, name: string): Generator<WalPoint> {
  const rows = new Map<number, Buffer>();
  let at = 0;
  while (at < data.length) {
    if (at + HEADER > data.length) {
      if (last) return;
      throw new WalCorruptError(`Truncated record header in WAL segment ${name} at byte ${at}`);
    }
    const len = data.readUInt32BE(at);
    const sum = data.readUInt32BE(at + 4);
    const end = at + HEADER + len;
    if (end > data.length) {
      if (last) return;
      throw new WalCorruptError(`Truncated record in WAL segment ${name} at byte ${at}`);
    }
    const payload = data.subarray(at + HEADER, end);
    if (crc32(payload) !== sum) {
      if (last && end === data.length) return;
      throw new WalCorruptError(`Bad checksum in WAL segment ${name} at byte ${at}`);
    }
    let p = 0;
    while (p < payload.length) {
      const type = payload[p];
      const id = payload.readUInt32BE(p + 1);
      if (type === DEFINE_ROW) {
        const keyLen = payload.readUInt16BE(p + 5);
        rows.set(id, Buffer.from(payload.subarray(p + 7, p + 7 + keyLen)));
        p += 7 + keyLen;
      } else if (type === POINT) {
        const qLen = payload[p + 5];
        const qualifier = payload.subarray(p + 6, p + 6 + qLen);
        const vLen = payload[p + 6 + qLen];
        const value = payload.subarray(p + 7 + qLen, p + 7 + qLen + vLen);
        p += 7 + qLen + vLen;
        const rowKey = rows.get(id);
        if (!rowKey) throw new WalCorruptError(`Point for undefined row ${id} in WAL segment ${name}`);
        yield { rowKey, qualifier: Buffer.from(qualifier), value: Buffer.from(value) };
      } else {
        throw new WalCorruptError(`Unknown entry type ${type} in WAL segment ${name}`);
      }
    }
    at = end;
  }
}

/**
 * The log directory: appends records to the current segment, rotates segments, deletes segments
 * whose points are all packed, and replays what is left at start.
 */
export class WriteAheadLog {
  #fd = -1;
  #segment = 0;
  #segmentBytes = 0;
  /** Segments on disk, oldest first. */
  readonly #segments: number[] = [];

  constructor(
    private readonly dir: string,
    private readonly options: { readonly segmentBytes: number; readonly fsync: boolean },
  ) {
    mkdirSync(dir, { recursive: true });
    for (const f of readdirSync(dir)) {
      const m = /^(\d{12})\.wal$/.exec(f);
      if (m) this.#segments.push(Number(m[1]));
    }
    this.#segments.sort((a, b) => a - b);
  }

  /** Every point still in the log, oldest first. Call before the first append. */
  *replay(): Generator<WalPoint> {
    for (let i = 0; i < this.#segments.length; i++) {
      const segment = this.#segments[i];
      const name = segmentName(segment);
      for (const p of readSegment(readFileSync(join(this.dir, name)), i === this.#segments.length - 1, name)) {
        p.segment = segment;
        yield p;
      }
    }
  }

  /** The segment new records go to; rows remember it to know when a segment may be deleted. */
  get currentSegment(): number {
    return this.#segment;
  }

  /** Opens a new segment; returns its id. Rows must be re-defined in each segment. */
  rotate(): number {
    if (this.#fd >= 0) closeSync(this.#fd);
    this.#segment = (this.#segments[this.#segments.length - 1] ?? 0) + 1;
    this.#segments.push(this.#segment);
    this.#fd = openSync(join(this.dir, segmentName(this.#segment)), 'a');
    this.#segmentBytes = 0;
    return this.#segment;
  }

  /** Whether the current segment is full and the caller should rotate before the next record. */
  get full(): boolean {
    return this.#fd < 0 || this.#segmentBytes >= this.options.segmentBytes;
  }

  /** Writes one framed record (write(2), then fsync if configured): survives a killed process. */
  append(record: Buffer): void {
    if (this.#fd < 0) this.rotate();
    let off = 0;
    while (off < record.length) off += writeSync(this.#fd, record, off, record.length - off);
    if (this.options.fsync) fsyncSync(this.#fd);
    this.#segmentBytes += record.length;
  }

  /** Deletes every segment older than `segment` (their points are all packed and stored). */
  releaseBefore(segment: number): void {
    while (this.#segments.length > 0 && this.#segments[0] < segment && this.#segments[0] !== this.#segment) {
      const id = this.#segments.shift() as number;
      rmSync(join(this.dir, segmentName(id)), { force: true });
    }
  }

  /** Closes and deletes every segment: all points are packed and stored (clean shutdown). */
  releaseAll(): void {
    this.close();
    for (const id of this.#segments.splice(0)) rmSync(join(this.dir, segmentName(id)), { force: true });
    this.#segment = 0;
  }

  get segmentCount(): number {
    return this.#segments.length;
  }

  close(): void {
    if (this.#fd >= 0) closeSync(this.#fd);
    this.#fd = -1;
  }
}
