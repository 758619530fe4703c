/**
 * `GET /api/query` (`QueryRpc.parseQuery` of OpenTSDB 2.4.1): `start` (required), `end`, presence
 * flags, then all `tsuid=` sub-queries followed by all `m=` ones, de-duplicated and validated.
 * Flags count by presence (`ms=false` still turns ms on); single-valued parameters take the last value.
 * As in 2.4.1, `timezone` and `use_calendar` are not read from the query string.
 */
import { newQuerySpec, type QuerySpec, type TSQuery } from '../model';
import { TsdError } from '../../errors/tsd-error';
import { QueryError } from '../query-error';
import { parseMSubQuery, parseTsuidSubQuery } from './m-subquery';
import { dedupeSubQueries } from './sub-query-equality';
import { validateQuery, type ParseContext } from './validate-query';

/** What the HTTP face hands over: URLSearchParams fits. */
export interface QueryParams {
  getAll(name: string): string[];
  has(name: string): boolean;
}

export interface QueryStringContext extends ParseContext {
  /**
   * A DELETE request (or `method_override=delete`) with `tsd.http.query.allow_delete=true`: the HTTP
   * face decides, since OpenTSDB rejects a DELETE verb with the setting off before parsing.
   */
  readonly deleteRequested?: boolean;
}

const FLAGS: ReadonlyArray<readonly [string, keyof QuerySpec]> = [
  ['padding', 'padding'],
  ['no_annotations', 'noAnnotations'],
  ['global_annotations', 'globalAnnotations'],
  ['show_tsuids', 'showTSUIDs'],
  ['ms', 'msResolution'],
  ['show_query', 'showQuery'],
  ['show_stats', 'showStats'],
  ['show_summary', 'showSummary'],
];

export function parseQueryString(params: QueryParams, ctx: QueryStringContext): TSQuery {
  const spec = newQuerySpec();
  const start = params.getAll('start').at(-1);
  if (start === undefined || start.length === 0) throw TsdError.missingParameter('start');
  spec.start = start;
  spec.end = params.getAll('end').at(-1) ?? null;
  for (const [param, field] of FLAGS) if (params.has(param)) (spec[field] as boolean) = true;
  const queries = [
    ...params.getAll('tsuid').map(parseTsuidSubQuery),
    ...params.getAll('m').map(parseMSubQuery),
  ];
  if (queries.length === 0) throw new QueryError('Missing sub queries');
  spec.queries = dedupeSubQueries(queries);
  if (ctx.deleteRequested === true) spec.delete = true;
  return validateQuery(spec, ctx);
}
