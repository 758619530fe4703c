/**
 * `/api/uid/uidmeta` (UniqueIdRpc.handleUIDMeta): GET one UID's meta, POST merges an edit, PUT
 * replaces the user fields, DELETE removes the meta cell. Edits come from a JSON UIDMeta body or from
 * the query string (`uid`, `type`, `display_name`, `description`, `notes`).
 */
import { fromHex, toHex } from '../../core/row-key';
import { TsdError } from '../../errors/tsd-error';
import { NoChangesError, setField, type MetaEdit } from '../../meta/meta-edit';
import { uidKindOf, uidMetaApiJson, type UidMeta } from '../../meta/uid-meta';
import { deleteUidMeta, getUidMeta, syncUidMeta, type UidMetaDeps } from '../../meta/uid-meta-store';
import { NoSuchUniqueId } from '../../uid/errors';
import type { UidKind } from '../../uid/uid-kind';
import type { HttpQuery } from '../http/http-query';
import type { HttpRpc } from '../http/http-rpc';
import { integerField, parseJsonObject, stringMapField, textField, unparseable } from '../json/json-body';

interface UidMetaRequest {
  readonly uid: string;
  readonly type: string | null;
  readonly edit: MetaEdit<UidMeta>;
}

/** A bad `type` or UID text is the client's error (2.4 lets these escape as a 500). */
function badInput(e: unknown): never {
  throw new TsdError((e as Error).message, 400, (e as Error).message);
}

function kindAndUid(type: string, uid: string): [UidKind, Buffer] {
  try {
    return [uidKindOf(type), fromHex(uid)];
  } catch (e) {
    return badInput(e);
  }
}

function fromQueryString(q: HttpQuery): UidMetaRequest {
  const uid = q.requiredParam('uid');
  const type = q.requiredParam('type');
  const edit: MetaEdit<UidMeta> = {};
  for (const [param, field] of [['display_name', 'displayName'], ['description', 'description'], ['notes', 'notes']] as const) {
    const v = q.param(param);
    if (v !== undefined) setField(edit, field, v, '');
  }
  return { uid, type, edit };
}

function fromBody(q: HttpQuery): UidMetaRequest {
  const o = parseJsonObject(q, 'a UIDMeta');
  const type = textField(o, 'type');
  if (type !== null) {
    try {
      uidKindOf(type);
    } catch (e) {
      throw unparseable((e as Error).message);
    }
  }
  const edit: MetaEdit<UidMeta> = {};
  for (const field of ['displayName', 'description', 'notes'] as const) {
    const v = textField(o, field);
    if (v !== null) setField(edit, field, v, '');
  }
  if ('created' in o) setField(edit, 'created', integerField(o, 'created'), 0);
  const custom = stringMapField(o, 'custom');
  if (custom !== null) edit.custom = custom;
  return { uid: textField(o, 'uid') ?? '', type, edit };
}

function notFound(e: unknown): never {
  if (e instanceof NoSuchUniqueId) throw new TsdError('Could not find the requested UID', 404, e.message);
  throw e;
}

async function update(deps: UidMetaDeps, q: HttpQuery, overwrite: boolean): Promise<void> {
  const r = q.hasContent() ? fromBody(q) : fromQueryString(q);
  if (r.uid === '') throw new TsdError('Missing UID', 400, 'Missing UID');
  if (r.type === null) throw new TsdError('Missing type', 400, 'Missing type');
  const [kind, uid] = kindAndUid(r.type, r.uid);
  try {
    if (!(await syncUidMeta(deps, kind, uid, r.edit, overwrite))) {
      throw new TsdError('Failed to save the UIDMeta to storage', 500, 'This may be caused by another process modifying storage data');
    }
    const { meta, name } = await getUidMeta(deps, kind, uid);
    q.sendJsonText(200, uidMetaApiJson(meta, toHex(uid), name));
  } catch (e) {
    if (e instanceof NoChangesError) return q.sendStatusOnly(304);
    notFound(e);
  }
}

export function uidMetaRpc(deps: UidMetaDeps): HttpRpc {
  return {
    availability: 'write',
    async handle(q) {
      const method = q.apiMethod();
      if (method === 'GET') {
        const uidText = q.requiredParam('uid');
        const [kind, uid] = kindAndUid(q.requiredParam('type'), uidText);
        const { meta, name } = await getUidMeta(deps, kind, uid).catch(notFound);
        return q.sendJsonText(200, uidMetaApiJson(meta, toHex(uid), name));
      }
      if (method === 'POST' || method === 'PUT') return update(deps, q, method === 'PUT');
      if (method === 'DELETE') {
        const r = q.hasContent() ? fromBody(q) : fromQueryString(q);
        if (r.uid === '' || r.type === null) {
          const why = r.uid === '' ? 'Missing UID' : 'Missing type';
          throw new TsdError('Unable to delete UIDMeta information', 400, why);
        }
        const [kind, uid] = kindAndUid(r.type, r.uid);
        await deleteUidMeta(deps, kind, uid);
        return q.sendNoContent();
      }
      throw new TsdError('Method not allowed', 405, `The HTTP method [${method}] is not permitted for this endpoint`);
    },
  };
}
