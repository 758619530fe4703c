/**
 * An HTTP endpoint, as OpenTSDB's HttpRpc: registered under a route (`api/<route>` or a legacy
 * `<route>`), available in the TSD modes it declares, and handed the whole HttpQuery.
 */
import type { HttpQuery } from './http-query';

/** Which `tsd.mode`s serve the endpoint: writers are off in `ro`, readers off in `wo`. */
export type RpcAvailability = 'all' | 'write' | 'read';

export interface HttpRpc {
  readonly availability: RpcAvailability;
  handle(query: HttpQuery): Promise<void> | void;
}

export interface HttpRoutes {
  /** Keyed by the segment after `/api/`, lower case. */
  readonly api: ReadonlyMap<string, HttpRpc>;
  /** Keyed by the first path segment of legacy (version 0) URLs, lower case; '' is `/`. */
  readonly legacy: ReadonlyMap<string, HttpRpc>;
}

export function availableIn(mode: string, a: RpcAvailability): boolean {
  if (a === 'all') return true;
  if (mode === 'ro') return a === 'read';
  if (mode === 'wo') return a === 'write';
  return true;
}
