/**
 * The pure query engine of tsd-ts: OpenTSDB 2.4.1's `/api/query` semantics with no I/O and no clock.
 *
 * HTTP face:    parseQueryString(params, ctx) | parseQueryBody(body, ctx)  → TSQuery
 * Storage:      planSubQuery(q, i) → scan; pushDownLiterals(...); seriesFilter(sub, pushed) → Span[]
 * Engine:       runSubQuery(q, i, spans) → SubQueryResult (groups of points)
 * HTTP face:    serializeQueryResponse({ query, results, … }) → JSON text (or …Chunks to stream)
 */
export { aggregatorNames, findAggregator, type Aggregator } from './aggregate/aggregators';
export { loadedFilters, type FilterDescription } from './filters/filter-descriptions';
export type { FilterType, TagMap, TagVFilter } from './filters/tag-v-filter';
export { javaDoubleToString } from '../java/java-double';
export {
  lastPointRows,
  parseLastQueryBody,
  parseLastQueryString,
  serializeLastPoints,
  type LastPoint,
  type LastPointQuery,
  type LastPointSubQuery,
} from './last/last-point-query';
export { DEFAULT_RATE_OPTIONS, type FillPolicy, type RateOptions, type TSQuery, type TSSubQuery } from './model';
export { serializeQueryResponse, serializeQueryResponseChunks, type SerializeInput } from './output/serialize-query-response';
export { parseQueryBody } from './parse/parse-query-body';
export { parseQueryString, type QueryParams, type QueryStringContext } from './parse/parse-query-string';
export type { ParseContext } from './parse/validate-query';
export {
  planSubQuery,
  pushDownLiterals,
  type PlanOptions,
  type ResolvedTagKey,
  type SubQueryPlan,
  type TagKeyPlan,
} from './plan/plan-sub-query';
export { scanWindow, type ScanWindow } from './plan/scan-window';
export { seriesFilter } from './plan/series-filter';
export { QueryError } from './query-error';
export { runSubQuery, type RunOptions, type SubQueryResult } from './run-sub-query';
export { parseDuration } from './duration';
export { parseDateTimeString, type DateContext } from './time/date-time';
export { findTimeZone, type TimeZone } from './time/time-zone';
export { DEFAULT_UID_WIDTHS, type Annotation, type GroupResult, type Span, type UidWidths } from './types';
