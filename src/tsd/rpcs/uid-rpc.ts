/**
 * `/api/uid/*` (UniqueIdRpc): `assign` and `rename` here, `uidmeta` and `tsmeta` in their own
 * modules; any other sub-path is 501 as in 2.4.
 */
import type { Uids } from '../../core/series-resolver';
import { TsdError } from '../../errors/tsd-error';
import { NoSuchUniqueName, RenameConflictError } from '../../uid/errors';
import { InvalidNameError, validateName } from '../../uid/name-validation';
import { toHex } from '../../core/row-key';
import type { UniqueId } from '../../uid/unique-id';
import type { HttpQuery } from '../http/http-query';
import type { HttpRpc } from '../http/http-rpc';
import { parseJsonObject, unparseable } from '../json/json-body';
import { asText } from '../json/lenient-json';

export interface UidRpcDeps {
  readonly uids: Uids;
  /** tsd.core.tag.allow_specialchars */
  readonly specialChars: string;
  readonly uidMeta: HttpRpc;
  readonly tsMeta: HttpRpc;
}

/** The UniqueId of TSDB.assignUid's type words (`metric`, `tagk`, `tagv`, any case). */
function kindOf(uids: Uids, type: string): UniqueId {
  const t = type.toLowerCase();
  if (t === 'metric') return uids.metrics;
  if (t === 'tagk') return uids.tagk;
  if (t === 'tagv') return uids.tagv;
  throw new RangeError('Unknown type name');
}

/** String.split(",") as Java does it: trailing empty strings are dropped. */
function javaSplitComma(s: string): string[] {
  const parts = s.split(',');
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** Sorted as a TreeMap<String, String> (UTF-16 code units, like String.compareTo). */
function treeMap(entries: [string, string][]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) out[k] = v;
  return out;
}

function assignSource(q: HttpQuery): Map<string, (string | null)[]> {
  const source = new Map<string, (string | null)[]>();
  if (q.method === 'POST') {
    for (const [type, list] of Object.entries(parseJsonObject(q, 'UIDs to assign'))) {
      if (list === null) continue;
      if (!Array.isArray(list)) throw unparseable(`Cannot read '${type}' as a list of names`);
      source.set(type, list.map((n: unknown) => asText(n)));
    }
    return source;
  }
  for (const type of ['metric', 'tagk', 'tagv']) {
    const values = q.param(type);
    if (values !== undefined && values !== '') source.set(type, javaSplitComma(values));
  }
  return source;
}

/** TSDB.assignUid: validate the name, refuse one that exists, assign otherwise. */
async function assignOne(deps: UidRpcDeps, type: string, name: string | null): Promise<string> {
  if (name === null) throw new InvalidNameError(`Invalid ${type}: null`);
  validateName(type, name, deps.specialChars);
  const uid = kindOf(deps.uids, type);
  try {
    const existing = await uid.getId(name);
    throw new InvalidNameError(`Name already exists with UID: ${toHex(existing)}`);
  } catch (e) {
    if (!(e instanceof NoSuchUniqueName)) throw e;
  }
  return toHex(await uid.getOrCreateId(name));
}

async function handleAssign(deps: UidRpcDeps, q: HttpQuery): Promise<void> {
  if (q.method !== 'GET' && q.method !== 'POST') q.notAllowed();
  const source = assignSource(q);
  if (source.size === 0) throw new TsdError('Missing values to assign UIDs', 400);
  const response: Record<string, Record<string, string>> = {};
  let errors = 0;
  for (const [type, names] of source) {
    const ok: [string, string][] = [];
    const failed: [string, string][] = [];
    for (const name of names) {
      try {
        ok.push([String(name), await assignOne(deps, type, name)]);
      } catch (e) {
        if (!(e instanceof InvalidNameError || e instanceof RangeError)) throw e;
        failed.push([String(name), e.message]);
        errors++;
      }
    }
    response[type] = treeMap(ok);
    if (failed.length > 0) response[`${type}_errors`] = treeMap(failed);
  }
  q.sendJson(errors === 0 ? 200 : 400, response);
}

function renameSource(q: HttpQuery): [string, string][] {
  if (q.method === 'POST') {
    return Object.entries(parseJsonObject(q, 'a rename')).map(([k, v]) => [k, asText(v) ?? '']);
  }
  const out: [string, string][] = [];
  for (const key of ['metric', 'tagk', 'tagv', 'name']) {
    const v = q.param(key);
    if (v !== undefined && v !== '') out.push([key, v]);
  }
  return out;
}

/** TSDB.renameUid; its refusals become the `error` text of a 400. */
async function renameOne(deps: UidRpcDeps, type: string, oldName: string, newName: string): Promise<void> {
  validateName(type, oldName, deps.specialChars);
  validateName(type, newName, deps.specialChars);
  const uid = kindOf(deps.uids, type);
  try {
    await uid.getId(oldName);
  } catch (e) {
    if (e instanceof NoSuchUniqueName) throw new InvalidNameError(`Name("${oldName}") does not exist`);
    throw e;
  }
  await uid.rename(oldName, newName);
}

async function handleRename(deps: UidRpcDeps, q: HttpQuery): Promise<void> {
  if (q.method !== 'GET' && q.method !== 'POST') {
    throw new TsdError('Method not allowed', 405, `The HTTP method[${q.method}] is not permitted for this endpoint`);
  }
  let type: string | null = null;
  let oldName: string | null = null;
  let newName: string | null = null;
  for (const [k, v] of renameSource(q)) {
    if (k === 'name') newName = v;
    else [type, oldName] = [k, v];
  }
  if (type === null || oldName === null || newName === null) throw new TsdError('Missing necessary values to rename UID', 400);
  try {
    await renameOne(deps, type, oldName, newName);
  } catch (e) {
    if (!(e instanceof InvalidNameError || e instanceof RangeError || e instanceof RenameConflictError)) throw e;
    return q.sendJson(400, { result: 'false', error: e.message });
  }
  q.sendJson(200, { result: 'true' });
}

export function uidRpc(deps: UidRpcDeps): HttpRpc {
  return {
    availability: 'write',
    handle(q) {
      switch (q.subPath) {
        case 'assign':
          return handleAssign(deps, q);
        case 'uidmeta':
          return deps.uidMeta.handle(q);
        case 'tsmeta':
          return deps.tsMeta.handle(q);
        case 'rename':
          return handleRename(deps, q);
        default:
          throw new TsdError('Other UID endpoints have not been implemented yet', 501);
      }
    },
  };
}
