/**
 * CORS as OpenTSDB's RpcHandler applies it (`tsd.http.request.cors_domains`, `cors_headers`), so
 * Grafana's browser-side ("direct") mode can call the TSD. With no domain list, OPTIONS is refused
 * and Origin is ignored. With one, a listed (or `*`) origin gets the three Allow headers and OPTIONS
 * ends there with 200; an unlisted origin gets OpenTSDB's odd answer: status 200 with an error body.
 */
import type { Response } from 'express';
import { TsdError } from '../../errors/tsd-error';

export interface CorsPolicy {
  /** Upper-cased, trimmed origins (or `*`); null when CORS is off. */
  readonly domains: ReadonlySet<string> | null;
  readonly headers: string;
}

/** Reads and checks the two keys at start, with RpcHandler's messages. */
export function corsPolicy(domainList: string, headerList: string): CorsPolicy {
  let domains: Set<string> | null = null;
  if (domainList !== '') {
    const parts = domainList.split(',');
    domains = new Set();
    for (const d of parts) {
      if (d === '*' && parts.length > 1) {
        throw new RangeError('tsd.http.request.cors_domains must be a public resource (*) or a list of specific domains, you cannot mix both.');
      }
      domains.add(d.trim().toUpperCase());
    }
  }
  const headers = headerList.trim();
  if (!/^([a-zA-Z0-9_.-]+,\s*)*[a-zA-Z0-9_.-]+$/.test(headers)) {
    throw new RangeError('tsd.http.request.cors_headers must be a list of validly-formed HTTP header names. No wildcards are allowed.');
  }
  return { domains, headers };
}

/**
 * Applies the policy to one request before its endpoint runs. Returns true when the request is
 * answered (a pre-flight); throws TsdError when it is refused.
 */
export function applyCors(policy: CorsPolicy, method: string, origin: string | undefined, res: Response): boolean {
  const hasOrigin = origin !== undefined && origin !== '';
  if (method !== 'OPTIONS' && !(policy.domains !== null && hasOrigin)) return false;
  if (policy.domains === null || !hasOrigin) {
    throw new TsdError('Method not allowed', 405, `The HTTP method [${method}] is not permitted`);
  }
  if (!policy.domains.has('*') && !policy.domains.has(origin.toUpperCase())) {
    throw new TsdError('CORS domain not allowed', 200, `The domain [${origin}] is not permitted access`);
  }
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE');
  res.setHeader('Access-Control-Allow-Headers', policy.headers);
  return method === 'OPTIONS';
}
