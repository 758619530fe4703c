/**
 * The points this TSD wrote into one row (one series, one hour), kept compactly — qualifier bytes and
 * value bytes appended as they arrive, a few bytes per point — so the row can be packed into
 * OpenTSDB's compacted cell without reading it back from the store.
 */
import { FLAG_BITS, MS_FLAG, MS_FLAG_BITS, MS_MIXED_COMPACT } from './const';
import { walkColumn } from './column-decoder';
import { inMilliseconds, offsetMs, qualifierFlags } from './qualifier';

const INITIAL_BYTES = 64;

export class OpenRow {
  #qualifiers: Buffer = Buffer.allocUnsafe(INITIAL_BYTES);
  #values: Buffer = Buffer.allocUnsafe(INITIAL_BYTES);
  #qLen = 0;
  #vLen = 0;
  #lastOffsetMs = -1;
  #ordered = true;
  points = 0;
  /** Wall-clock ms of the last point, for idle detection. */
  lastWriteMs = 0;

  constructor(
    readonly key: Buffer,
    /** Base time of the row, seconds. */
    readonly baseTime: number,
  ) {}

  /** Bytes held, for the memory bound. */
  get bytes(): number {
    return this.#qualifiers.length + this.#values.length + 96;
  }

  /**
   * Appends a point; the qualifier is built in place (Internal.buildQualifier: 2 bytes for seconds,
   * 4 for milliseconds). Returns the bytes the row grew by (its buffers double when full).
   */
  add(offsetMs: number, millis: boolean, flags: number, value: Buffer, nowMs: number): number {
    const before = this.#qualifiers.length + this.#values.length;
    const qLen = millis ? 4 : 2;
    if (this.#qLen + qLen > this.#qualifiers.length) this.#qualifiers = grow(this.#qualifiers, this.#qLen, qLen);
    if (this.#vLen + value.length > this.#values.length) this.#values = grow(this.#values, this.#vLen, value.length);
    const q = this.#qualifiers;
    const at = this.#qLen;
    if (millis) {
      const bits = (MS_FLAG | (offsetMs << MS_FLAG_BITS) | flags) >>> 0;
      q[at] = bits >>> 24;
      q[at + 1] = (bits >>> 16) & 0xff;
      q[at + 2] = (bits >>> 8) & 0xff;
      q[at + 3] = bits & 0xff;
    } else {
      const bits = ((offsetMs / 1000) << FLAG_BITS) | flags;
      q[at] = bits >>> 8;
      q[at + 1] = bits & 0xff;
    }
    this.lastQualifierAt = at;
    this.#qLen += qLen;
    for (let i = 0; i < value.length; i++) this.#values[this.#vLen + i] = value[i];
    this.#vLen += value.length;
    if (offsetMs <= this.#lastOffsetMs) this.#ordered = false;
    this.#lastOffsetMs = offsetMs;
    this.points++;
    this.lastWriteMs = nowMs;
    return this.#qualifiers.length + this.#values.length - before;
  }

  /** Adds a point whose qualifier is already built (log replay). */
  addQualified(qualifier: Buffer, value: Buffer, nowMs: number): number {
    const millis = inMilliseconds(qualifier);
    return this.add(offsetMs(qualifier), millis, qualifierFlags(qualifier), value, nowMs);
  }

  /** Where the last point's qualifier starts in `qualifierBuffer` (2 or 4 bytes). */
  lastQualifierAt = 0;

  /** The buffer holding the qualifiers (valid until the next add). */
  get qualifierBuffer(): Buffer {
    return this.#qualifiers;
  }

  /** The raw arrival-order column (no meta byte); the cells written loose had these qualifiers. */
  rawQualifiers(): Buffer {
    return this.#qualifiers.subarray(0, this.#qLen);
  }

  rawValues(): Buffer {
    return this.#values.subarray(0, this.#vLen);
  }

  /** Each point's own qualifier, in arrival order (what was written as loose cells). */
  pointQualifiers(): Buffer[] {
    const out: Buffer[] = [];
    walkColumn(this.rawQualifiers(), this.rawValues(), (qAt, width) => out.push(this.#qualifiers.subarray(qAt, qAt + width)));
    return out;
  }

  /**
   * The packed column: points sorted by time, a rewrite of one offset keeping the last write (as
   * HBase keeps the newest version of a re-put qualifier), and the meta byte when there are several.
   * Differing values at one offset under different qualifiers (seconds vs ms, int vs float) are
   * reported through `duplicates`, which the caller resolves with OpenTSDB's rules.
   */
  pack(): { qualifier: Buffer; value: Buffer; duplicates: number } {
    const q = this.rawQualifiers();
    const v = this.rawValues();
    if (this.#ordered) return { qualifier: Buffer.from(q), value: withMeta(q, v, this.points), duplicates: 0 };
    const entries: { off: number; seq: number; qAt: number; qW: number; vAt: number; vL: number }[] = [];
    let seq = 0;
    walkColumn(q, v, (qAt, qW, vAt, vL, off) => entries.push({ off, seq: seq++, qAt, qW, vAt, vL }));
    entries.sort((a, b) => a.off - b.off || b.seq - a.seq);
    const kept: typeof entries = [];
    let duplicates = 0;
    for (const e of entries) {
      const last = kept[kept.length - 1];
      if (last && last.off === e.off) {
        const sameCell = last.qW === e.qW && q.compare(q, e.qAt, e.qAt + e.qW, last.qAt, last.qAt + last.qW) === 0;
        const sameValue = e.vL === last.vL && v.compare(v, last.vAt, last.vAt + last.vL, e.vAt, e.vAt + e.vL) === 0;
        if (!sameCell && !sameValue) duplicates++;
        continue;
      }
      kept.push(e);
    }
    const qualifier = Buffer.allocUnsafe(kept.reduce((n, e) => n + e.qW, 0));
    const values = Buffer.allocUnsafe(kept.reduce((n, e) => n + e.vL, 0));
    let qa = 0;
    let va = 0;
    for (const e of kept) {
      qa += q.copy(qualifier, qa, e.qAt, e.qAt + e.qW);
      va += v.copy(values, va, e.vAt, e.vAt + e.vL);
    }
    return { qualifier, value: withMeta(qualifier, values, kept.length), duplicates };
  }
}

function grow(buf: Buffer, used: number, extra: number): Buffer {
  const next = Buffer.allocUnsafe(Math.max(buf.length * 2, used + extra));
  buf.copy(next, 0, 0, used);
  return next;
}

/** Appends the compacted-column meta byte when a column holds more than one point. */
export function withMeta(qualifiers: Buffer, values: Buffer, points: number): Buffer {
  if (points <= 1) return Buffer.from(values);
  let seconds = false;
  let millis = false;
  walkColumn(qualifiers, values, (_qAt, width) => {
    if (width === 4) millis = true;
    else seconds = true;
  });
  const out = Buffer.allocUnsafe(values.length + 1);
  values.copy(out);
  out[values.length] = seconds && millis ? MS_MIXED_COMPACT : 0;
  return out;
}
