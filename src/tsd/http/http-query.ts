/**
 * One HTTP request as OpenTSDB's HttpQuery sees it: the route from the exploded path, the API version,
 * query-string parameters (the last value wins, as getQueryStringParam), the body (already inflated), and
 * the answer helpers that apply JSONP and OpenTSDB's content type.
 */
import type { Request, Response } from 'express';
import { TsdError } from '../../errors/tsd-error';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'OPTIONS' | 'HEAD' | 'PATCH';

export const JSON_CONTENT_TYPE = 'application/json; charset=UTF-8';

/** Writes a JSON body with OpenTSDB's exact content type (express's send would lower-case the charset). */
export function sendRaw(res: Response, status: number, body: string): void {
  const bytes = Buffer.from(body, 'utf8');
  res.writeHead(status, { 'Content-Type': JSON_CONTENT_TYPE, 'Content-Length': bytes.length }).end(bytes);
}

export class HttpQuery {
  constructor(
    readonly req: Request,
    readonly res: Response,
    /** Lower-cased path segments after `api` and the version selector (`['query', 'last']`). */
    readonly segments: readonly string[],
    readonly apiVersion: number,
    readonly body: Buffer,
    readonly params: ReadonlyMap<string, readonly string[]>,
  ) {}

  get method(): HttpMethod {
    return this.req.method.toUpperCase() as HttpMethod;
  }

  /** The endpoint's own sub-path, e.g. `last` for /api/query/last. */
  get subPath(): string | undefined {
    return this.segments[1];
  }

  hasParam(name: string): boolean {
    return this.params.has(name);
  }

  /** The last value of a repeated parameter, as AbstractHttpQuery.getQueryStringParam. */
  param(name: string): string | undefined {
    const values = this.params.get(name);
    return values?.[values.length - 1];
  }

  paramValues(name: string): readonly string[] {
    return this.params.get(name) ?? [];
  }

  requiredParam(name: string): string {
    const v = this.param(name);
    if (v === undefined || v === '') throw TsdError.missingParameter(name);
    return v;
  }

  hasContent(): boolean {
    return this.body.length > 0;
  }

  /** The method after `method_override`, honoured only on GET (HttpQuery.getAPIMethod). */
  apiMethod(): HttpMethod {
    if (this.method !== 'GET' || !this.hasParam('method_override')) return this.method;
    const v = (this.param('method_override') ?? '').toUpperCase();
    if (v === '') throw new TsdError('Missing method override value', 405);
    if (v === 'GET' || v === 'POST' || v === 'PUT' || v === 'DELETE') return v;
    throw new TsdError('Unknown or unsupported method override value', 405);
  }

  /** The body as text, in the charset of Content-Type (UTF-8 by default). */
  bodyText(): string {
    const charset = /charset=([^;]+)/i.exec(this.req.headers['content-type'] ?? '')?.[1]?.trim().toLowerCase();
    return this.body.toString(charset === 'iso-8859-1' || charset === 'latin1' ? 'latin1' : 'utf8');
  }

  /** Sends JSON text (already serialized), wrapped for JSONP when asked. */
  sendJsonText(status: number, json: string): void {
    const jsonp = this.param('jsonp');
    const body = jsonp ? `${jsonp}(${json})` : json;
    sendRaw(this.res, status, body);
  }

  sendJson(status: number, value: unknown): void {
    this.sendJsonText(status, JSON.stringify(value));
  }

  /** 204 with OpenTSDB's content type and no body. */
  sendNoContent(): void {
    this.res.writeHead(204, { 'Content-Type': JSON_CONTENT_TYPE }).end();
  }

  /** A bare status line (sendStatusOnly), e.g. 304 when an edit changes nothing. */
  sendStatusOnly(status: number): void {
    this.res.writeHead(status, { 'Content-Length': 0 }).end();
  }

  notAllowed(): never {
    throw new TsdError('Method not allowed', 405, `The HTTP method [${this.method}] is not permitted for this endpoint`);
  }
}
