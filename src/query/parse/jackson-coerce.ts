/**
 * Jackson 2.9's default coercions, as OpenTSDB's `JSON.parseToObject` applies them to query beans:
 * numbers and booleans are accepted where strings are expected (as their text), `"true"`/`"True"`,
 * `""`, `"null"` and integers where booleans are, numeric strings and truncated floats where longs are.
 * Failures carry Jackson's exception class, message and reference chain for the error `details`.
 */
import { LONG_MAX, LONG_MIN } from '../java-long';
import type { JsonValue } from './json-reader';

export class MappingError extends Error {
  override name = 'MappingError';
  constructor(
    readonly javaClass: string,
    message: string,
    readonly path: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const MISMATCH = 'com.fasterxml.jackson.databind.exc.MismatchedInputException';
const INVALID_FORMAT = 'com.fasterxml.jackson.databind.exc.InvalidFormatException';
const MAPPING = 'com.fasterxml.jackson.databind.JsonMappingException';

export const TOKEN: Readonly<Record<JsonValue['kind'], string>> = {
  object: 'START_OBJECT',
  array: 'START_ARRAY',
  string: 'VALUE_STRING',
  number: 'VALUE_NUMBER_INT',
  boolean: 'VALUE_TRUE',
  null: 'VALUE_NULL',
};

function tokenOf(v: JsonValue): string {
  if (v.kind === 'number') return /[.eEIN]/.test(v.text) ? 'VALUE_NUMBER_FLOAT' : 'VALUE_NUMBER_INT';
  if (v.kind === 'boolean') return v.value ? 'VALUE_TRUE' : 'VALUE_FALSE';
  return TOKEN[v.kind];
}

export function mismatch(type: string, v: JsonValue, path: string): MappingError {
  return new MappingError(MISMATCH, `Cannot deserialize instance of \`${type}\` out of ${tokenOf(v)} token`, path, v.at);
}

export function mappingError(message: string, v: JsonValue, path: string): MappingError {
  return new MappingError(MAPPING, message, path, v.at);
}

export function asString(v: JsonValue, path: string): string | null {
  switch (v.kind) {
    case 'string':
      return v.value;
    case 'number':
      return v.text;
    case 'boolean':
      return String(v.value);
    case 'null':
      return null;
    default:
      throw mismatch('java.lang.String', v, path);
  }
}

export function asBoolean(v: JsonValue, path: string): boolean {
  if (v.kind === 'boolean') return v.value;
  if (v.kind === 'null') return false;
  if (v.kind === 'number' && tokenOf(v) === 'VALUE_NUMBER_INT') return !/^-?0+$/.test(v.text);
  if (v.kind === 'string') {
    const t = v.value.trim();
    if (t === 'true' || t === 'True') return true;
    if (t === 'false' || t === 'False' || t === '' || t === 'null') return false;
    throw new MappingError(
      INVALID_FORMAT,
      `Cannot deserialize value of type \`boolean\` from String "${v.value}": only "true" or "false" recognized`,
      path,
      v.at,
    );
  }
  throw mismatch('boolean', v, path);
}

/** A Java `long` (or `int` when `bits` is 32), as bigint. */
export function asLong(v: JsonValue, path: string, bits: 32 | 64 = 64): bigint {
  const type = bits === 64 ? 'long' : 'int';
  const min = bits === 64 ? LONG_MIN : -2147483648n;
  const max = bits === 64 ? LONG_MAX : 2147483647n;
  let value: bigint;
  if (v.kind === 'null') return 0n;
  if (v.kind === 'number') {
    const n = Number(v.text);
    value = /^-?[0-9]+$/.test(v.text) ? BigInt(v.text) : Number.isFinite(n) ? BigInt(Math.trunc(n)) : 0n;
  } else if (v.kind === 'string') {
    const t = v.value.trim();
    if (t === '' || t === 'null') return 0n;
    if (!/^[+-]?[0-9]+$/.test(t)) {
      const what = bits === 64 ? 'Long' : 'Integer';
      throw new MappingError(
        INVALID_FORMAT,
        `Cannot deserialize value of type \`${type}\` from String "${v.value}": not a valid ${what} value`,
        path,
        v.at,
      );
    }
    value = BigInt(t);
  } else {
    throw mismatch(type, v, path);
  }
  if (value < min || value > max) {
    const text = v.kind === 'number' ? v.text : String(value);
    throw mappingError(`Numeric value (${text}) out of range of ${type} (${min} - ${max})`, v, path);
  }
  return value;
}

/** A Java `float`, as `Float.valueOf` or the JSON number rounds it. */
export function asFloat(v: JsonValue, path: string): number | null {
  if (v.kind === 'null') return null;
  if (v.kind === 'number') return Math.fround(Number(v.text));
  if (v.kind === 'string') {
    const n = Number(v.value.trim());
    if (v.value.trim() !== '' && Number.isFinite(n)) return Math.fround(n);
    throw new MappingError(
      INVALID_FORMAT,
      `Cannot deserialize value of type \`java.lang.Float\` from String "${v.value}": not a valid Float value`,
      path,
      v.at,
    );
  }
  throw mismatch('java.lang.Float', v, path);
}

/** A `List<T>`: an array only (ACCEPT_SINGLE_VALUE_AS_ARRAY is off); null stays null. */
export function asList<T>(v: JsonValue, path: string, item: (e: JsonValue, p: string) => T): T[] | null {
  if (v.kind === 'null') return null;
  if (v.kind !== 'array') throw mismatch('java.util.ArrayList', v, path);
  return v.items.map((e, i) => item(e, `${path}->java.util.ArrayList[${i}]`));
}

/** A `Map<String, T>` in document order; null stays null. */
export function asMap<T>(
  v: JsonValue,
  path: string,
  mapClass: string,
  item: (e: JsonValue, p: string) => T,
): Array<[string, T]> | null {
  if (v.kind === 'null') return null;
  if (v.kind !== 'object') throw mismatch(mapClass, v, path);
  return v.entries.map(([k, e]) => [k, item(e, `${path}->${mapClass}["${k}"]`)]);
}
