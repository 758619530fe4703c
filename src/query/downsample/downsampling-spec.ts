/**
 * `DownsamplingSpecification(String)` of OpenTSDB 2.4.1: `<interval>[c]-<function>[-<fill>]`.
 * Anything containing `all` is one bucket for the whole range; a trailing `c` aligns buckets to the
 * calendar (as does the query's `useCalendar`), in the query's timezone (UTC by default).
 */
import { findAggregator, type Aggregator } from '../aggregate/aggregators';
import { parseDuration } from '../duration';
import type { FillPolicy } from '../model';
import { IllegalArgumentError } from '../query-error';
import { calendarUnit, type CalendarUnit } from '../time/java-calendar';
import { UTC, type TimeZone } from '../time/time-zone';

export interface DownsamplingSpec {
  /** Interval in ms; 0 for `all`. For calendar specs, the plain duration (used for the scan window). */
  readonly interval: number;
  /** The interval text without the `c`. */
  readonly stringInterval: string;
  readonly fn: Aggregator;
  readonly fillPolicy: FillPolicy;
  readonly runAll: boolean;
  readonly useCalendar: boolean;
  readonly timezone: TimeZone;
}

const FILL_POLICIES: readonly FillPolicy[] = ['none', 'zero', 'nan', 'null', 'scalar'];

export function parseDownsample(specification: string): DownsamplingSpec {
  const parts = specification.split('-');
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop(); // Java's String.split
  if (parts.length < 2) {
    throw new IllegalArgumentError(
      `Invalid downsampling specifier '${specification}': must provide at least interval and function`,
    );
  }
  if (parts.length > 3) {
    throw new IllegalArgumentError(
      `Invalid downsampling specifier '${specification}': must consist of interval, function, and ` +
        'optional fill policy',
    );
  }
  const head = parts[0];
  let interval = 0;
  let stringInterval = head;
  let useCalendar = false;
  if (!head.includes('all')) {
    if (head.length === 0) throw new IllegalArgumentError('String index out of range: -1');
    if (head[head.length - 1] === 'c') {
      stringInterval = head.slice(0, -1);
      useCalendar = true;
    }
    interval = parseDuration(stringInterval);
  }
  const fn = findAggregator(parts[1]);
  if (fn === undefined) throw new IllegalArgumentError(`No such downsampling function: ${parts[1]}`);
  if (fn.name === 'none') throw new IllegalArgumentError('cannot use the NONE aggregator for downsampling');
  let fillPolicy: FillPolicy = 'none';
  if (parts.length === 3) {
    const found = FILL_POLICIES.find((p) => p === parts[2].toLowerCase());
    if (found === undefined) throw new IllegalArgumentError(`Unrecognized fill policy: ${parts[2]}`);
    fillPolicy = found;
  }
  return { interval, stringInterval, fn, fillPolicy, runAll: interval === 0, useCalendar, timezone: UTC };
}

/** The calendar interval and unit, parsed when OpenTSDB builds the Downsampler (at query time). */
export function calendarInterval(spec: DownsamplingSpec): { count: number; unit: CalendarUnit } {
  const s = spec.stringInterval;
  const unitLength = s.toLowerCase().includes('ms') ? 2 : 1;
  const digits = s.slice(0, s.length - unitLength);
  if (!/^[+-]?[0-9]+$/.test(digits) || Math.abs(Number(digits)) > 2147483647) {
    throw new IllegalArgumentError(`For input string: "${digits}"`);
  }
  return { count: Number(digits), unit: calendarUnit(s.slice(s.length - unitLength)) };
}
