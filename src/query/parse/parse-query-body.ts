/**
 * `POST /api/query`: the JSON body mapped onto TSQuery/TSSubQuery/TagVFilter/RateOptions the way
 * Jackson 2.9 does in OpenTSDB 2.4.1 (`HttpJsonSerializer.parseQueryV1`), then de-duplicated and
 * validated. Unknown fields are ignored except inside `rateOptions`; field names are case-sensitive;
 * setters run in document order, so a later `tags` replaces earlier `filters` and vice versa.
 */
import { buildFilter, mapToFilters } from '../filters/filter-registry';
import type { TagVFilter } from '../filters/tag-v-filter';
import {
  newQuerySpec,
  newSubQuerySpec,
  type QuerySpec,
  type RateOptions,
  type RollupUsage,
  type SubQuerySpec,
  type TSQuery,
} from '../model';
import { IllegalArgumentError, QueryError } from '../query-error';
import { asBoolean, asFloat, asList, asLong, asMap, asString, mappingError, MappingError, mismatch } from './jackson-coerce';
import { JsonSyntaxError, readJson, type JsonValue } from './json-reader';
import { dedupeSubQueries } from './sub-query-equality';
import { validateQuery, type ParseContext } from './validate-query';

const TSQUERY = 'net.opentsdb.core.TSQuery';
const TSSUBQUERY = 'net.opentsdb.core.TSSubQuery';
const NPE = 'An internal null pointer exception was thrown';
const ROLLUP_USAGES: readonly RollupUsage[] = ['ROLLUP_RAW', 'ROLLUP_NOFALLBACK', 'ROLLUP_FALLBACK', 'ROLLUP_FALLBACK_RAW'];
const QUERY_FLAGS = ['useCalendar', 'padding', 'noAnnotations', 'globalAnnotations', 'showTSUIDs', 'msResolution',
  'showQuery', 'showStats', 'showSummary', 'delete', 'overrideByteLimit', 'overrideDataPointLimit'] as const;
const SUB_FLAGS = ['rate', 'explicitTags', 'useFuzzyFilter', 'preAggregate', 'showHistogramBuckets', 'useMultiGets'] as const;

/** Parses, de-duplicates and validates a query body. Throws QueryError with OpenTSDB's texts. */
export function parseQueryBody(body: string, ctx: ParseContext): TSQuery {
  if (body.length === 0) {
    throw new QueryError('Missing message content', 400, 'Supply valid JSON formatted data in the body of your request');
  }
  let spec: QuerySpec;
  try {
    const root = readJson(body);
    if (root === null) throw new MappingError(MISMATCH_CLASS, 'No content to map due to end-of-input', '', body.length);
    if (root.kind === 'null') throw new QueryError(NPE, 500);
    if (root.kind !== 'object') throw mismatch(TSQUERY, root, '');
    spec = mapQuery(root);
  } catch (e) {
    throw toQueryError(e, body);
  }
  if (spec.queries === null) throw new QueryError(NPE, 500);
  spec.queries = dedupeSubQueries(spec.queries);
  return validateQuery(spec, ctx);
}

const MISMATCH_CLASS = 'com.fasterxml.jackson.databind.exc.MismatchedInputException';

function mapQuery(root: Extract<JsonValue, { kind: 'object' }>): QuerySpec {
  const q = newQuerySpec();
  for (const [name, v] of root.entries) {
    const path = `${TSQUERY}["${name}"]`;
    if (name === 'start' || name === 'end' || name === 'timezone') q[name] = asString(v, path);
    else if ((QUERY_FLAGS as readonly string[]).includes(name)) q[name as (typeof QUERY_FLAGS)[number]] = asBoolean(v, path);
    else if (name === 'queries') q.queries = asList(v, path, mapSubQuery);
    else if (name === 'options') {
      const entries = asMap(v, path, 'java.util.HashMap', (e, p) => asList(e, p, (s, sp) => asString(s, sp) ?? 'null'));
      q.options = entries === null ? null : Object.fromEntries(entries.map(([k, l]) => [k, l ?? []]));
    }
  }
  return q;
}

function mapSubQuery(v: JsonValue, at: string): SubQuerySpec {
  if (v.kind === 'null') throw new QueryError(NPE, 500);
  if (v.kind !== 'object') throw mismatch(TSSUBQUERY, v, at);
  const sub = newSubQuerySpec();
  for (const [name, e] of v.entries) {
    const path = `${at}->${TSSUBQUERY}["${name}"]`;
    if (name === 'aggregator' || name === 'metric' || name === 'downsample') sub[name] = asString(e, path);
    else if ((SUB_FLAGS as readonly string[]).includes(name)) sub[name as (typeof SUB_FLAGS)[number]] = asBoolean(e, path);
    else if (name === 'tsuids') sub.tsuids = asList(e, path, (s, p) => asString(s, p) ?? 'null');
    else if (name === 'rateOptions') sub.rateOptions = mapRateOptions(e, path);
    else if (name === 'tags') sub.filters = mapTags(e, path);
    else if (name === 'filters') sub.filters = asList(e, path, mapFilter) as TagVFilter[] | null;
    else if (name === 'percentiles') sub.percentiles = mapPercentiles(e, path);
    else if (name === 'rollupUsage') {
      const s = asString(e, path);
      sub.rollupUsage = s === null ? 'ROLLUP_NOFALLBACK' : ROLLUP_USAGES.find((u) => u === s.toUpperCase()) ?? 'ROLLUP_NOFALLBACK';
    } else if (name === 'index') asLong(e, path, 32);
    else if (name === 'filterTagKs' && e.kind !== 'null' && (sub.filters === null || sub.filters.length === 0)) {
      throw new MappingError(
        'com.fasterxml.jackson.databind.exc.InvalidDefinitionException',
        "Problem deserializing 'setterless' property 'filterTagKs': get method returned null",
        path,
        e.at,
      );
    }
  }
  return sub;
}

/** `setTags`: the map becomes group-by filters (`TagVFilter.tagsToFilters`), replacing any filters. */
function mapTags(v: JsonValue, path: string): TagVFilter[] {
  const entries = asMap(v, path, 'java.util.LinkedHashMap', asString);
  if (entries === null) throw mappingError('Cannot invoke "java.util.Map.size()" because "tags" is null', v, path);
  const filters: TagVFilter[] = [];
  try {
    mapToFilters(entries, filters, true);
  } catch (e) {
    if (e instanceof IllegalArgumentError) throw mappingError(e.message, v, path);
    throw e;
  }
  return filters;
}

/** `TagVFilter.Builder`: type, tagk, filter, groupBy (or group_by); unknown fields ignored. */
function mapFilter(v: JsonValue, path: string): TagVFilter {
  if (v.kind === 'null') throw new QueryError(NPE, 500);
  if (v.kind !== 'object') throw mismatch('net.opentsdb.query.filter.TagVFilter$Builder', v, path);
  const fields: { type: string | null; tagk: string | null; filter: string | null; groupBy: boolean } = {
    type: null,
    tagk: null,
    filter: null,
    groupBy: false,
  };
  for (const [name, e] of v.entries) {
    const p = `${path}->net.opentsdb.query.filter.TagVFilter$Builder["${name}"]`;
    if (name === 'type' || name === 'tagk' || name === 'filter') fields[name] = asString(e, p);
    else if (name === 'groupBy' || name === 'group_by') fields.groupBy = asBoolean(e, p);
  }
  try {
    return buildFilter(fields.type, fields.tagk, fields.filter, fields.groupBy);
  } catch (e) {
    if (!(e instanceof IllegalArgumentError)) throw e;
    throw new MappingError(
      'com.fasterxml.jackson.databind.exc.InvalidDefinitionException',
      `Cannot construct instance of \`net.opentsdb.query.filter.TagVFilter$Builder\`, problem: ${e.message}`,
      path,
      v.at,
    );
  }
}

const RATE_FIELDS = ['counterMax', 'resetValue', 'dropResets', 'counter', 'isCounter'];

/** RateOptions has no @JsonIgnoreProperties: an unknown field fails the whole body. */
function mapRateOptions(v: JsonValue, path: string): RateOptions | null {
  if (v.kind === 'null') return null;
  if (v.kind !== 'object') {
    throw new MappingError(
      MISMATCH_CLASS,
      'Cannot construct instance of `net.opentsdb.core.RateOptions` (although at least one Creator exists): ' +
        'no String-argument constructor/factory method to deserialize from String value',
      path,
      v.at,
    );
  }
  const o = { counter: false, counterMax: 9223372036854775807n, resetValue: 0n, dropResets: false };
  for (const [name, e] of v.entries) {
    const p = `${path}->net.opentsdb.core.RateOptions["${name}"]`;
    if (name === 'counter' || name === 'isCounter') o.counter = asBoolean(e, p);
    else if (name === 'dropResets') o.dropResets = asBoolean(e, p);
    else if (name === 'counterMax' || name === 'resetValue') o[name] = asLong(e, p);
    else {
      throw new MappingError(
        'com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException',
        `Unrecognized field "${name}" (class net.opentsdb.core.RateOptions), not marked as ignorable ` +
          `(5 known properties: ${RATE_FIELDS.map((f) => `"${f}"`).join(', ')}])`,
        p,
        e.at,
      );
    }
  }
  return o;
}

/** `setPercentiles` sorts the list; a null element makes Java's sort fail. */
function mapPercentiles(v: JsonValue, path: string): number[] | null {
  const list = asList(v, path, asFloat);
  if (list === null) return null;
  if (list.some((p) => p === null)) {
    throw mappingError('Cannot invoke "java.lang.Comparable.compareTo(Object)" because "a[runHi]" is null', v, path);
  }
  return (list as number[]).sort((a, b) => a - b);
}

function toQueryError(e: unknown, body: string): unknown {
  if (e instanceof QueryError) return e;
  const source = `\n at [Source: (String)"${body.length > 500 ? `${body.slice(0, 500)}"[truncated ${body.length - 500} chars]` : `${body}"`}; line: 1, column: `;
  if (e instanceof JsonSyntaxError) {
    const details = `com.fasterxml.jackson.core.JsonParseException: ${e.message}${source}${e.offset + 1}]`;
    return new QueryError('Unable to parse the given JSON', 400, details);
  }
  if (e instanceof MappingError) {
    const chain = e.path.length > 0 ? ` (through reference chain: ${e.path})` : '';
    const details = `${e.javaClass}: ${e.message}${source}${e.offset + 1}]${chain}`;
    return new QueryError('Unable to parse the given JSON', 400, details);
  }
  return e;
}
