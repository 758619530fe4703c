/**
 * The query arguments of `tsdb query`, `tsdb scan` and `tsdb fsck` (CliQuery.parseCommandLineQuery):
 *
 *   START [END] [+plotparam=value...] FUNC [rate [counter[,max[,reset]]]] [downsample MS FUNC] METRIC [tagk=tagv...] ...
 *
 * START and END are OpenTSDB dates cut to whole seconds; END is recognised only when it holds ':', '/'
 * or '-' or is a positive integer (so `now` is not an END). Each query's tags become group-by filters,
 * as TsdbQuery.setTimeSeries makes them, then the whole query is validated by the engine.
 */
import { javaHashMapOrder } from '../../core/java-text';
import { findAggregator } from '../../query/aggregate/aggregators';
import { parseTagWords } from '../../tsd/put/put-point';
import { DEFAULT_RATE_OPTIONS, newQuerySpec, newSubQuerySpec, type SubQuerySpec, type TSQuery } from '../../query/model';
import { mapToFilters } from '../../query/filters/filter-registry';
import type { TagVFilter } from '../../query/filters/tag-v-filter';
import { validateQuery, type ParseContext } from '../../query/parse/validate-query';
import { parseDateTimeString } from '../../query/time/date-time';
import { findTimeZone, UTC } from '../../query/time/time-zone';
import { parseJavaLong } from '../commands/uid/uid-lookup';

export class CliQueryError extends Error {
  override name = 'CliQueryError';
}

/** CliQuery's END test: a date-looking word, or a positive long. */
function looksLikeEnd(word: string): boolean {
  if (word.startsWith('+')) return false;
  if (word.includes(':') || word.includes('/') || word.includes('-')) return true;
  const n = parseJavaLong(word);
  return n !== undefined && n > 0n;
}

const toSeconds = (ms: number): number => (ms >= 0 ? Math.trunc(ms / 1000) : ms);

function parseRate(sub: SubQuerySpec, args: readonly string[], at: number): number {
  sub.rate = true;
  const word = args[at];
  if (word === undefined || !word.startsWith('counter')) return at;
  const parts = word.split(',');
  const long = (s: string): bigint => {
    const v = parseJavaLong(s);
    if (v === undefined) throw new CliQueryError(`For input string: "${s}"`);
    return v;
  };
  sub.rateOptions = {
    ...DEFAULT_RATE_OPTIONS,
    counter: true,
    counterMax: parts.length >= 2 && parts[1].length > 0 ? long(parts[1]) : DEFAULT_RATE_OPTIONS.counterMax,
    resetValue: parts.length >= 3 && parts[2].length > 0 ? long(parts[2]) : DEFAULT_RATE_OPTIONS.resetValue,
  };
  return at + 1;
}

/** A tag word: no space after its first char and an '=' after its first char. */
const isTagWord = (w: string): boolean => w.indexOf(' ', 1) < 0 && w.indexOf('=', 1) > 0;

/** One `FUNC [rate …] [downsample …] METRIC [tags]` from `at`; returns the sub-query and the next index. */
function parseSubQuery(args: readonly string[], start: number): [SubQuerySpec, number] {
  let i = start;
  const next = (what: string): string => {
    const w = args[i++];
    if (w === undefined) throw new CliQueryError(`Not enough arguments: missing the ${what}`);
    return w;
  };
  const sub = newSubQuerySpec();
  // Aggregators.get: checked as it is read, so a stray word (`now` as END) fails here.
  const aggregator = (name: string): string => {
    if (findAggregator(name) === undefined) throw new CliQueryError(`No such aggregator: ${name}`);
    return name;
  };
  sub.aggregator = aggregator(next('aggregator'));
  if (args[i] === 'rate') i = parseRate(sub, args, i + 1);
  if (args[i] === 'downsample') {
    i++;
    const interval = parseJavaLong(next('downsample interval'));
    if (interval === undefined) throw new CliQueryError(`Invalid downsample interval: ${args[i - 1]}`);
    sub.downsample = `${interval}ms-${aggregator(next('downsample function'))}`;
  }
  sub.metric = next('metric');
  const words: string[] = [];
  while (i < args.length && isTagWord(args[i])) words.push(args[i++]);
  // A word with a space is a Gnuplot option for this line: not used without --graph.
  if (i < args.length && args[i].indexOf(' ', 1) > 0) i++;
  let tags: Record<string, string>;
  try {
    tags = parseTagWords(words);
  } catch (e) {
    throw new CliQueryError((e as Error).message);
  }
  const filters: TagVFilter[] = [];
  // TsdbQuery.setTimeSeries walks a HashMap of the tags: its order is the filters' order.
  mapToFilters(javaHashMapOrder(Object.keys(tags)).map((k) => [k, tags[k]] as const), filters, true);
  sub.filters = filters;
  return [sub, i];
}

export function parseCliQuery(args: readonly string[], ctx: ParseContext): TSQuery {
  if (args.length === 0) throw new CliQueryError('Not enough arguments: missing the start date');
  const dates = { nowMs: ctx.nowMs, defaultZone: (ctx.defaultTimeZone && findTimeZone(ctx.defaultTimeZone)) || UTC };
  const startSec = toSeconds(parseDateTimeString(args[0], null, dates));
  const endSec = args.length > 3 && looksLikeEnd(args[1]) ? toSeconds(parseDateTimeString(args[1], null, dates)) : -1;
  let i = endSec < 0 ? 1 : 2;
  while (i < args.length && args[i].startsWith('+')) i++;
  const spec = newQuerySpec();
  if (startSec < 0) throw new CliQueryError(`Invalid start time: ${args[0]}`);
  spec.start = `${startSec * 1000}ms`;
  if (endSec > 0) spec.end = `${endSec * 1000}ms`;
  spec.queries = [];
  while (i < args.length) {
    const [sub, next] = parseSubQuery(args, i);
    spec.queries.push(sub);
    i = next;
  }
  if (spec.queries.length === 0) throw new CliQueryError('Not enough arguments, need at least one query.');
  return validateQuery(spec, ctx);
}
