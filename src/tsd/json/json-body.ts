/**
 * Request bodies of the meta, search, UID and annotation endpoints, read as OpenTSDB's JSON serializer
 * reads them (HttpJsonSerializer.parse*V1): an empty body is 400 "Missing message content", bad JSON
 * 400 "Unable to parse the given JSON"; fields take Jackson's default coercions (numbers from numeric
 * strings and truncated floats, text from numbers and booleans).
 */
import { TsdError } from '../../errors/tsd-error';
import type { HttpQuery } from '../http/http-query';
import { asText, parseLenientJson } from './lenient-json';

export type JsonObject = Readonly<Record<string, unknown>>;

export function missingContent(): TsdError {
  return new TsdError('Missing message content', 400, 'Supply valid JSON formatted data in the body of your request');
}

export function unparseable(details: string): TsdError {
  return new TsdError('Unable to parse the given JSON', 400, details);
}

/** The body as JSON; numbers arrive as their text (see lenient-json). */
export function parseJsonBody(q: HttpQuery): unknown {
  const text = q.bodyText();
  if (text === '') throw missingContent();
  try {
    return parseLenientJson(text);
  } catch (e) {
    throw unparseable((e as Error).message);
  }
}

export function parseJsonObject(q: HttpQuery, what: string): JsonObject {
  const v = parseJsonBody(q);
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw unparseable(`Expected a JSON object for ${what}`);
  return v as JsonObject;
}

/** A String field: text, numbers and booleans by their text, null when absent. */
export function textField(o: JsonObject, name: string): string | null {
  const v = o[name];
  if (v === undefined || v === null) return null;
  const t = asText(v);
  if (t === null) throw unparseable(`Cannot read '${name}' as a string`);
  return t;
}

/** An int or long field (0 when absent or null); floats are truncated. */
export function integerField(o: JsonObject, name: string): number {
  const t = textField(o, name);
  if (t === null || t.trim() === '') return 0;
  const n = Number(t);
  if (!Number.isFinite(n) || /^\s*[-+]?(NaN|Infinity)/.test(t)) throw unparseable(`Cannot read '${name}' as a number: ${t}`);
  return Math.trunc(n);
}

/** A float or double field (NaN when absent, as TSMeta's defaults). */
export function numberField(o: JsonObject, name: string, absent: number): number {
  const t = textField(o, name);
  if (t === null || t.trim() === '') return absent;
  const n = Number(t);
  if (Number.isNaN(n) && t !== 'NaN') throw unparseable(`Cannot read '${name}' as a number: ${t}`);
  return n;
}

/** A boolean field: true, "true", or a non-zero integer. */
export function booleanField(o: JsonObject, name: string): boolean {
  const v = o[name];
  if (v === undefined || v === null || v === false) return false;
  if (v === true) return true;
  const t = String(v).trim();
  if (t === 'true' || t === 'True') return true;
  if (t === 'false' || t === 'False' || t === '' || t === 'null') return false;
  if (/^-?\d+$/.test(t)) return !/^-?0+$/.test(t);
  throw unparseable(`Cannot read '${name}' as a boolean: ${t}`);
}

/** A Map<String, String> field, or null. */
export function stringMapField(o: JsonObject, name: string): Record<string, string> | null {
  const v = o[name];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'object' || Array.isArray(v)) throw unparseable(`Cannot read '${name}' as an object of strings`);
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (x === null) continue;
    const t = asText(x);
    if (t === null) throw unparseable(`Cannot read '${name}.${k}' as a string`);
    out[k] = t;
  }
  return out;
}

/** A List<String> field, or null. */
export function stringListField(o: JsonObject, name: string): string[] | null {
  const v = o[name];
  if (v === undefined || v === null) return null;
  if (!Array.isArray(v)) throw unparseable(`Cannot read '${name}' as a list of strings`);
  return v.map((x, i) => {
    const t = asText(x);
    if (t === null) throw unparseable(`Cannot read '${name}[${i}]' as a string`);
    return t;
  });
}

/** Integer.parseInt of a query-string value, or null when it is not a Java int. */
export function parseJavaInt(text: string): number | null {
  if (!/^[-+]?\d+$/.test(text)) return null;
  const n = Number(text);
  return n >= -2147483648 && n <= 2147483647 ? n : null;
}
