/**
 * The parts of a put shared by telnet `put` and `/api/put` (PutDataPointRpc.importDataPoint and
 * processDataPoint): parsing the telnet words, typing the value text, and sorting failures into
 * OpenTSDB's categories, whose words clients see (`put: illegal argument: …`).
 */
import { javaMapToString } from '../../java/java-text';
import { IllegalPointError } from '../../core/point-validation';
import type { EncodedValue } from '../../core/value-codec';
import { NumberFormatError, parseLong, parseValue, type ValueStyle } from '../../core/value-parser';
import { FailedToAssignUniqueIdError, NoSuchUniqueName, UidsExhaustedError } from '../../uid/errors';
import { InvalidNameError } from '../../uid/name-validation';
import { javaDoubleToString } from '../../java/java-double';

export type PutCategory = 'invalid value' | 'illegal argument' | 'unknown metric' | 'HBase error';

/** A rejected point: the category decides the telnet prefix and the HTTP detail text. */
export class PutError extends Error {
  override name = 'PutError';
  constructor(
    readonly category: PutCategory,
    message: string,
  ) {
    super(message);
  }

  /** The telnet reply line (without the newline). */
  telnetLine(command = 'put'): string {
    return `${command}: ${this.category}: ${this.message}`;
  }

  /** The `error` text of /api/put's per-point error objects. */
  httpDetail(): string {
    switch (this.category) {
      case 'invalid value':
        return 'Unable to parse value to a number';
      case 'unknown metric':
        return 'Unknown metric';
      case 'HBase error':
        return `Storage exception: ${this.message}`;
      default:
        return this.message;
    }
  }
}

const illegal = (message: string): PutError => new PutError('illegal argument', message);

/** Sorts any failure of the write path into a PutError. */
export function toPutError(e: unknown): PutError {
  if (e instanceof PutError) return e;
  if (e instanceof NumberFormatError) return new PutError('invalid value', e.message);
  if (e instanceof IllegalPointError || e instanceof InvalidNameError) return illegal(e.message);
  if (e instanceof NoSuchUniqueName) return new PutError('unknown metric', e.message);
  // OpenTSDB logs these without a reply; a client is better served by a line that says why.
  if (e instanceof UidsExhaustedError || e instanceof FailedToAssignUniqueIdError) return illegal(e.message);
  return new PutError('HBase error', e instanceof Error ? e.message : String(e));
}

/** Tags.parseLong on the timestamp text after removing every '.', as the telnet path does. */
export function parseTimestampText(text: string): number {
  const v = parseLong(text.includes('.') ? text.replaceAll('.', '') : text);
  return typeof v === 'bigint' ? Number(v) : v;
}

/** Tags.parse: `k=v`, both non-empty; a repeated key must repeat its value. */
export function addTag(tags: Record<string, string>, word: string): void {
  const eq = word.indexOf('=');
  if (eq <= 0 || eq === word.length - 1 || word.indexOf('=', eq + 1) >= 0) throw illegal(`invalid tag: ${word}`);
  const k = word.slice(0, eq);
  const v = word.slice(eq + 1);
  const existing = tags[k];
  if (existing === v) return;
  if (existing !== undefined) throw illegal(`duplicate tag: ${word}, tags=${javaMapToString(tags)}`);
  tags[k] = v;
}

export interface TelnetPut {
  readonly metric: string;
  readonly timestamp: number;
  readonly valueText: string;
  readonly tagWords: readonly string[];
}

/** The checks of importDataPoint up to the tags, in its order. */
export function parseTelnetPutWords(words: readonly string[]): TelnetPut {
  if (words.length < 5) throw illegal(`not enough arguments (need least 4, got ${words.length - 1})`);
  const metric = words[1];
  if (metric.length === 0) throw illegal('empty metric name');
  const timestamp = parseTimestampText(words[2]);
  if (timestamp <= 0) throw illegal(`invalid timestamp: ${timestamp}`);
  const valueText = words[3];
  if (valueText.length === 0) throw illegal('empty value');
  return { metric, timestamp, valueText, tagWords: words.slice(4) };
}

export function parseTagWords(words: readonly string[]): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const w of words) if (w.length > 0) addTag(tags, w);
  return tags;
}

/**
 * Types a value text as the put path does; rejects NaN and infinities as TSDB.addPoint does
 * ("value is NaN or Infinite: …"). `style` decides float32 vs double for non-integers.
 */
export function encodePutValue(text: string, style: ValueStyle, metric: string, timestamp: number): EncodedValue {
  const v = parseValue(text, style);
  if (!v.isInteger && !Number.isFinite(v.value as number)) {
    throw illegal(`value is NaN or Infinite: ${javaDoubleToString(v.value as number)} for metric=${metric} timestamp=${timestamp}`);
  }
  return v.encoded;
}
