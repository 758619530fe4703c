/** `/api/version` and legacy `/version`: GET or POST, the version object of strings. */
import { versionInfo } from '../../version';
import type { HttpQuery } from './http-query';
import type { HttpRpc } from './http-rpc';

export const versionRpc: HttpRpc = {
  availability: 'all',
  handle(q: HttpQuery): void {
    if (q.method !== 'GET' && q.method !== 'POST') q.notAllowed();
    q.sendJson(200, versionInfo());
  },
};
