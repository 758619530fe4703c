/**
 * One element of an /api/put body as OpenTSDB's Jackson mapping reads it into IncomingDataPoint:
 * text fields take strings, numbers and booleans (as their text), the timestamp takes a long (numeric
 * strings too, floats truncated), tags take a map of such scalars. A shape Jackson cannot map —
 * an object where text is expected, a non-object element — fails the whole body in OpenTSDB; the
 * caller decides what to do with it (http-put keeps the mappable neighbours).
 */
import type { IncomingPoint } from './put-json-fast';

export type { IncomingPoint };

/** The body cannot be mapped at all: OpenTSDB's 400 "Unable to parse the given JSON". */
export class UnmappableBodyError extends Error {
  override name = 'UnmappableBodyError';
}

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

function token(v: unknown): string {
  if (Array.isArray(v)) return 'START_ARRAY';
  if (v !== null && typeof v === 'object') return 'START_OBJECT';
  return typeof v === 'boolean' ? (v ? 'VALUE_TRUE' : 'VALUE_FALSE') : 'VALUE_STRING';
}

/** A String field: scalars as their text (the JSON reader hands numbers over as text). */
function text(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  throw new UnmappableBodyError(`Cannot deserialize instance of \`java.lang.String\` out of ${token(v)} token`);
}

/** The long timestamp: integers in range, other numbers truncated, '' as 0. */
function timestamp(v: unknown): number {
  if (v === null || v === undefined) return 0;
  if (typeof v !== 'string') throw new UnmappableBodyError(`Cannot deserialize instance of \`long\` out of ${token(v)} token`);
  const t = v.trim();
  if (t === '' || t === 'null') return 0;
  if (/^[+-]?\d+$/.test(t)) {
    const n = BigInt(t);
    if (n < LONG_MIN || n > LONG_MAX) throw new UnmappableBodyError(`Numeric value (${t}) out of range of long (${LONG_MIN} - ${LONG_MAX})`);
    return Number(n);
  }
  const n = Number(t);
  if (!Number.isFinite(n)) throw new UnmappableBodyError(`Cannot deserialize value of type \`long\` from String "${v}": not a valid Long value`);
  return Math.trunc(n);
}

function tags(v: unknown): Record<string, string | null> | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'object' || Array.isArray(v)) {
    throw new UnmappableBodyError(`Cannot deserialize instance of \`java.util.HashMap\` out of ${token(v)} token`);
  }
  const out: Record<string, string | null> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = text(x);
  return out;
}

/** Maps one body element; null stays null (OpenTSDB's "Unexpected null datapoint"). */
export function readIncomingPoint(raw: unknown): IncomingPoint | null {
  if (raw === null) return null;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new UnmappableBodyError(`Cannot construct instance of \`net.opentsdb.core.IncomingDataPoint\` from ${token(raw)}`);
  }
  const o = raw as Record<string, unknown>;
  return { metric: text(o.metric), timestamp: timestamp(o.timestamp), value: text(o.value), tags: tags(o.tags) };
}

/** The point as OpenTSDB echoes it in errors: null fields left out, value as a string. */
export function echoPoint(p: IncomingPoint): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (p.metric !== null) out.metric = p.metric;
  out.timestamp = p.timestamp;
  if (p.value !== null) out.value = p.value;
  if (p.tags !== null) out.tags = p.tags;
  return out;
}

/** IncomingDataPoint.validate, in its order; null when valid. */
export function invalidReason(p: IncomingPoint): string | null {
  if (p.metric === null || p.metric === '') return 'Metric name was empty';
  if (p.timestamp <= 0) return 'Invalid timestamp';
  if (p.value === null || p.value === '') return 'Empty value';
  if (p.tags === null || Object.keys(p.tags).length === 0) return 'Missing tags';
  return null;
}
