/**
 * The express application behind the HTTP side of the port. One catch-all handler routes as
 * OpenTSDB's RpcHandler does (HttpQuery.explodeAPIPath): case-insensitive segments, an optional
 * `/api/vN` selector, trailing slashes ignored, 404 "Endpoint not found" for unknown API routes, and
 * every error rendered as OpenTSDB's error JSON (JSONP-wrapped on `?jsonp=`).
 */
import express, { type Express, type Request, type Response } from 'express';
import { TsdError } from '../../errors/tsd-error';
import type { Logger } from '../../logging/logger';
import { readBody } from './body';
import { applyCors, type CorsPolicy } from './cors';
import { sendLegacyError } from './legacy-error';
import { HttpQuery, sendRaw } from './http-query';
import { availableIn, type HttpRoutes } from './http-rpc';

export interface HttpAppOptions {
  readonly routes: HttpRoutes;
  readonly mode: string;
  readonly maxBodyBytes: number;
  readonly showStackTrace: boolean;
  readonly logger: Logger;
  /** tsd.http.request.cors_domains / cors_headers; CORS off when absent. */
  readonly cors?: CorsPolicy;
  /** Called for every request, for /api/stats. */
  readonly onRequest?: (route: string) => void;
}

const MAX_API_VERSION = 1;

interface Route {
  readonly apiVersion: number;
  readonly segments: string[];
  readonly legacy: boolean;
}

/** Splits the path as OpenTSDB does; throws OpenTSDB's errors for bad version selectors. */
export function explodePath(pathname: string): Route {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    decoded = pathname;
  }
  const parts = decoded.split('/').filter((s) => s !== '').map((s) => s.toLowerCase());
  if (parts[0] !== 'api') return { apiVersion: 0, segments: parts, legacy: true };
  const rest = parts.slice(1);
  if (rest.length > 0 && /^v\d/.test(rest[0])) {
    const digits = rest[0].slice(1);
    if (!/^\d+$/.test(digits)) throw new TsdError('Invalid API version format supplied', 400);
    const version = Number(digits);
    if (version > MAX_API_VERSION) {
      throw new TsdError(
        'Requested API version is greater than the max implemented',
        501,
        `API version [${version}] is greater than the max [${MAX_API_VERSION}]`,
      );
    }
    return { apiVersion: version, segments: rest.slice(1), legacy: false };
  }
  return { apiVersion: 1, segments: rest, legacy: false };
}

function parseParams(url: string): Map<string, string[]> {
  const params = new Map<string, string[]>();
  const q = url.indexOf('?');
  if (q < 0) return params;
  for (const [k, v] of new URLSearchParams(url.slice(q + 1))) {
    const list = params.get(k);
    if (list) list.push(v);
    else params.set(k, [v]);
  }
  return params;
}

export function errorJson(e: TsdError, showStackTrace: boolean): string {
  const error: Record<string, string | number> = { code: e.status, message: e.message };
  if (e.details) error.details = e.details;
  // OpenTSDB sends a Java stack trace by default; a client error's trace is just its first line.
  if (showStackTrace && e.stack) error.trace = e.status < 500 ? `${e.name}: ${e.message}` : e.stack;
  return JSON.stringify({ error });
}

function asTsdError(e: unknown): TsdError {
  if (e instanceof TsdError) return e;
  const message = e instanceof Error && e.message ? e.message : 'An unknown exception occurred';
  const out = new TsdError(message, 500);
  if (e instanceof Error) out.stack = e.stack;
  return out;
}

export function createHttpApp(options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  const log = options.logger;

  app.use(async (req: Request, res: Response) => {
    const params = parseParams(req.url);
    let apiVersion = 1;
    try {
      const pathname = req.url.split('?')[0];
      const route = explodePath(pathname);
      apiVersion = route.apiVersion;
      const body = await readBody(req, options.maxBodyBytes);
      const query = new HttpQuery(req, res, route.segments, route.apiVersion, body, params);
      // RpcHandler applies CORS after routing and before looking the endpoint up.
      const cors = options.cors ?? { domains: null, headers: '' };
      if (applyCors(cors, query.method, req.headers.origin, res)) {
        res.writeHead(200, { 'Content-Length': 0 }).end();
        return;
      }
      const table = route.legacy ? options.routes.legacy : options.routes.api;
      const name = route.segments[0] ?? '';
      const rpc = table.get(name);
      options.onRequest?.(route.legacy ? name : `api/${name}`);
      if (!rpc || !availableIn(options.mode, rpc.availability)) {
        throw new TsdError('Endpoint not found', 404);
      }
      await rpc.handle(query);
    } catch (e) {
      const err = asTsdError(e);
      if (err.status >= 500) log.error('HTTP request failed', { method: req.method, url: req.url, error: err.stack });
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const notFound = err.status === 404 && err.message === 'Endpoint not found';
      if (apiVersion === 0) {
        sendLegacyError(res, err, notFound, params.has('json'));
        return;
      }
      const jsonp = params.get('jsonp')?.[0];
      const json = notFound
        ? JSON.stringify({ error: { code: 404, message: err.message } })
        : errorJson(err, options.showStackTrace);
      sendRaw(res, err.status, jsonp ? `${jsonp}(${json})` : json);
    }
  });
  return app;
}
