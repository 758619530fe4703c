/**
 * A fast reader for the `/api/put` bodies real clients send: an array (or one object) of flat objects
 * with `metric`, `timestamp`, `value` and `tags`, strings without escapes, numbers as bare tokens. It
 * reads each point straight into the shape the put path uses, without the lenient JSON pass and the
 * objects JSON.parse would build. Anything else — an escape, an unknown field, a missing field,
 * a nested value — returns null, and the body takes the general path with Jackson's rules.
 */

/** A point as /api/put reads it (IncomingDataPoint): texts, a long timestamp, string tags. */
export interface IncomingPoint {
  metric: string | null;
  timestamp: number;
  value: string | null;
  tags: Record<string, string> | null;
  /** Names the series for the series cache: the metric and the raw text of its tags (fast path). */
  seriesKey?: string;
}

const QUOTE = 34;

class Reader {
  i = 0;
  constructor(readonly s: string) {}

  ws(): void {
    const s = this.s;
    let c = s.charCodeAt(this.i);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = s.charCodeAt(++this.i);
  }

  /** The next char code after whitespace, consumed if it equals `code`. */
  take(code: number): boolean {
    this.ws();
    if (this.s.charCodeAt(this.i) !== code) return false;
    this.i++;
    return true;
  }

  /** A string without escapes, or null. */
  string(): string | null {
    if (this.s.charCodeAt(this.i) !== QUOTE) return null;
    const end = this.s.indexOf('"', this.i + 1);
    if (end < 0) return null;
    const bs = this.s.indexOf('\\', this.i + 1);
    if (bs >= 0 && bs < end) return null;
    const out = this.s.slice(this.i + 1, end);
    this.i = end + 1;
    return out;
  }

  /** A bare JSON number token's exact text, or null. */
  number(): string | null {
    const s = this.s;
    const start = this.i;
    let j = start;
    if (s.charCodeAt(j) === 45) j++;
    const digitsFrom = j;
    for (let c = s.charCodeAt(j); (c >= 48 && c <= 57) || c === 46 || c === 101 || c === 69 || c === 43 || c === 45; c = s.charCodeAt(++j));
    if (j === digitsFrom) return null;
    this.i = j;
    return s.slice(start, j);
  }

  /** A string or a number, as Jackson coerces either into a String field. */
  text(): string | null {
    this.ws();
    return this.s.charCodeAt(this.i) === QUOTE ? this.string() : this.number();
  }
}

function isEmpty(o: object): boolean {
  for (const _ in o) return false;
  return true;
}

function readTags(r: Reader): Record<string, string> | null {
  if (!r.take(123)) return null;
  const tags: Record<string, string> = {};
  if (r.take(125)) return tags;
  for (;;) {
    r.ws();
    const k = r.string();
    if (k === null || !r.take(58)) return null;
    const v = r.text();
    if (v === null) return null;
    tags[k] = v;
    if (r.take(44)) continue;
    return r.take(125) ? tags : null;
  }
}

function readPoint(r: Reader): IncomingPoint | null {
  if (!r.take(123)) return null;
  let metric: string | null = null;
  let timestamp: string | null = null;
  let value: string | null = null;
  let tags: Record<string, string> | null = null;
  let tagsFrom = 0;
  let tagsTo = 0;
  for (;;) {
    r.ws();
    const key = r.string();
    if (key === null || !r.take(58)) return null;
    if (key === 'metric') {
      r.ws();
      metric = r.string();
      if (metric === null) return null;
    } else if (key === 'timestamp') {
      timestamp = r.text();
    } else if (key === 'value') {
      value = r.text();
    } else if (key === 'tags') {
      r.ws();
      tagsFrom = r.i;
      tags = readTags(r);
      tagsTo = r.i;
    } else {
      return null;
    }
    if (r.take(44)) continue;
    if (!r.take(125)) return null;
    break;
  }
  if (metric === null || metric === '' || timestamp === null || !/^\d{1,13}$/.test(timestamp) || value === null || value === '' || tags === null) return null;
  if (isEmpty(tags)) return null;
  return { metric, timestamp: Number(timestamp), value, tags, seriesKey: `${metric}\u0001${r.s.slice(tagsFrom, tagsTo)}` };
}

/** Reads a body of valid, ordinary points, or returns null for the general path. */
export function readPutBodyFast(text: string): IncomingPoint[] | null {
  const r = new Reader(text);
  r.ws();
  const array = r.take(91);
  const points: IncomingPoint[] = [];
  if (!array || !r.take(93)) {
    for (;;) {
      const p = readPoint(r);
      if (p === null || p.timestamp <= 0) return null;
      points.push(p);
      if (!array) break;
      if (r.take(44)) continue;
      if (!r.take(93)) return null;
      break;
    }
  }
  r.ws();
  return r.i === text.length && points.length > 0 ? points : null;
}
