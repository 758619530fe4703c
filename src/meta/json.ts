/**
 * JSON as OpenTSDB's Jackson writes it into cells: compact, fields in a fixed order, non-finite
 * doubles as the strings "NaN", "Infinity", "-Infinity", and doubles in Java's Double.toString form.
 */
import { javaDoubleToString } from '../java/java-double';
import { javaHashMapOrder } from '../java/java-text';

/** A double field as Jackson writes it: numbers bare, non-finite values quoted. */
export function jacksonDouble(v: number): string {
  return Number.isFinite(v) ? javaDoubleToString(v) : `"${javaDoubleToString(v)}"`;
}

/** A string field (JSON.stringify escapes what Jackson escapes for these texts). */
export const jsonString = (s: string): string => JSON.stringify(s);

/** `null` or an object of string → string with keys in the given order. */
export function jsonStringMap(map: Readonly<Record<string, string>> | null, sortKeys: boolean): string {
  if (map === null) return 'null';
  const keys = Object.keys(map);
  if (sortKeys) keys.sort();
  return `{${keys.map((k) => `${jsonString(k)}:${jsonString(map[k])}`).join(',')}}`;
}

/** A Map<String, String> field as Jackson writes a java.util.HashMap: `null`, or keys in HashMap order. */
export function hashMapJson(map: Readonly<Record<string, string>> | null): string {
  if (map === null) return 'null';
  return `{${javaHashMapOrder(Object.keys(map)).map((k) => `${jsonString(k)}:${jsonString(map[k])}`).join(',')}}`;
}

/** A stored `custom` field: an object of strings, or null for anything else. */
export function customMap(v: unknown): Record<string, string> | null {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return null;
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, String(x)]));
}
