/**
 * `/api/config` (ShowConfig): every configuration key and its string value, sorted, secrets masked;
 * `/api/config/filters`: the loaded tag-value filters with their descriptions and examples. Both GET
 * or POST, as are `/api/aggregators` and legacy `/aggregators` (the aggregator names).
 */
import type { Config } from '../../config/config';
import type { HttpRpc } from '../http/http-rpc';

/** The loaded filters: each name with its fields (`description`, `examples`), in answer order. */
export type FilterList = ReadonlyArray<readonly [string, ReadonlyArray<readonly [string, string]>]>;

/** The filter map with entries and fields in the order given (OpenTSDB's HashMap order). */
function filtersJson(filters: FilterList): string {
  const str = JSON.stringify;
  return `{${filters.map(([name, fields]) => `${str(name)}:{${fields.map(([k, v]) => `${str(k)}:${str(v)}`).join(',')}}`).join(',')}}`;
}

export function configRpc(config: Config, filters: () => FilterList): HttpRpc {
  return {
    availability: 'all',
    handle(q) {
      if (q.method !== 'GET' && q.method !== 'POST') q.notAllowed();
      if (q.subPath === 'filters') return q.sendJsonText(200, filtersJson(filters()));
      q.sendJson(200, config.toDisplayMap());
    },
  };
}

export function aggregatorsRpc(names: () => readonly string[]): HttpRpc {
  return {
    availability: 'all',
    handle(q) {
      if (q.method !== 'GET' && q.method !== 'POST') q.notAllowed();
      q.sendJson(200, names());
    },
  };
}
