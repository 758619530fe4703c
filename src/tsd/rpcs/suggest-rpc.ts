/**
 * `/api/suggest` and legacy `/suggest` (SuggestRpc): names of one UID kind starting with `q`, in
 * byte order, at most `max` (25 when absent or not positive). API POSTs carry a JSON object; GETs and
 * the legacy route read the query string.
 */
import { TsdError } from '../../errors/tsd-error';
import type { Uids } from '../../core/series-resolver';
import type { HttpQuery } from '../http/http-query';
import type { HttpRpc } from '../http/http-rpc';
import { parseJavaInt, parseJsonObject, textField } from '../json/json-body';

const DEFAULT_MAX = 25;

interface SuggestRequest {
  readonly type: string;
  readonly q: string;
  readonly max: string | null;
}

function readRequest(q: HttpQuery): SuggestRequest {
  if (q.apiVersion > 0 && q.method === 'POST') {
    const body = parseJsonObject(q, 'a suggest query');
    const type = textField(body, 'type');
    if (type === null || type === '') throw new TsdError("Missing 'type' parameter", 400);
    return { type, q: textField(body, 'q') ?? '', max: textField(body, 'max') };
  }
  return { type: q.requiredParam('type'), q: q.param('q') ?? '', max: q.param('max') ?? null };
}

export function suggestRpc(uids: Uids): HttpRpc {
  return {
    availability: 'read',
    async handle(q) {
      if (q.method !== 'GET' && q.method !== 'POST') q.notAllowed();
      const request = readRequest(q);
      let max = 0;
      if (request.max !== null && request.max !== '') {
        const n = parseJavaInt(request.max);
        if (n === null) throw new TsdError("Unable to parse 'max' as a number", 400);
        max = n;
      }
      const kind = request.type === 'metrics' ? uids.metrics : request.type === 'tagk' ? uids.tagk : request.type === 'tagv' ? uids.tagv : null;
      if (kind === null) throw new TsdError(`Invalid 'type' parameter:${request.type}`, 400);
      q.sendJson(200, await kind.suggest(request.q, max > 0 ? max : DEFAULT_MAX));
    },
  };
}
