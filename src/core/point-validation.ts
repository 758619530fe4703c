/**
 * The checks OpenTSDB applies to a data point before touching storage (TSDB.checkTimestampAndTags,
 * IncomingDataPoints.checkMetricAndTags), in its order and with its texts. They throw
 * IllegalPointError, which the faces render as `illegal argument: <message>`.
 */
import { validateSeriesNames } from '../uid/name-validation';
import { MAX_MS_TIMESTAMP, isMilliseconds } from './const';
import { javaMapToString } from '../java/java-text';

export class IllegalPointError extends Error {
  override name = 'IllegalPointError';
}

export interface PointLimits {
  readonly maxTags: number;
  /** tsd.core.tag.allow_specialchars */
  readonly allowSpecialChars: string;
}

/** Arrays.toString of signed bytes, as OpenTSDB prints a value in "bad timestamp" errors. */
function javaBytes(b: Buffer): string {
  return `[${[...b].map((x) => (x << 24) >> 24).join(', ')}]`;
}

export function checkTimestamp(metric: string, timestamp: number, value: Buffer, flags: number, tags: Readonly<Record<string, string | null>>): void {
  if (timestamp < 0) throw new IllegalPointError(`negative timestamp=${timestamp}`);
  if (isMilliseconds(timestamp) && timestamp > MAX_MS_TIMESTAMP) {
    throw new IllegalPointError(
      `bad timestamp=${timestamp} when trying to add value=${javaBytes(value)}/${flags} to metric=${metric}, tags=${javaMapToString(tags)}`,
    );
  }
}

export function checkMetricAndTags(metric: string, tags: Readonly<Record<string, string | null>>, limits: PointLimits): void {
  const n = Object.keys(tags).length;
  if (n <= 0) throw new IllegalPointError(`Need at least one tag (metric=${metric}, tags=${javaMapToString(tags)})`);
  if (n > limits.maxTags) {
    throw new IllegalPointError(`Too many tags: ${n} maximum allowed: ${limits.maxTags}, tags: ${javaMapToString(tags)}`);
  }
  try {
    validateSeriesNames(metric, tags, limits.allowSpecialChars);
  } catch (e) {
    throw new IllegalPointError((e as Error).message);
  }
}
