/**
 * `/api/version` (the version object of strings) and legacy `/version` (RpcManager.Version): the two
 * lines telnet `version` prints as plain text, or the object when the URI ends with `json`.
 */
import { versionInfo, versionLines } from '../../version';
import type { HttpQuery } from './http-query';
import type { HttpRpc } from './http-rpc';

export const versionRpc: HttpRpc = {
  availability: 'all',
  handle(q: HttpQuery): void {
    if (q.method !== 'GET' && q.method !== 'POST') q.notAllowed();
    if (q.apiVersion > 0 || q.req.url.endsWith('json')) return q.sendJson(200, versionInfo());
    q.res.type('text/plain').send(versionLines().map((l) => `${l}\n`).join(''));
  },
};
