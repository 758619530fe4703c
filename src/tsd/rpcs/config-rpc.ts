/**
 * `/api/config` (ShowConfig): every configuration key and its string value, sorted, secrets masked;
 * `/api/config/filters`: the loaded tag-value filters with their descriptions and examples. Both GET
 * or POST, as are `/api/aggregators` and legacy `/aggregators` (the aggregator names).
 */
import type { Config } from '../../config/config';
import type { HttpRpc } from '../http/http-rpc';

export interface FilterInfo {
  readonly name: string;
  readonly fields: readonly (readonly [string, string])[];
}

/** The filter map with entries and fields in the order given (OpenTSDB's HashMap order). */
function filtersJson(filters: readonly FilterInfo[]): string {
  const str = JSON.stringify;
  return `{${filters.map((f) => `${str(f.name)}:{${f.fields.map(([k, v]) => `${str(k)}:${str(v)}`).join(',')}}`).join(',')}}`;
}

export function configRpc(config: Config, filters: () => readonly FilterInfo[]): HttpRpc {
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
