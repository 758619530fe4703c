/**
 * The points this TSD wrote into one row (one series, one hour), kept compactly — qualifier bytes and
 * value bytes appended as they arrive, a few bytes per point — so the row can be packed into
 * OpenTSDB's compacted cell without reading it back from the store.
 */
import { MS_MIXED_COMPACT } from './const';
import { walkColumn } from './column-decoder';

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

  add(qualifier: Buffer, offsetMs: number, value: Buffer, nowMs: number): void {
    this.#qualifiers = ensure(this.#qualifiers, this.#qLen, qualifier.length);
    this.#values = ensure(this.#values, this.#vLen, value.length);
    this.#qLen += qualifier.copy(this.#qualifiers, this.#qLen);
    this.#vLen += value.copy(this.#values, this.#vLen);
    if (offsetMs <= this.#lastOffsetMs) this.#ordered = false;
    this.#lastOffsetMs = offsetMs;
    this.points++;
    this.lastWriteMs = nowMs;
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

function ensure(buf: Buffer, used: number, extra: number): Buffer {
  if (used + extra <= buf.length) return buf;
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
